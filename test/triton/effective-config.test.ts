/**
 * `print --effective` on Python models whose auto_complete_config changes
 * the config (ND-11), against the configs Triton itself reported for Triton's
 * QA cases (the corpus's `expected*` files, recorded by the upstream test on a
 * GPU host). It needs no local Triton, so it guards the replay everywhere;
 * differential-*.test.ts checks the same against the live server.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fromProtoJSON, messagesEqual, toProtoJSON } from "../../src/pbtxt/json.js";
import { parseConfig } from "../../src/pbtxt/parser.js";
import { runInProcess } from "../support/run-cli.js";
import { sharedAvailable, sharedPath } from "../support/shared.js";

interface Case {
  id: string;
  category: string;
  repository: string;
  files: { path: string; origin: string }[];
  keep_files: string[];
  expected_configs: string[];
  expected_configs_assume_gpu?: boolean;
}

const available = sharedAvailable();
const cases: Case[] = available
  ? (JSON.parse(readFileSync(sharedPath("conformance", "validation", "manifest.json"), "utf8")) as Case[]).filter(
      (c) =>
        c.category === "autofill_noplatform_success/python" &&
        // A placeholder model.py has no auto_complete_config to replay.
        !c.files.some((f) => f.origin === "placeholder" && f.path.endsWith(".py")),
    )
  : [];

describe.skipIf(!available)(
  "print --effective replays a Python model's auto_complete_config as Triton reports it",
  () => {
    const work = mkdtempSync(join(tmpdir(), "triton-effective-"));
    afterAll(() => rmSync(work, { recursive: true, force: true }));

    it("has the QA cases whose model.py the corpus ships", () => {
      expect(cases.length).toBeGreaterThanOrEqual(7);
    });

    for (const c of cases) {
      it(c.id, async () => {
        const root = join(work, c.id.replace(/\//g, "__"));
        cpSync(sharedPath("conformance", c.repository), root, { recursive: true });
        for (const keep of c.keep_files) rmSync(join(root, keep), { force: true });
        const model = (c.expected_configs[0] as string).split("/")[0] as string;
        const gpus = c.expected_configs_assume_gpu ? "0" : "none";
        const run = await runInProcess([
          "print",
          join(root, model, "config.pbtxt"),
          "--effective",
          "--format",
          "json",
          "--gpus",
          gpus,
        ]);
        expect(run.code, run.stderr).toBe(0);
        const ours = fromProtoJSON(JSON.parse(run.stdout)).value;
        const candidates = c.expected_configs.map((f) => parseConfig(readFileSync(join(root, f), "utf8")).value);
        const matched = candidates.some((want) => messagesEqual(ours, want));
        expect(
          matched,
          `ours:\n${JSON.stringify(toProtoJSON(ours))}\nTriton's:\n${candidates.map((w) => JSON.stringify(toProtoJSON(w))).join("\n")}`,
        ).toBe(true);
      });
    }
  },
);
