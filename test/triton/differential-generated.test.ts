/**
 * The validator against the real Triton on generated repositories: from a
 * fixed seed, a valid Python-backend model then one mutation of a named kind
 * (support/generated-cases.ts). Triton's verdict through the repository API
 * is the oracle: `gen-repo validate --gpus none --backend-dir <its backends>`
 * must reach it, with an error carrying Triton's message; every model Triton
 * loads must have the config `print --effective` computes. Every kind must
 * occur, and the valid kinds must actually load (else the suite proves
 * nothing about accepted repositories).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realTriton } from "../support/triton.js";
import { type GeneratedCase, MUTATION_KINDS, generateCases, writeCase } from "./support/generated-cases.js";
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

const SEED = 20_251_204;
const COUNT = 330;
/** Cases judged at the same time by one server (their model names differ). */
const PARALLEL = 3;

interface Outcome {
  id: string;
  kind: string;
  root: string;
  stage: string;
  triton: CaseVerdict;
  ours: OurVerdict;
  effective: EffectiveComparison[];
}

const triton = realTriton();

describe.skipIf(!triton)("gen-repo validate against the real Triton: generated repositories", () => {
  const cases = generateCases(SEED, COUNT);
  const known = readKnownDisagreements();
  const work = mkdtempSync(join(tmpdir(), "triton-differential-gen-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const outcomes: Outcome[] = [];

  const slots = new Map<boolean, JudgeServer>();
  afterAll(async () => {
    await Promise.all([...slots.values()].map((slot) => slot.stopAll()));
  });
  /** Cases that crashed Triton when loaded alone: Triton refused them by dying. */
  const crashed: Outcome[] = [];

  beforeAll(async () => {
    const backendDir = (triton as NonNullable<typeof triton>).backendDirectory;
    slots.set(true, await JudgeServer.start(work, "on", [], 30_000));
    slots.set(false, await JudgeServer.start(work, "off", ["--disable-auto-complete-config"], 30_000));
    const judgeCase = async (c: GeneratedCase, root: string): Promise<Outcome> => {
      const slot = slots.get(c.autoComplete) as JudgeServer;
      const verdict = await slot.judge.judge(root, { settle: false });
      const ours = await validateCase(root, { backendDir, autoComplete: c.autoComplete });
      const effective: EffectiveComparison[] = [];
      for (const m of verdict.models) {
        if (!m.loaded) continue;
        const compared = await compareEffective(root, m);
        if (compared) effective.push(compared);
      }
      return { id: c.id, kind: c.kind, root, stage: slot.stage, triton: verdict, ours, effective };
    };
    // A case in flight when a server crashed cannot tell whether it was the cause: it is judged again, alone.
    const again: Array<{ c: GeneratedCase; root: string }> = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      // Bounded: each worker takes cases from the fixed list until it is empty.
      while (next < cases.length) {
        const c = cases[next++];
        if (c === undefined) break;
        const root = writeCase(c, join(work, "cases"));
        const outcome = await judgeCase(c, root);
        if (outcome.triton.crashed) {
          again.push({ c, root });
          await (slots.get(c.autoComplete) as JudgeServer).restartIfDead();
        } else outcomes.push(outcome);
      }
    };
    try {
      await Promise.all(Array.from({ length: PARALLEL }, worker));
      for (const { c, root } of again) {
        const slot = slots.get(c.autoComplete) as JudgeServer;
        await slot.restartIfDead();
        const outcome = await judgeCase(c, root);
        if (outcome.triton.crashed) {
          crashed.push(outcome);
          await slot.restartIfDead();
        } else outcomes.push(outcome);
      }
    } finally {
      if (process.env.TRITON_DIFFERENTIAL_LOG) {
        for (const [auto, slot] of slots)
          writeFileSync(
            `${process.env.TRITON_DIFFERENTIAL_LOG}.gen-${auto ? "on" : "off"}.log`,
            slot.logs.map((log) => log()).join("\n=== restarted ===\n"),
          );
      }
    }
    outcomes.sort((a, b) => a.id.localeCompare(b.id));
    const judged = outcomes.filter((o) => !o.triton.timedOut);
    const agreeing = judged.map((o) => agreementOf(o.triton, o.ours, [o.stage, o.root]));
    const effective = judged.flatMap((o) => o.effective);
    console.log(
      [
        `generated cases: ${outcomes.length} (seed ${SEED}, ${MUTATION_KINDS.length} kinds); judged by Triton: ${judged.length}; Triton loads ${judged.filter((o) => o.triton.loaded).length}`,
        `  verdicts agree: ${agreeing.filter((a) => a.verdict).length}/${judged.length}; messages agree: ${agreeing.filter((a) => a.message).length}/${judged.length} (Triton's whole reason inside ours: ${agreeing.filter((a) => a.wholeMessage).length})`,
        `  reason carried only in part (${agreeing.filter((a) => a.message && !a.wholeMessage).length}): ${judged
          .filter((_, i) => agreeing[i]?.message && !agreeing[i]?.wholeMessage)
          .map((o) => o.id)
          .join(", ")}`,
        `  effective configs equal: ${effective.filter((e) => e.equal).length}/${effective.length}`,
        `  crashed Triton when loaded alone: ${crashed.length}; we refuse ${crashed.filter((o) => o.ours.errors.length > 0).length} of them (${crashed.map((o) => o.id).join(", ")})`,
        ...outcomes.filter((o) => o.triton.timedOut).map((o) => `  no verdict in time: ${o.id}`),
      ].join("\n"),
    );
  }, 600_000);

  it("generates at least 300 repositories covering every mutation kind", () => {
    expect(outcomes.length + crashed.length).toBeGreaterThanOrEqual(300);
    expect(new Set([...outcomes, ...crashed].map((o) => o.kind))).toEqual(new Set(MUTATION_KINDS));
  });

  it("refuses every repository that crashes Triton", () => {
    expect(crashed.filter((o) => o.ours.errors.length === 0).map((o) => o.id)).toEqual([]);
  });

  it("gets a verdict from Triton on every case, and valid kinds load", () => {
    expect(outcomes.filter((o) => o.triton.timedOut).map((o) => o.id)).toEqual([]);
    const refusedValid = outcomes.filter(
      (o) => o.kind.startsWith("ok_") && !o.triton.loaded && !known.has(`${o.id} verdict`),
    );
    expect(refusedValid.map((o) => `${o.id}: ${o.triton.models.flatMap((m) => m.messages).join("; ")}`)).toEqual([]);
  });

  it("reaches Triton's verdict with Triton's message on every case", () => {
    const failures: string[] = [];
    for (const o of outcomes.filter((x) => !x.triton.timedOut)) {
      const a = agreementOf(o.triton, o.ours, [o.stage, o.root]);
      if (!a.verdict && !known.has(`${o.id} verdict`)) failures.push(`${o.id}: verdicts differ\n${a.explanation}`);
      else if (a.verdict && !a.message && !known.has(`${o.id} message`))
        failures.push(`${o.id}: no error of ours carries Triton's message\n${a.explanation}`);
    }
    expect(failures, failures.join("\n\n")).toEqual([]);
  });

  it("lists no disagreement that is gone (the list only shrinks)", () => {
    const stale: string[] = [];
    for (const o of outcomes.filter((x) => !x.triton.timedOut)) {
      const id = o.id;
      const a = agreementOf(o.triton, o.ours, [o.stage, o.root]);
      if (a.verdict && known.has(`${id} verdict`)) stale.push(`${id} verdict`);
      if (a.message && known.has(`${id} message`)) stale.push(`${id} message`);
    }
    expect(stale, "these now agree with Triton: remove them from known-disagreements.txt").toEqual([]);
  });

  it("computes the config Triton reports for every model it loads", () => {
    const failures: string[] = [];
    const compared = outcomes.reduce((n, o) => n + o.effective.length, 0);
    for (const o of outcomes) {
      for (const e of o.effective)
        if (!e.equal && !known.has(`${o.id} effective`))
          failures.push(`${o.id} ${e.model}:\n  ${e.differences.join("\n  ")}`);
    }
    expect(failures, failures.join("\n\n")).toEqual([]);
    // A broken fetch of Triton's config would compare nothing and pass: 177 of these models load (seed 20251204).
    expect(compared).toBeGreaterThanOrEqual(150);
  });
});
