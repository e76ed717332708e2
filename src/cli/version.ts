import { readFileSync } from "node:fs";

/**
 * triton-repo's own version, from its package.json. Kept free of the schema
 * and every other module so that `gen-repo --version` starts fast.
 */
export function toolVersion(): string {
  // dist/src/cli/version.js, src/cli/version.ts or a bundle (dist/cli/, hooks/): the package root is one to three levels up.
  for (const up of ["../../../", "../../", "../"]) {
    const candidate = new URL(`${up}package.json`, import.meta.url);
    try {
      const pkg = JSON.parse(readFileSync(candidate, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "triton-repo" && pkg.version) return pkg.version;
    } catch {
      // try the next location
    }
  }
  return "unknown";
}
