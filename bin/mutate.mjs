#!/usr/bin/env node
// npm run mutate [-- MODULE ...] [--check] [--in-place] [--survivors] [--report]: mutation testing of the modules of
// bin/mutation-modules.mjs, all in one run (reports/mutation/all.*) or the
// named ones one by one (reports/mutation/MODULE.*), each run with its own
// incremental file, so a rerun mutates only what changed since the last. Prints one line per
// module (mutants, killed, timed out, survived, without coverage, score, met)
// and writes reports/mutation/summary.json; --check exits 1 when a module is
// below the target. The surviving mutants are in the run's .html and .json
// under reports/mutation/; --survivors lists them, a line each. --report prints
// the table from the newest reports on disk without running Stryker.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { Stryker } from "@stryker-mutator/core";
import { MUTATION_MODULES, MUTATION_TARGET } from "./mutation-modules.mjs";

const args = process.argv.slice(2);
const check = args.includes("--check");
// Stryker mutates the files themselves instead of a copy under .stryker-tmp/ (and puts them back after):
// for a worktree of its own, where the copy's private folders would stop the suites that run as nobody.
const inPlace = args.includes("--in-place");
const names = args.filter((a) => !a.startsWith("--"));
const unknown = names.filter((n) => !MUTATION_MODULES.some((m) => m.name === n));
if (unknown.length > 0) {
  console.error(`mutate: no module ${unknown.join(", ")}; the modules: ${MUTATION_MODULES.map((m) => m.name).join(", ")}`);
  process.exit(2);
}
const modules = names.length === 0 ? MUTATION_MODULES : MUTATION_MODULES.filter((m) => names.includes(m.name));

/** Stryker's statuses, counted the way its own score counts them. */
function score(results) {
  const count = (...statuses) => results.filter((r) => statuses.includes(r.status)).length;
  const killed = count("Killed");
  const timeout = count("Timeout");
  const survived = count("Survived");
  const noCoverage = count("NoCoverage");
  const ignored = count("Ignored");
  const errors = count("RuntimeError", "CompileError");
  const detected = killed + timeout;
  const valid = detected + survived + noCoverage;
  return {
    mutants: results.length,
    killed,
    timeout,
    survived,
    noCoverage,
    ignored,
    errors,
    score: valid === 0 ? 100 : Math.round((detected / valid) * 1000) / 10,
  };
}

/**
 * Whether a module's globs take this file. The modules use two forms only,
 * a file and a folder with every .ts file under it (`src/x/` then two stars,
 * a slash, `*.ts`); either may be negated with `!`.
 */
function inModule(module, file) {
  const matches = (glob) => {
    if (!glob.includes("*")) return file === glob;
    const folder = glob.match(/^(.+)\/\*\*\/\*\.ts$/)?.[1];
    if (folder === undefined) throw new Error(`mutation-modules.mjs: unsupported glob ${glob}`);
    return file.startsWith(`${folder}/`) && file.endsWith(".ts");
  };
  const positive = module.files.filter((g) => !g.startsWith("!"));
  const negative = module.files.filter((g) => g.startsWith("!")).map((g) => g.slice(1));
  return positive.some(matches) && !negative.some(matches);
}

/** One Stryker run over these files, remembered in its own incremental file; `tests` narrows the suites. */
function run(label, files, tests) {
  console.log(`mutate: ${label}${tests === undefined ? "" : ` (suites: ${tests.join(" ")})`}`);
  // read by vitest.mutate.config.ts in Stryker's workers, which inherit the environment
  if (tests === undefined) delete process.env.TRITON_REPO_MUTATE_TESTS;
  else process.env.TRITON_REPO_MUTATE_TESTS = JSON.stringify(tests);
  return new Stryker({
    mutate: files,
    inPlace,
    incrementalFile: `reports/mutation/${label}.incremental.json`,
    reporters: ["progress-append-only", "json", "html"],
    jsonReporter: { fileName: `reports/mutation/${label}.json` },
    htmlReporter: { fileName: `reports/mutation/${label}.html` },
  }).runMutationTest();
}

