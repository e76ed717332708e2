import { type CliIo, type Command, UsageError, processIo } from "./io.js";
import { toolVersion } from "./version.js";
import { closestMatch } from "../diagnostics/suggest.js";

/**
 * Every command with its one-line summary, the one place summaries live.
 * Commands load lazily so that `gen-repo --version` and `--help` start
 * without the schema, protobufjs or any generator.
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  generate: {
    summary: "write a model repository, docker-compose.yml and scripts from a spec",
    load: async () => (await import("./commands/generate.js")).generateCommand,
  },
  init: {
    summary: "write a commented starter spec for gen-repo generate",
    load: async () => (await import("./commands/init.js")).initCommand,
  },
  print: {
    summary: "read one config.pbtxt and print it canonically, as JSON, or as Triton will see it",
    load: async () => (await import("./commands/print.js")).printCommand,
  },
  validate: {
    summary: "check model repositories against Triton's load-time rules",
    load: async () => (await import("./commands/validate.js")).validateCommand,
  },
  fmt: {
    summary: "format config.pbtxt files, keeping comments (--check for CI, --write in place)",
    load: async () => (await import("./commands/fmt.js")).fmtCommand,
  },
  diff: {
    summary: "semantic difference of two configs (or a config and a git revision), with reload and interface verdicts",
    load: async () => (await import("./commands/diff.js")).diffCommand,
  },
  serve: {
    summary: "start a real tritonserver on a model repository on 127.0.0.1 (local loop; --device cpu without a GPU)",
    load: async () => (await import("./commands/serve.js")).serveCommand,
  },
};

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    "gen-repo: build, check and generate NVIDIA Triton Inference Server model repositories",
    "",
    "usage: gen-repo <command> [options]",
    "",
    "commands:",
    ...lines,
    "",
    "options:",
    "  -h, --help     show help (also: gen-repo <command> --help)",
    "  -v, --version  print the version",
    "",
    "exit codes: 0 ok, 1 problems found, 2 usage error (a missing input file included) or internal failure",
    "",
  ].join("\n");
}

/** Runs the CLI with the given arguments and returns the exit code. Never throws. */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === "-h" || first === "--help" || first === "help") {
    io.stdout(help());
    return first === undefined ? 2 : 0;
  }
  if (first === "-v" || first === "--version") {
    io.stdout(`${toolVersion()}\n`);
    return 0;
  }
  const entry = COMMANDS[first];
  if (!entry) {
    const near = closestMatch(first, Object.keys(COMMANDS));
    const guess = near ? ` (did you mean "${near}"?)` : "";
    io.stderr(`gen-repo: unknown command "${first}"${guess}. Expected one of: ${Object.keys(COMMANDS).join(", ")}\n`);
    return 2;
  }
  try {
    const command = await entry.load();
    if (rest.includes("--help") || rest.includes("-h")) {
      io.stdout(command.usage.endsWith("\n") ? command.usage : `${command.usage}\n`);
      return 0;
    }
    return await command.run(rest, io);
  } catch (error: unknown) {
    if (error instanceof UsageError) {
      io.stderr(`gen-repo ${first}: ${error.message}\nrun "gen-repo ${first} --help" for usage\n`);
      return 2;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`gen-repo ${first}: internal error, please report it:\n${detail}\n`);
    return 2;
  }
}
