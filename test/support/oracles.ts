import { execFileSync, spawnSync } from "node:child_process";

/**
 * protoc and Python's protobuf are the reference implementations we test
 * against. Missing under CI=true is a failure; elsewhere the suites skip.
 */
function has(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { stdio: "ignore" });
  return r.status === 0;
}

export function protocAvailable(): boolean {
  const ok = has("protoc", ["--version"]);
  if (!ok && process.env.CI === "true") throw new Error("CI=true but protoc is not installed");
  if (!ok) console.warn("skipping protoc differential tests: protoc not found (apt-get install protobuf-compiler)");
  return ok;
}

export function pythonProtobufAvailable(): boolean {
  const ok = has("/usr/bin/python3", ["-c", "import google.protobuf"]);
  if (!ok && process.env.CI === "true") throw new Error("CI=true but python3-protobuf is not installed");
  if (!ok) console.warn("skipping python protobuf tests: python3-protobuf not found");
  return ok;
}

export { execFileSync };
