import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runInProcess } from "../support/run-cli.js";
import { sharedAvailable, sharedPath } from "../support/shared.js";

/**
 * Real repositories from Triton's own projects with the verdicts Triton's
 * behaviour calls for (../shared/conformance/realworld/README.md): each case
 * runs through the CLI exactly as the README says, and its exit code,
 * errors, warnings and forbidden findings must agree with the manifest.
 * The oracle is the manifest, written from Triton's sources, never from
 * what this tool prints.
 */

type FileSpec = string | string[];

interface Expected {
  code: string;
  file: FileSpec;
  optional?: boolean;
}

interface Forbidden {
  code: string;
  file: FileSpec;
  why: string;
  severity?: "error" | "warning";
}

interface Case {
  id: string;
  root?: string;
  gpus: string;
  options?: string[];
  repositories?: string[];
  expect: "accept" | "reject";
  errors: Expected[];
  warnings_expected?: Expected[];
  forbidden: Forbidden[];
  warnings_allowed: boolean;
}

interface Reported {
  code: string;
  severity: "error" | "warning" | "info";
  file?: string;
  message: string;
}

const available = sharedAvailable();
const cases: Case[] = available
  ? (JSON.parse(readFileSync(sharedPath("conformance", "realworld", "manifest.json"), "utf8")) as Case[])
  : [];
const work = mkdtempSync(join(tmpdir(), "triton-realworld-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The README's file matching: one path lies inside the other, "." matches anywhere, a list is alternatives. */
function fileMatches(reported: string | undefined, expected: FileSpec): boolean {
  const alternatives = Array.isArray(expected) ? expected : [expected];
  return alternatives.some((want) => {
    if (want === ".") return true;
    if (reported === undefined) return false;
    const a = reported.replace(/\/+$/, "");
    const b = want.replace(/\/+$/, "");
    return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
  });
}

function removeGitkeep(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) removeGitkeep(path);
    else if (entry.name === ".gitkeep") rmSync(path);
  }
}

/** Compares one run with its case; returns every disagreement in words (empty when the case agrees). */
function disagreements(c: Case, code: number, reported: readonly Reported[]): string[] {
  const problems: string[] = [];
  const show = (d: Reported): string => `${d.severity} ${d.code} ${d.file ?? "-"}: ${d.message}`;
  const wantCode = c.expect === "accept" ? 0 : 1;
  if (code !== wantCode) problems.push(`exit code ${code}, expected ${wantCode} (${c.expect})`);
  const errors = reported.filter((d) => d.severity === "error");
  for (const want of c.errors) {
    if (want.optional) continue;
    if (!errors.some((d) => d.code === want.code && fileMatches(d.file, want.file)))
      problems.push(`missing error ${want.code} on ${JSON.stringify(want.file)}`);
  }
  for (const d of errors) {
    if (!c.errors.some((want) => d.code === want.code && fileMatches(d.file, want.file)))
      problems.push(`unexpected error: ${show(d)}`);
  }
  const warnings = reported.filter((d) => d.severity === "warning");
  const expectedWarnings = c.warnings_expected ?? [];
  for (const want of expectedWarnings) {
    if (!warnings.some((d) => d.code === want.code && fileMatches(d.file, want.file)))
      problems.push(`missing warning ${want.code} on ${JSON.stringify(want.file)}`);
  }
  if (!c.warnings_allowed) {
    for (const d of warnings) {
      if (!expectedWarnings.some((want) => d.code === want.code && fileMatches(d.file, want.file)))
        problems.push(`unexpected warning: ${show(d)}`);
    }
  }
  for (const f of c.forbidden) {
    for (const d of reported) {
      if (d.code !== f.code || !fileMatches(d.file, f.file)) continue;
      if (f.severity !== undefined ? d.severity === f.severity : d.severity !== "info")
        problems.push(`forbidden ${show(d)} (${f.why})`);
    }
  }
  return problems;
}

