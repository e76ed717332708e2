/**
 * Variables that make Node itself do work before any program runs, so a
 * whole-process time measured with them says as much about the machine as
 * about the program. NODE_EXTRA_CA_CERTS is the one that matters here: Node 20
 * reads and parses the named certificate bundle at every start (a bare
 * `node -e ""` took 60 ms with this machine's bundle named, 25 ms without;
 * Node 22 reads it only when TLS is used). NODE_OPTIONS may preload modules.
 */
export const NODE_START_VARIABLES = ["NODE_EXTRA_CA_CERTS", "NODE_OPTIONS"] as const;

/** `env` without NODE_START_VARIABLES: Node starting with its defaults, as on most developers' machines. */
export function nodeDefaultsEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const clean = { ...env };
  for (const name of NODE_START_VARIABLES) delete clean[name];
  return clean;
}

/** Which of NODE_START_VARIABLES this environment sets (the bench then also times runs as it is configured). */
export function nodeStartVariablesSet(env: NodeJS.ProcessEnv = process.env): string[] {
  return NODE_START_VARIABLES.filter((name) => env[name] !== undefined && env[name] !== "");
}
