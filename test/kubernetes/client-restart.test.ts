/**
 * The generated clients on the router's terms, without a server: every request of a sequence
 * carries the sequence header with its id; a sequence that its replica no longer holds (Triton's
 * START-flag refusal, or UNAVAILABLE from the router) restarts the episode once as a new
 * sequence from the same observation, with a message; any other error still fails; the smoke
 * test retries its one-request sequence once. Runs the generated scripts with the real
 * tritonclient (the local Triton's client Python) against a fake client object.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateRepository } from "../../src/generate/generate.js";
import { loadSpecFile } from "../../src/generate/load-spec.js";
import { realTriton, runClientPython } from "../support/triton.js";

const triton = realTriton();

interface Call {
  headers: Record<string, string> | null;
  id: number;
  start: boolean;
  end: boolean;
}
interface Run {
  calls: Call[];
  restarts: number;
  error: string | null;
}

describe.skipIf(!triton)("generated clients: sequence header and episode restart", () => {
  const out = mkdtempSync(join(tmpdir(), "client-restart-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("send the header, restart lost episodes with a message, and fail on other errors", async () => {
    const generated = generateRepository(
      loadSpecFile(join(import.meta.dirname, "../../fixtures/act-pick-place.yaml")),
      { out, device: "cpu" },
    );
    expect(generated.ok).toBe(true);
    const run = await runClientPython([join(import.meta.dirname, "client-restart.py"), join(out, "scripts")], {
      timeoutMs: 60_000,
    });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout.trim().split("\n").pop() as string) as {
      lost: Run;
      unavailable: Run;
      other: Run;
      smoke: { ok: boolean; calls: Call[] };
    };

    for (const r of [report.lost, report.unavailable, report.other, { calls: report.smoke.calls }]) {
      for (const call of r.calls) expect(call.headers).toEqual({ "x-triton-sequence-id": String(call.id) });
    }

    const lost = report.lost;
    expect(lost.error).toBeNull();
    expect(lost.restarts).toBe(1);
    expect(lost.calls.map((c) => [c.start, c.end])).toEqual([
      [true, false],
      [false, false],
      [false, false],
      [true, false],
      [false, true],
    ]);
    const [first, , failed, restart, last] = lost.calls as [Call, Call, Call, Call, Call];
    expect(failed.id).toBe(first.id);
    expect(restart.id).not.toBe(first.id);
    expect(last.id).toBe(restart.id);
    expect(run.stderr).toContain(`episode restarted: sequence ${first.id} is no longer held by any Triton replica`);
    expect(run.stderr).toContain(`continuing as sequence ${restart.id} from this observation`);

    expect(report.unavailable.restarts).toBe(1);
    expect(report.unavailable.error).toBeNull();

    expect(report.other.restarts).toBe(0);
    expect(report.other.error).toContain("unexpected shape");
    expect(report.other.calls).toHaveLength(2);

    expect(report.smoke.ok).toBe(true);
    expect(run.stdout).toContain(`sequence ${report.smoke.calls[0]?.id} was lost with its Triton replica`);
    expect(report.smoke.calls).toHaveLength(2);
    expect(report.smoke.calls[1]?.id).not.toBe(report.smoke.calls[0]?.id);
    expect(report.smoke.calls.every((c) => c.start && c.end)).toBe(true);
  }, 90_000);
});
