import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MessageValue } from "../../src/pbtxt/types.js";

/**
 * Running generated Python in tests: /usr/bin/python3 with numpy, the
 * triton_python_backend_utils double and the fake tritonclient under
 * test/python. Missing Python fails under CI=true and skips elsewhere.
 */
export const PYTHON = "/usr/bin/python3";
export const PYTHON_DIR = join(import.meta.dirname, "..", "python");

export function pythonWithNumpyAvailable(): boolean {
  const ok = spawnSync(PYTHON, ["-c", "import numpy"], { stdio: "ignore" }).status === 0;
  if (!ok && process.env.CI === "true") throw new Error("CI=true but /usr/bin/python3 with numpy is not installed");
  if (!ok) console.warn("skipping generated-Python tests: /usr/bin/python3 with numpy not found");
  return ok;
}

/** The model config as Triton passes it to initialize(): proto field names, 64-bit values as numbers. */
export function tritonConfigJson(config: MessageValue): string {
  return JSON.stringify(config, (_key, value: unknown) => (typeof value === "bigint" ? Number(value) : value));
}

export interface PythonRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runPython(
  args: string[],
  options: { input?: string; env?: Record<string, string>; cwd?: string } = {},
): PythonRun {
  const r = spawnSync(PYTHON, args, {
    input: options.input ?? "",
    encoding: "utf8",
    // No __pycache__ beside generated or golden files: py_compile writes bytecode under the prefix instead.
    env: {
      ...process.env,
      PYTHONDONTWRITEBYTECODE: "1",
      PYTHONPYCACHEPREFIX: join(tmpdir(), "triton-repo-pycache"),
      PYTHONIOENCODING: "utf-8",
      ...options.env,
    },
    cwd: options.cwd,
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs test/python/drive_model.py; returns its JSON report or throws with Python's stderr. */
export function driveModel(scenario: string, modelPy: string, config: MessageValue): unknown {
  const r = runPython([join(PYTHON_DIR, "drive_model.py"), scenario, modelPy], { input: tritonConfigJson(config) });
  if (r.status !== 0) throw new Error(`drive_model.py ${scenario} failed (${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout) as unknown;
}

/** `python3 -m py_compile FILE`: the exit status and compiler message. */
export function pyCompile(file: string): PythonRun {
  return runPython(["-m", "py_compile", file]);
}