/**
 * The mutants of a module in the newest report that holds them: its own run's,
 * else the newest other report with its files (a module split out of another
 * one is scored from that one's run until it has its own), or undefined.
 */
function mutantsOf(module) {
  const own = `reports/mutation/${module.name}.json`;
  const others = ["all", ...MUTATION_MODULES.map((m) => m.name).filter((n) => n !== module.name)]
    .map((name) => `reports/mutation/${name}.json`)
    .filter((file) => existsSync(file))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  for (const report of existsSync(own) ? [own] : others) {
    const found = [];
    for (const [file, { mutants }] of Object.entries(JSON.parse(readFileSync(report, "utf8")).files)) {
      if (inModule(module, file)) for (const m of mutants) found.push({ file, ...m });
    }
    if (found.length > 0) return Object.assign(found, { report });
  }
  return undefined;
}

/**
 * --survivors: the mutants no test detected in the newest report of each named
 * module (its own run's, else the run of all), one line each, to review.
 */
if (args.includes("--survivors")) {
  for (const module of modules) {
    const mutants = mutantsOf(module);
    if (mutants === undefined) {
      console.error(`mutate: no report for ${module.name}: run npm run mutate -- ${module.name}`);
      process.exitCode = 2;
      continue;
    }
    for (const m of mutants) {
      if (m.status !== "Survived" && m.status !== "NoCoverage") continue;
      const at = `${m.file}:${m.location.start.line}:${m.location.start.column}`;
      console.log(`${at}  ${m.status}  ${m.mutatorName}  ${JSON.stringify(m.replacement ?? "")}`);
    }
  }
  process.exit();
}

mkdirSync("reports/mutation", { recursive: true });
const summary = [];
if (args.includes("--report")) {
  // the scores of the newest reports on disk, module by module, without running anything
  for (const module of modules) {
    const mutants = mutantsOf(module);
    if (mutants === undefined) console.error(`mutate: no report for ${module.name} (run npm run mutate -- ${module.name})`);
    else summary.push({ module: module.name, ...score(mutants), report: mutants.report });
  }
} else if (names.length === 0) {
  // one run for all (one initial test run), scored module by module
  const results = await run("all", MUTATION_MODULES.flatMap((m) => m.files));
  for (const module of modules) {
    const own = results.filter((r) => inModule(module, relative(process.cwd(), resolve(r.fileName))));
    summary.push({ module: module.name, ...score(own) });
  }
} else {
  for (const module of modules) {
    // scored on the module's own files only: a reused incremental result may name a file the module has since left
    const results = await run(module.name, module.files, module.tests);
    const own = results.filter((r) => inModule(module, relative(process.cwd(), resolve(r.fileName))));
    summary.push({ module: module.name, ...score(own) });
  }
}
for (const s of summary) s.met = s.score >= MUTATION_TARGET;

const header = ["module", "mutants", "killed", "timeout", "survived", "no cover", "ignored", "score", "met", "report"];
const rows = summary.map((s) => [
  s.module,
  s.mutants,
  s.killed,
  s.timeout,
  s.survived,
  s.noCoverage,
  s.ignored,
  `${s.score.toFixed(1)}%`,
  s.met ? "met" : `below ${MUTATION_TARGET}%`,
  // under --report, the run the figures come from (another module's run scores a module with that run's suites)
  s.report ?? "this run",
]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
for (const row of [header, ...rows]) console.log(row.map((c, i) => String(c).padEnd(widths[i])).join("  "));
writeFileSync("reports/mutation/summary.json", `${JSON.stringify({ target: MUTATION_TARGET, modules: summary }, null, 2)}\n`);
if (check && summary.some((s) => !s.met)) process.exit(1);
