import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cachedRoot: string | undefined;

/**
 * The folder that holds triton-repo's own `package.json` and `schemas/`.
 * Found by walking up from this module, because the module runs both from
 * `src/` (tests, tsx) and from `dist/src/` (the installed CLI).
 */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "schemas", "model_config.proto")) && existsSync(join(dir, "package.json"))) {
      cachedRoot = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`triton-repo: cannot find schemas/model_config.proto above ${import.meta.url}`);
    dir = parent;
  }
}

export function schemaPath(name = "model_config.proto"): string {
  return join(packageRoot(), "schemas", name);
}
