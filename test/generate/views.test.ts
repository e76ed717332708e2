/**
 * How the scripts call each model: a model's template decides, an ensemble
 * follows the steps its inputs reach (decoupled as Triton derives it, ND-10;
 * sequence flags when a step is sequence-batched). The ensemble configs say
 * the same as the validator's own ND-10 walk.
 */
import { describe, expect, it } from "vitest";
import { checkSpecValue } from "../../src/generate/load-spec.js";
import { planRepository } from "../../src/generate/plan.js";
import type { EnsembleSpec, ModelSpec, RepoSpec, TensorSpec } from "../../src/generate/spec.js";
import { callingConventions, scriptsView } from "../../src/generate/views.js";
import { parseConfig } from "../../src/pbtxt/parser.js";
import type { MessageValue } from "../../src/pbtxt/types.js";
import { effectiveConfig } from "../../src/effective/index.js";

const t = (name: string): TensorSpec => ({ name, data_type: "TYPE_FP32", dims: [4] });

function model(name: string, template: ModelSpec["template"]): ModelSpec {
  return { name, template, inputs: [t("IN")], outputs: [t("OUT")] };
}

/** An ensemble of single-input steps: `[model, reads, writes]`. */
function chain(
  name: string,
  inputs: string[],
  outputs: string[],
  steps: Array<[string, string, string]>,
): EnsembleSpec {
  return {
    name,
    inputs: inputs.map(t),
    outputs: outputs.map(t),
    steps: steps.map(([m, reads, writes]) => ({ model: m, input_map: { IN: reads }, output_map: { OUT: writes } })),
  };
}

const MODELS = [model("dec", "decoupled"), model("seq", "stateful"), model("plain", "basic")];

describe("callingConventions", () => {
  it.each<[string, EnsembleSpec[], { decoupled: boolean; sequence: boolean }]>([
    [
      "a basic step: unary, no sequence",
      [chain("e", ["X"], ["Y"], [["plain", "X", "Y"]])],
      { decoupled: false, sequence: false },
    ],
    [
      "a decoupled step: streamed",
      [chain("e", ["X"], ["Y"], [["dec", "X", "Y"]])],
      { decoupled: true, sequence: false },
    ],
    [
      "a stateful step: sequence flags",
      [chain("e", ["X"], ["Y"], [["seq", "X", "Y"]])],
      { decoupled: false, sequence: true },
    ],
    [
      "a decoupled step feeding a basic one",
      [
        chain(
          "e",
          ["X"],
          ["Z"],
          [
            ["dec", "X", "Y"],
            ["plain", "Y", "Z"],
          ],
        ),
      ],
      { decoupled: true, sequence: false },
    ],
    [
      "steps written out of data-flow order, one of each kind",
      [
        chain(
          "e",
          ["X"],
          ["Z"],
          [
            ["seq", "Y", "Z"],
            ["dec", "X", "Y"],
          ],
        ),
      ],
      { decoupled: true, sequence: true },
    ],
    [
      "a decoupled step the inputs never reach decides nothing (ND-10 walks from the inputs)",
      [
        chain(
          "e",
          ["X"],
          ["Y", "W"],
          [
            ["plain", "X", "Y"],
            ["dec", "NEVER", "W"],
          ],
        ),
      ],
      { decoupled: false, sequence: false },
    ],
    [
      "a nested ensemble counts with its own steps",
      [chain("inner", ["X"], ["Y"], [["dec", "X", "Y"]]), chain("e", ["A"], ["B"], [["inner", "A", "B"]])],
      { decoupled: true, sequence: false },
    ],
    [
      "ensembles naming each other (refused by MC-82) decide nothing and do not loop",
      [chain("other", ["X"], ["Y"], [["e", "X", "Y"]]), chain("e", ["A"], ["B"], [["other", "A", "B"]])],
      { decoupled: false, sequence: false },
    ],
  ])("%s", (_label, ensembles, want) => {
    const spec: RepoSpec = { version: 1, models: MODELS, ensembles };
    // None of these steps has a TYPE_STRING CORRID: ids stay numbers.
    expect(callingConventions(spec).get("e")).toEqual({ ...want, stringIds: false });
  });

  it("models follow their template", () => {
    const conventions = callingConventions({ version: 1, models: MODELS });
    expect(Object.fromEntries(conventions)).toEqual({
      dec: { decoupled: true, sequence: false, stringIds: false },
      seq: { decoupled: false, sequence: true, stringIds: false },
      plain: { decoupled: false, sequence: false, stringIds: false },
    });
  });

  it("a TYPE_STRING CORRID asks for string ids, from the model and through an ensemble over it", () => {
    const stringSeq: ModelSpec = {
      ...model("sseq", "stateful"),
      sequence: { controls: { corrid_data_type: "TYPE_STRING" } },
    };
    const spec: RepoSpec = {
      version: 1,
      models: [...MODELS, stringSeq],
      ensembles: [
        chain(
          "e",
          ["X"],
          ["Z"],
          [
            ["plain", "X", "Y"],
            ["sseq", "Y", "Z"],
          ],
        ),
      ],
    };
    const conventions = callingConventions(spec);
    expect(conventions.get("sseq")).toEqual({ decoupled: false, sequence: true, stringIds: true });
    expect(conventions.get("e")).toEqual({ decoupled: false, sequence: true, stringIds: true });
    expect(conventions.get("seq")?.stringIds).toBe(false);
    expect(scriptsView(spec).models.map((m) => [m.name, m.correlation_id])).toEqual([
      ["dec", "number"],
      ["seq", "number"],
      ["plain", "number"],
      ["sseq", "string"],
      ["e", "string"],
    ]);
  });
});

const SPEC: RepoSpec = {
  version: 1,
  models: MODELS,
  ensembles: [
    chain("over_plain", ["X"], ["Y"], [["plain", "X", "Y"]]),
    chain(
      "over_dec",
      ["X"],
      ["Z"],
      [
        ["dec", "X", "Y"],
        ["plain", "Y", "Z"],
      ],
    ),
    chain("over_seq", ["X"], ["Y"], [["seq", "X", "Y"]]),
  ],
};

describe("generated ensembles", () => {
  const loaded = checkSpecValue(SPEC);
  if (!loaded.spec) throw new Error(JSON.stringify(loaded.diagnostics));
  const plan = planRepository(loaded.spec, loaded.source);
  const configs = new Map<string, MessageValue>();
  for (const file of plan.files) {
    const m = /^model_repository\/([^/]+)\/config\.pbtxt$/.exec(file.path);
    if (m?.[1]) configs.set(m[1], parseConfig(file.content).value);
  }

  it.each([
    ["over_plain", undefined],
    ["over_dec", { decoupled: true }],
    ["over_seq", undefined],
  ])("%s writes the transaction policy Triton derives from its steps", (name, written) => {
    const config = configs.get(name);
    expect(config?.model_transaction_policy).toEqual(written);
    const effective = effectiveConfig(config ?? {}, { stepConfig: (m) => configs.get(m) });
    expect(effective.model_transaction_policy).toEqual(written ?? {});
  });

  it("tells the scripts to stream the decoupled ensemble and send sequence flags to the stateful one", () => {
    const flags = scriptsView(loaded.spec as RepoSpec).models.map((m) => [m.name, m.kind, m.decoupled, m.sequence]);
    expect(flags).toEqual([
      ["dec", "decoupled", true, false],
      ["seq", "stateful", false, true],
      ["plain", "basic", false, false],
      ["over_plain", "ensemble", false, false],
      ["over_dec", "ensemble", true, false],
      ["over_seq", "ensemble", false, true],
    ]);
  });
});
