import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The real pre-commit, in every version the tests cover: the distribution's
 * `pre-commit` on PATH (Debian's 3.0.4 in CI) and the current PyPI release
 * that `bin/precommit-install.sh` puts in `.precommit-venv/`.
 */

export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface PreCommit {
  label: string;
  bin: string;
  version: string;
}

function versionOf(bin: string): string | undefined {
  const r = spawnSync(bin, ["--version"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim().replace(/^pre-commit\s+/, "") : undefined;
}

/**
 * The installed pre-commit versions. Missing ones fail under CI=true (`.ci/run`
 * installs both) and are skipped with a message elsewhere.
 */
export function preCommits(): PreCommit[] {
  const candidates = [
    { label: "distribution", bin: "pre-commit", how: "apt-get install pre-commit" },
    {
      label: "PyPI",
      bin: join(PROJECT_ROOT, ".precommit-venv", "bin", "pre-commit"),
      how: "bash bin/precommit-install.sh",
    },
  ];
  const found: PreCommit[] = [];
  for (const c of candidates) {
    const version = versionOf(c.bin);
    if (version) {
      found.push({ label: c.label, bin: c.bin, version });
      continue;
    }
    if (process.env.CI === "true") throw new Error(`CI=true but the ${c.label} pre-commit is missing (${c.how})`);
    console.warn(`skipping the ${c.label} pre-commit: not installed (${c.how})`);
  }
  return found;
}

/** git with no user or system configuration, and a fixed identity. */
export const GIT_ENV = {
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_SYSTEM: "/dev/null",
  GIT_AUTHOR_NAME: "t",
  GIT_AUTHOR_EMAIL: "t@example.com",
  GIT_COMMITTER_NAME: "t",
  GIT_COMMITTER_EMAIL: "t@example.com",
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, ...GIT_ENV },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/**
 * A hook repository as users get it: a `git clone` of this project, with the
 * files the hooks run (the manifest, a bundle built now from the current
 * sources, the schemas and templates the bundle reads) taken from the working
 * tree and committed, so uncommitted work is what gets tested, and in CI's
 * clean clone the same files as HEAD. Returns the path and the commit.
 */
export function hookRepository(into: string): { path: string; rev: string } {
  const path = join(into, "triton-repo");
  git(into, "clone", "--quiet", "--no-hardlinks", PROJECT_ROOT, path);
  for (const file of [".pre-commit-hooks.yaml", "package.json", "schemas", "src/render/templates", "hooks/build.mjs"]) {
    rmSync(join(path, file), { recursive: true, force: true });
    cpSync(join(PROJECT_ROOT, file), join(path, file), { recursive: true });
  }
  execFileSync(
    process.execPath,
    [join(PROJECT_ROOT, "hooks", "build.mjs"), "--out", join(path, "hooks", "gen-repo.cjs")],
    {
      cwd: PROJECT_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  git(path, "add", "--all");
  if (git(path, "status", "--porcelain").trim() !== "")
    git(path, "commit", "--quiet", "--no-verify", "-m", "snapshot of the working tree");
  return { path, rev: git(path, "rev-parse", "HEAD").trim() };
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function exists(path: string): boolean {
  return existsSync(path);
}
