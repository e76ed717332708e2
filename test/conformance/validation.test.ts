import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { messagesEqual, toProtoJSON } from "../../src/pbtxt/json.js";
import { parseConfig } from "../../src/pbtxt/parser.js";
import { effectiveConfigsOfRepository, validateRepository } from "../../src/validate/index.js";
import { sharedAvailable, sharedPath } from "../support/shared.js";

/**
 * Triton's own verdicts (qa/L0_model_config) on every case decidable from
 * the config files and the layout: a rejected case must produce an error
 * carrying one of Triton's expected messages, an accepted case no error,
 * and its effective config must equal one of the configs Triton reported.
 * Disagreements may only live in known-disagreements.txt, with a reason.
 */

interface CaseFile {
  path: string;
  origin: string;
}

interface Case {
  id: string;
  category: string;
  files: CaseFile[];
  repository: string;
  expect: "accept" | "reject";
  decidable: boolean;
  autofill: boolean;
  server_args: string[][];
  messages_literal: string[];
  expected_configs: string[];
  expected_configs_assume_gpu?: boolean;
  platform_trials?: string[];
  config_edit?: { file: string; delete_lines_containing: string; append_line: string };
  keep_files: string[];
}

const available = sharedAvailable();
const cases: Case[] = available
  ? (JSON.parse(readFileSync(sharedPath("conformance", "validation", "manifest.json"), "utf8")) as Case[])
  : [];
const decidable = cases.filter((c) => c.decidable);
const knownDisagreements = new Set(
  readFileSync(join(import.meta.dirname, "known-disagreements.txt"), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"))
    .map((l) => l.split(/\s+/)[0] as string),
);
const work = mkdtempSync(join(tmpdir(), "triton-conformance-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A private copy of the case's repository, without the .gitkeep files Triton never sees. */
function copyCase(c: Case, label: string): string {
  const dest = join(work, `${c.id.replace(/\//g, "__")}__${label}`);
  cpSync(sharedPath("conformance", c.repository), dest, { recursive: true });
  for (const keep of c.keep_files) rmSync(join(dest, keep), { force: true });
  return dest;
}

/** Triton's test.sh edit: drop every `platform:` line, append the trial's platform. */
function applyEdit(root: string, c: Case, trial: string): void {
  const edit = c.config_edit;
  if (!edit) return;
  const file = join(root, edit.file);
  const kept = readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => !line.includes(edit.delete_lines_containing));
  writeFileSync(file, `${kept.join("\n")}\n${edit.append_line.replace("{trial}", trial)}\n`);
}

/** Whether a server_args variant disables auto-complete. */
function autoCompleteOf(args: readonly string[]): boolean {
  return !args.some((a) => a === "--strict-model-config=true" || a === "--disable-auto-complete-config");
}

interface Run {
  label: string;
  trial: string | undefined;
  autoComplete: boolean;
}

function runsOf(c: Case): Run[] {
  const runs: Run[] = [];
  const trials = c.platform_trials ?? [undefined];
  for (const trial of trials) {
    c.server_args.forEach((args, i) => {
      runs.push({ label: `${trial ?? "as-is"}-${i}`, trial, autoComplete: autoCompleteOf(args) });
    });
  }
  return runs;
}

describe.skipIf(!available)("validation conformance (shared/conformance/validation)", () => {
  it("has the 111 decidable cases the corpus promises", () => {
    expect(decidable.length).toBe(111);
  });

  for (const c of decidable) {
    const run = knownDisagreements.has(c.id) ? it.fails : it;
    run(`${c.id}: Triton ${c.expect}s`, () => {
      for (const r of runsOf(c)) {
        const root = copyCase(c, r.label);
        if (r.trial !== undefined) applyEdit(root, c, r.trial);
        const gpus = c.expected_configs_assume_gpu ? [0] : undefined;
        const result = validateRepository(root, { autoComplete: r.autoComplete, ...(gpus ? { gpus } : {}) });
        const errors = result.diagnostics.filter((d) => d.severity === "error");
        const context = `${c.id} [${r.label}]\n${result.diagnostics.map((d) => `  ${d.code} ${d.severity} ${d.message}`).join("\n")}`;
        if (c.expect === "reject") {
          expect(errors.length, context).toBeGreaterThan(0);
          const carried = errors.some((d) => c.messages_literal.some((m) => d.message.includes(m)));
          expect(carried, `no error carries one of ${JSON.stringify(c.messages_literal)}\n${context}`).toBe(true);
          continue;
        }
        expect(errors, context).toEqual([]);
        if (c.messages_literal.length > 0) {
          const warned = result.diagnostics.some((d) => c.messages_literal.some((m) => d.message.includes(m)));
          expect(warned, `no diagnostic carries ${JSON.stringify(c.messages_literal)}\n${context}`).toBe(true);
        }
        if (c.expected_configs.length > 0) {
          const configs = effectiveConfigsOfRepository(root, {
            autoComplete: r.autoComplete,
            ...(gpus ? { gpus } : {}),
          });
          const model = (c.expected_configs[0] as string).split("/")[0] as string;
          const actual = configs.get(model);
          expect(actual, `no effective config for ${model}`).toBeDefined();
          const candidates = c.expected_configs.map((f) => parseConfig(readFileSync(join(root, f), "utf8")).value);
          // Protobuf equality: both sides in the JSON mapping (defaults dropped), compared regardless of key order.
          const matches = candidates.some((want) => messagesEqual(actual ?? {}, want));
          expect(
            matches,
            `effective config differs:\n${JSON.stringify(toProtoJSON(actual ?? {}), null, 1)}\nwant one of:\n${candidates.map((w) => JSON.stringify(toProtoJSON(w), null, 1)).join("\n")}`,
          ).toBe(true);
        }
      }
    });
  }
});

/**
 * Beyond the decidable set: Python cases whose verdict hangs on what
 * auto_complete_config does. Where the corpus ships the real model.py (not
 * an empty placeholder), replaying its literal setter calls (PY-3) must give
 * Triton's verdict and message too. The configs these models complete at
 * load time (ND-11) are not compared.
 */
const pythonCases = cases.filter(
  (c) =>
    !c.decidable &&
    c.category.includes("/python") &&
    !c.files.some((f) => f.origin === "placeholder" && f.path.endsWith(".py")),
);

describe.skipIf(!available)("Python auto_complete_config cases with their model.py", () => {
  it("has cases to check", () => {
    expect(pythonCases.length).toBeGreaterThan(20);
  });
  for (const c of pythonCases) {
    it(`${c.id}: Triton ${c.expect}s`, () => {
      const root = copyCase(c, "python");
      const result = validateRepository(root, { autoComplete: autoCompleteOf(c.server_args[0] ?? []) });
      const errors = result.diagnostics.filter((d) => d.severity === "error");
      const context = result.diagnostics.map((d) => `  ${d.code} ${d.severity} ${d.message}`).join("\n");
      if (c.expect === "reject") {
        expect(
          errors.some((d) => c.messages_literal.some((m) => d.message.includes(m))),
          context,
        ).toBe(true);
      } else {
        expect(errors, context).toEqual([]);
      }
    });
  }
});
