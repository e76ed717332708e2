import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/**
 * A model repository written to a temporary folder from a flat description:
 * `"m/config.pbtxt": "text"` is a file, `"m/1/": null` a directory,
 * `"link": { symlink: "target" }` a symbolic link.
 */
export type TreeSpec = Record<string, string | Buffer | null | { symlink: string }>;

const created: string[] = [];

export function makeTree(spec: TreeSpec): string {
  const root = mkdtempSync(join(tmpdir(), "triton-tree-"));
  created.push(root);
  writeTree(root, spec);
  return root;
}

export function writeTree(root: string, spec: TreeSpec): void {
  for (const [path, content] of Object.entries(spec)) {
    const full = join(root, path);
    if (content === null) {
      mkdirSync(full, { recursive: true });
    } else if (typeof content === "object" && !Buffer.isBuffer(content)) {
      mkdirSync(dirname(full), { recursive: true });
      symlinkSync(content.symlink, full);
    } else {
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
  }
}

/** Removes every tree made by this module (call from afterAll). */
export function removeTrees(): void {
  for (const root of created.splice(0)) rmSync(root, { recursive: true, force: true });
}

/** A small valid Python model: config plus model.py in version 1. */
export function pythonModel(name: string, configExtra = "", modelPy = PLAIN_MODEL_PY): TreeSpec {
  return {
    [`${name}/config.pbtxt`]: `name: "${name}"\nbackend: "python"\nmax_batch_size: 8\ninput [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]\noutput [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]\n${configExtra}`,
    [`${name}/1/model.py`]: modelPy,
  };
}

export const PLAIN_MODEL_PY = `import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.device = args["model_instance_device_id"]

    def execute(self, requests):
        return [pb_utils.InferenceResponse([]) for _ in requests]
`;
