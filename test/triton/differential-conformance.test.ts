/**
 * The validator against the real Triton on Triton's own QA cases
 * (`../shared/conformance/validation/`): each case is loaded through the
 * repository API of a running server and `gen-repo validate --gpus none
 * --backend-dir <its backends>` must reach the same verdict with an error
 * carrying Triton's message; every model Triton loads must have the config
 * `print --effective` computes. Triton, not the corpus's expectations, is the
 * oracle here: this Triton is 2.51 with only the Python backend, so a case
 * whose verdict comes from a backend it lacks is not judged (counted apart).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedAvailable, sharedPath } from "../support/shared.js";
import { realTriton } from "../support/triton.js";
import { JudgeServer } from "./support/judge-server.js";
import { readKnownDisagreements } from "./support/known-disagreements.js";
import {
  type EffectiveComparison,
  type OurVerdict,
  agreementOf,
  compareEffective,
  validateCase,
} from "./support/our-verdict.js";
import type { CaseVerdict } from "./support/triton-verdict.js";

interface Case {
  id: string;
  category: string;
  repository: string;
  layout: "model" | "repository";
  models: string[];
  server_args: string[][];
  files: { path: string; origin: string }[];
  keep_files: string[];
  platform_trials?: string[];
  config_edit?: { file: string; delete_lines_containing: string; append_line: string };
}

interface Run {
  id: string;
  root: string;
  autoComplete: boolean;
  models: string[];
}

interface Outcome {
  run: Run;
  stage: string;
  triton: CaseVerdict;
  ours: OurVerdict;
  judged: boolean;
  notJudgedWhy?: string;
  effective: EffectiveComparison[];
}

const triton = realTriton();
const available = sharedAvailable();

/** Reasons Triton gives when it needs a backend this install does not have: such a verdict says nothing about the case. */
const MISSING_BACKEND =
  /backend library for backend|unable to find backend|unable to load backend|backend '[^']*' is not found/i;
/** Triton opened one of the corpus's empty placeholders for a model binary. */
const PLACEHOLDER_BINARY = /unable to load shared library: .*: file too short/;

function autoCompleteOf(args: readonly string[]): boolean {
  return !args.some((a) => a === "--strict-model-config=true" || a === "--disable-auto-complete-config");
}

/** Why a case cannot be judged by this Triton before running it, or undefined. */
function skipReason(c: Case): string | undefined {
  if (c.category === "cli_messages") return "checks a tritonserver command-line warning, not a model";
  if (c.files.some((f) => f.origin === "placeholder" && f.path.endsWith(".py")))
    return "its model.py is an empty placeholder for a file the corpus does not ship";
  return undefined;
}

function stageRuns(c: Case, work: string): Run[] {
  const runs: Run[] = [];
  const modes = [...new Set(c.server_args.map(autoCompleteOf))];
  for (const autoComplete of modes) {
    for (const trial of c.platform_trials ?? [undefined]) {
      const id = `${c.id}${trial ? ` [${trial}]` : ""}${modes.length > 1 ? ` [auto-complete ${autoComplete ? "on" : "off"}]` : ""}`;
      const root = join(work, id.replace(/[^A-Za-z0-9_.-]+/g, "_"));
      cpSync(sharedPath("conformance", c.repository), root, { recursive: true });
      for (const keep of c.keep_files) rmSync(join(root, keep), { force: true });
      const edit = c.config_edit;
      if (edit && trial) {
        const file = join(root, edit.file);
        const kept = readFileSync(file, "utf8")
          .split("\n")
          .filter((line) => !line.includes(edit.delete_lines_containing));
        writeFileSync(file, `${kept.join("\n")}\n${edit.append_line.replace("{trial}", trial)}\n`);
      }
      runs.push({ id, root, autoComplete, models: c.models });
    }
  }
  return runs;
}

