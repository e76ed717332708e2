import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

/**
 * The README's CI steps work as written: the gen-repo commands of its GitHub
 * and GitLab jobs run (with the built binary for `npx gen-repo`) in a
 * checkout with a broken model, fail the job, and leave the report the next
 * step reads: SARIF with paths from the checkout's root, or the JSON report.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = join(ROOT, "bin", "gen-repo.js");
const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const ci = readme.slice(readme.indexOf("### In CI"));
const [github, gitlab] = [...ci.matchAll(/```yaml\n([\s\S]*?)```/g)].slice(0, 2).map((m) => parse(m[1] as string));

const work = mkdtempSync(join(tmpdir(), "triton-readme-ci-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function checkout(): string {
  const dir = mkdtempSync(join(work, "checkout-"));
  mkdirSync(join(dir, ".git"));
  mkdirSync(join(dir, "model_repository", "m", "1"), { recursive: true });
  writeFileSync(
    join(dir, "model_repository", "m", "config.pbtxt"),
    'name: "m"\nbackend: "python"\nmax_batch_size: 2\ndynamic_batching { preferred_batch_size: [ 8 ] }\n',
  );
  writeFileSync(
    join(dir, "model_repository", "m", "1", "model.py"),
    "class TritonPythonModel:\n    def execute(self, requests):\n        return []\n",
  );
  return dir;
}

/** Runs one step's shell command as the CI runner would, gen-repo being the built binary. */
function step(command: string, cwd: string): number | null {
  const shell = command.replaceAll("npx gen-repo", `node ${JSON.stringify(BIN)}`);
  return spawnSync("sh", ["-c", shell], { cwd, encoding: "utf8" }).status;
}

describe("README CI steps", () => {
  it("GitHub: the SARIF step fails the job and writes what upload-sarif reads, with root-relative paths", () => {
    const steps = github.jobs.validate.steps as Array<{
      run?: string;
      uses?: string;
      if?: string;
      with?: { sarif_file?: string };
    }>;
    const commands = steps.flatMap((s) => (s.run?.includes("gen-repo") ? [s.run] : []));
    const upload = steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif"));
    expect(commands).toHaveLength(1);
    expect(upload?.if).toBe("always()");
    const dir = checkout();
    expect(step(commands[0] as string, dir)).toBe(1);
    const sarif = JSON.parse(readFileSync(join(dir, upload?.with?.sarif_file as string), "utf8"));
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0].originalUriBaseIds["%SRCROOT%"].uri).toBe(pathToFileURL(`${dir}/`).href);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({
      uri: "model_repository/m/config.pbtxt",
      uriBaseId: "%SRCROOT%",
    });
    expect(github.permissions["security-events"]).toBe("write");
  });

  it("GitLab: the JSON step fails the job and keeps the report as an artifact", () => {
    const job = gitlab["triton-validate"] as { script: string[]; artifacts: { when: string; paths: string[] } };
    const commands = job.script.filter((c) => c.includes("gen-repo"));
    expect(commands).toHaveLength(1);
    const dir = checkout();
    expect(step(commands[0] as string, dir)).toBe(1);
    expect(job.artifacts.when).toBe("always");
    const report = JSON.parse(readFileSync(join(dir, job.artifacts.paths[0] as string), "utf8"));
    expect(report.diagnostics.map((d: { code: string }) => d.code)).toContain("MC-51");
    expect(report.summary.errors).toBeGreaterThan(0);
  });
});