describe.skipIf(!available)("real-world repositories agree with their manifest", () => {
  it("the corpus is there", () => {
    expect(cases.length).toBeGreaterThan(30);
  });

  it("the comparison itself catches each kind of disagreement", () => {
    const c: Case = {
      id: "x",
      gpus: "0",
      expect: "reject",
      errors: [
        { code: "RL-4", file: ["a/m", "b/m"] },
        { code: "MC-83", file: "e/config.pbtxt", optional: true },
      ],
      warnings_expected: [{ code: "TR-3", file: "e" }],
      forbidden: [
        { code: "TR-5", file: ".", why: "host" },
        { code: "MC-86", file: "e/config.pbtxt", why: "open", severity: "error" },
      ],
      warnings_allowed: false,
    };
    const d = (severity: Reported["severity"], code: string, file: string): Reported => ({
      code,
      severity,
      file,
      message: "",
    });
    const agreeing = [
      d("error", "RL-4", "b/m/config.pbtxt"),
      d("warning", "TR-3", "e/config.pbtxt"),
      d("info", "MC-86", "e/config.pbtxt"),
      d("info", "TR-5", "m"),
    ];
    expect(disagreements(c, 1, agreeing)).toEqual([]);
    expect(disagreements(c, 0, agreeing)).toHaveLength(1);
    expect(disagreements(c, 1, agreeing.slice(1))).toEqual(['missing error RL-4 on ["a/m","b/m"]']);
    expect(disagreements(c, 1, [...agreeing, d("error", "MC-86", "e/config.pbtxt")])).toHaveLength(2);
    expect(disagreements(c, 1, [...agreeing, d("warning", "TR-5", "x/config.pbtxt")])).toHaveLength(2);
    expect(disagreements(c, 1, [...agreeing, d("warning", "MC-86", "e/config.pbtxt")])).toEqual([
      "unexpected warning: warning MC-86 e/config.pbtxt: ",
    ]);
    expect(disagreements(c, 1, [d("error", "RL-4", "a/m")])).toEqual(['missing warning TR-3 on "e"']);
  });

  for (const c of cases) {
    it(`${c.id}`, async () => {
      const dest = join(work, c.id);
      cpSync(sharedPath("conformance", "realworld", "roots", c.root ?? c.id), dest, { recursive: true });
      removeGitkeep(dest);
      const argv = [
        "validate",
        ...(c.repositories ?? ["."]),
        "--format",
        "json",
        "--gpus",
        c.gpus,
        ...(c.options ?? []),
      ];
      const run = await runInProcess(argv, { cwd: dest });
      if (run.code === 2 && /unknown option/.test(run.stderr))
        throw new Error(`option unsupported: ${run.stderr.trim()}`);
      let reported: Reported[];
      try {
        reported = (JSON.parse(run.stdout) as { diagnostics: Reported[] }).diagnostics;
      } catch {
        throw new Error(`no JSON report (exit ${run.code}): ${run.stderr || run.stdout}`);
      }
      expect(disagreements(c, run.code, reported)).toEqual([]);
    });
  }
});

/** Rewrites every config (.pbtxt) and model (.py) file under `dir` with the given line ends. */
function withLineEnds(dir: string, pbtxt: string, py: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) withLineEnds(path, pbtxt, py);
    else if (entry.name.endsWith(".pbtxt") || entry.name.endsWith(".py")) {
      const ending = entry.name.endsWith(".py") ? py : pbtxt;
      writeFileSync(path, readFileSync(path, "utf8").replace(/\r?\n/g, ending));
    }
  }
}

describe.skipIf(!available)("real-world repositories written on Windows or an old Mac", () => {
  // protobuf reads \r as a space; Python reads \r\n and \r as \n. Triton loads either as it loads the \n files,
  // so every finding must be the same, at the same place.
  const variants = [
    { name: "\\r\\n everywhere", pbtxt: "\r\n", py: "\r\n" },
    { name: "\\r model.py", pbtxt: "\n", py: "\r" },
  ];
  for (const c of cases) {
    it(`${c.id}`, async () => {
      // One folder for every variant: a hint may name a repository by its absolute path.
      const dest = join(work, `${c.id}.line-ends`);
      const report = async (ends?: { pbtxt: string; py: string }) => {
        rmSync(dest, { recursive: true, force: true });
        cpSync(sharedPath("conformance", "realworld", "roots", c.root ?? c.id), dest, { recursive: true });
        removeGitkeep(dest);
        if (ends) withLineEnds(dest, ends.pbtxt, ends.py);
        const argv = ["validate", ...(c.repositories ?? ["."]), "--format", "json", "--gpus", c.gpus];
        const run = await runInProcess([...argv, ...(c.options ?? [])], { cwd: dest });
        return { code: run.code, diagnostics: (JSON.parse(run.stdout) as { diagnostics: Reported[] }).diagnostics };
      };
      const written = await report();
      for (const variant of variants) expect(await report(variant), variant.name).toEqual(written);
    });
  }
});