describe.skipIf(!triton || !available)("gen-repo validate against the real Triton: the QA cases", () => {
  const cases: Case[] = available
    ? (JSON.parse(readFileSync(sharedPath("conformance", "validation", "manifest.json"), "utf8")) as Case[])
    : [];
  const known = readKnownDisagreements();
  const work = mkdtempSync(join(tmpdir(), "triton-differential-qa-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const skipped = new Map<string, string>();
  const outcomes: Outcome[] = [];
  // One server per auto-complete mode; the model_metrics cases ask for latency histograms, no other case reads metrics.
  const slots = new Map<boolean, JudgeServer>();
  afterAll(async () => {
    await Promise.all([...slots.values()].map((slot) => slot.stopAll()));
  });

  beforeAll(async () => {
    const runs: Run[] = [];
    for (const c of cases) {
      const why = skipReason(c);
      if (why) skipped.set(c.id, why);
      else runs.push(...stageRuns(c, join(work, "cases")));
    }
    slots.set(true, await JudgeServer.start(work, "on", ["--metrics-config", "histogram_latencies=true"], 45_000));
    slots.set(false, await JudgeServer.start(work, "off", ["--disable-auto-complete-config"], 45_000));
    const backendDir = (triton as NonNullable<typeof triton>).backendDirectory;
    for (const run of runs) {
      const slot = slots.get(run.autoComplete) as JudgeServer;
      await slot.restartIfDead();
      const stage = slot.stage;
      const verdict = await slot.judge.judge(run.root);
      const ours = await validateCase(run.root, { backendDir, autoComplete: run.autoComplete });
      const reasons = verdict.models.flatMap((m) => m.messages);
      let notJudgedWhy: string | undefined;
      if (verdict.crashed) notJudgedWhy = "Triton crashed loading it";
      else if (verdict.timedOut) notJudgedWhy = "Triton did not answer the load in time";
      else if (reasons.some((r) => MISSING_BACKEND.test(r)))
        notJudgedWhy = `Triton stops at a backend it lacks: ${reasons.find((r) => MISSING_BACKEND.test(r))}`;
      else if (reasons.some((r) => PLACEHOLDER_BINARY.test(r)))
        notJudgedWhy = "Triton stops at an empty placeholder for a backend library";
      const effective: EffectiveComparison[] = [];
      for (const m of verdict.models) {
        if (!m.loaded) continue;
        const compared = await compareEffective(run.root, m);
        if (compared) effective.push(compared);
      }
      outcomes.push({
        run,
        stage,
        triton: verdict,
        ours,
        judged: notJudgedWhy === undefined,
        ...(notJudgedWhy ? { notJudgedWhy } : {}),
        effective,
      });
    }
    const judged = outcomes.filter((o) => o.judged);
    const agreeing = judged.map((o) => agreementOf(o.triton, o.ours, [o.stage, o.run.root]));
    const unjudgedAgreeing = outcomes.filter((o) => !o.judged && agreementOf(o.triton, o.ours).verdict).length;
    if (process.env.TRITON_DIFFERENTIAL_LOG) {
      for (const [auto, slot] of slots)
        writeFileSync(
          `${process.env.TRITON_DIFFERENTIAL_LOG}.${auto ? "on" : "off"}.log`,
          slot.logs.map((log) => log()).join("\n=== restarted ===\n"),
        );
    }
    const effective = judged.flatMap((o) => o.effective);
    console.log(
      [
        `QA cases: ${cases.length}; skipped before loading: ${skipped.size}; runs: ${outcomes.length}; judged by Triton: ${judged.length}`,
        `  verdicts agree: ${agreeing.filter((a) => a.verdict).length}/${judged.length}; messages agree: ${agreeing.filter((a) => a.message).length}/${judged.length} (Triton's whole reason inside ours: ${agreeing.filter((a) => a.wholeMessage).length})`,
        `  not judged but the verdict agrees anyway: ${unjudgedAgreeing}/${outcomes.length - judged.length}`,
        `  reason carried only in part (${agreeing.filter((a) => a.message && !a.wholeMessage).length}): ${judged
          .filter((_, i) => agreeing[i]?.message && !agreeing[i]?.wholeMessage)
          .map((o) => o.run.id)
          .join(", ")}`,
        `  effective configs equal: ${effective.filter((e) => e.equal).length}/${effective.length}`,
        ...outcomes.filter((o) => !o.judged).map((o) => `  not judged: ${o.run.id}: ${o.notJudgedWhy}`),
      ].join("\n"),
    );
  }, 600_000);

  it("judges cases", () => {
    expect(outcomes.filter((o) => o.judged).length).toBeGreaterThan(100);
  });

  it("reaches Triton's verdict with Triton's message on every judged case", () => {
    const failures: string[] = [];
    for (const o of outcomes.filter((x) => x.judged)) {
      const a = agreementOf(o.triton, o.ours, [o.stage, o.run.root]);
      const caseId = o.run.id.split(" ")[0] as string;
      if (!a.verdict && !known.has(`${caseId} verdict`))
        failures.push(`${o.run.id}: verdicts differ\n${a.explanation}`);
      else if (a.verdict && !a.message && !known.has(`${caseId} message`))
        failures.push(`${o.run.id}: no error of ours carries Triton's message\n${a.explanation}`);
    }
    expect(failures, failures.join("\n\n")).toEqual([]);
  });

  it("lists no disagreement that is gone (the list only shrinks)", () => {
    const stale: string[] = [];
    for (const o of outcomes.filter((x) => x.judged)) {
      const id = o.run.id.split(" ")[0] as string;
      const a = agreementOf(o.triton, o.ours, [o.stage, o.run.root]);
      if (a.verdict && known.has(`${id} verdict`)) stale.push(`${id} verdict`);
      if (a.message && known.has(`${id} message`)) stale.push(`${id} message`);
    }
    expect(stale, "these now agree with Triton: remove them from known-disagreements.txt").toEqual([]);
  });

  it("computes the config Triton reports for every model it loads", () => {
    const failures: string[] = [];
    let compared = 0;
    for (const o of outcomes.filter((x) => x.judged)) {
      const caseId = o.run.id.split(" ")[0] as string;
      for (const e of o.effective) {
        compared++;
        if (!e.equal && !known.has(`${caseId} effective`))
          failures.push(`${o.run.id} ${e.model}:\n  ${e.differences.join("\n  ")}`);
      }
    }
    expect(failures, failures.join("\n\n")).toEqual([]);
    // A broken fetch of Triton's config would compare nothing and pass: the corpus has 10 loadable Python models.
    expect(compared).toBeGreaterThanOrEqual(10);
  });
});
