import { describe, expect, it } from "vitest";
import { effectiveConfig } from "../../src/effective/effective-config.js";
import { finishEnsemble } from "../../src/effective/ensemble.js";
import { normalizeInstanceGroups } from "../../src/effective/instance-groups.js";
import { normalizeModelConfig, serverAutofill } from "../../src/effective/normalize.js";
import { parseConfig } from "../../src/pbtxt/parser.js";
import type { MessageValue } from "../../src/pbtxt/types.js";

/**
 * ND-3…ND-8 and ND-10 as core's NormalizeModelConfig, NormalizeInstanceGroup
 * and SetDefaultInstanceCount (model_config_utils.cc) state them, and the
 * catalogue's ND rules: expectations are hand-written from those.
 */

const parse = (text: string): MessageValue => {
  const parsed = parseConfig(text);
  expect(parsed.diagnostics).toEqual([]);
  return parsed.value;
};

function normalized(text: string): MessageValue {
  const config = parse(text);
  normalizeModelConfig(config);
  return config;
}

const pinned = { input_pinned_memory: { enable: true }, output_pinned_memory: { enable: true } };

describe("normalizeModelConfig", () => {
  it("ND-3: no version_policy becomes latest 1; a written one, even empty, stays", () => {
    expect(normalized("").version_policy).toEqual({ latest: { num_versions: 1 } });
    expect(normalized("version_policy {}").version_policy).toEqual({});
    expect(normalized("version_policy { all {} }").version_policy).toEqual({ all: {} });
  });

  it("ND-4: dynamic batching without preferred sizes prefers max_batch_size, when batching", () => {
    expect(normalized("max_batch_size: 8\ndynamic_batching {}").dynamic_batching).toEqual({
      preferred_batch_size: [8],
    });
    expect(normalized("max_batch_size: 0\ndynamic_batching {}").dynamic_batching).toEqual({});
    expect(normalized("max_batch_size: 8\ndynamic_batching { preferred_batch_size: [2, 4] }").dynamic_batching).toEqual(
      {
        preferred_batch_size: [2, 4],
      },
    );
    expect(normalized("max_batch_size: 8").dynamic_batching).toBeUndefined();
  });

  it("ND-5: sequence batching gets the 1 s idle default and the oldest strategy's preferred size", () => {
    expect(normalized("max_batch_size: 4\nsequence_batching {}").sequence_batching).toEqual({
      max_sequence_idle_microseconds: 1_000_000,
    });
    expect(
      normalized("max_batch_size: 4\nsequence_batching { max_sequence_idle_microseconds: 7 }").sequence_batching,
    ).toEqual({ max_sequence_idle_microseconds: 7 });
    expect(normalized("max_batch_size: 4\nsequence_batching { oldest {} }").sequence_batching).toEqual({
      max_sequence_idle_microseconds: 1_000_000,
      oldest: { preferred_batch_size: [4] },
    });
    expect(normalized("max_batch_size: 0\nsequence_batching { oldest {} }").sequence_batching).toEqual({
      max_sequence_idle_microseconds: 1_000_000,
      oldest: {},
    });
    expect(
      normalized("max_batch_size: 4\nsequence_batching { oldest { preferred_batch_size: [3] } }").sequence_batching,
    ).toMatchObject({ oldest: { preferred_batch_size: [3] } });
    expect(normalized("max_batch_size: 4").sequence_batching).toBeUndefined();
  });

  it("ND-6: pinned memory is enabled unless written, except for ensembles", () => {
    expect(normalized("").optimization).toEqual(pinned);
    expect(normalized("optimization { input_pinned_memory { enable: false } }").optimization).toEqual({
      input_pinned_memory: { enable: false },
      output_pinned_memory: { enable: true },
    });
    expect(normalized("optimization { output_pinned_memory {} }").optimization).toEqual({
      input_pinned_memory: { enable: true },
      output_pinned_memory: {},
    });
    expect(normalized("optimization { priority: PRIORITY_MAX }").optimization).toEqual({
      priority: "PRIORITY_MAX",
      ...pinned,
    });
    expect(normalized("ensemble_scheduling {}").optimization).toBeUndefined();
  });
});

describe("serverAutofill leaves the written config as it was", () => {
  it("copies every part it writes into", () => {
    // scheduling_choice is a oneof: dynamic and sequence batching in two configs.
    for (const scheduling of ["dynamic_batching {}", "sequence_batching { oldest {} }"]) {
      const text = [
        `name: "m"`,
        `backend: "python"`,
        "max_batch_size: 4",
        scheduling,
        "optimization {}",
        "model_transaction_policy {}",
        "instance_group [{ count: 2 }]",
      ].join("\n");
      const written = parse(text);
      const before = structuredClone(written);
      const { config, autofill } = serverAutofill(written, "m", { firstSubdir: undefined });
      expect(autofill).toEqual({});
      expect(written).toEqual(before);
      expect(config).toMatchObject({ default_model_filename: "model.py", optimization: pinned });
      if (scheduling.startsWith("dynamic")) expect(config.dynamic_batching).toEqual({ preferred_batch_size: [4] });
      else
        expect(config.sequence_batching).toEqual({
          max_sequence_idle_microseconds: 1_000_000,
          oldest: { preferred_batch_size: [4] },
        });
      // Changing the result's groups and policy must not reach the written config either.
      const [group] = config.instance_group as MessageValue[];
      if (group) group.name = "changed";
      (config.model_transaction_policy as MessageValue).decoupled = true;
      expect(written).toEqual(before);
    }
  });

  it("adds no oldest strategy to a sequence batcher without one", () => {
    const { config } = serverAutofill(parse(`name: "m"\nbackend: "python"\nsequence_batching {}`), "m", {
      firstSubdir: undefined,
    });
    expect(config.sequence_batching).toEqual({ max_sequence_idle_microseconds: 1_000_000 });
  });

  it("passes the autofill error on", () => {
    expect(serverAutofill({}, "m", { firstSubdir: undefined }).autofill.error).toMatch(/^Invalid model name/);
  });
});

describe("normalizeInstanceGroups (ND-7, ND-8)", () => {
  function groups(text: string, gpus: readonly number[]): unknown {
    const config = parse(text);
    normalizeInstanceGroups(config, gpus);
    return config.instance_group;
  }

  it("adds one group named after the model, KIND_CPU without GPUs, KIND_GPU on all GPUs ascending", () => {
    expect(groups(`name: "m"\nbackend: "python"`, [])).toEqual([{ name: "m", kind: "KIND_CPU", count: 1 }]);
    expect(groups(`name: "m"\nbackend: "python"`, [3, 1, 3])).toEqual([
      { name: "m", kind: "KIND_GPU", count: 1, gpus: [1, 3] },
    ]);
  });

  it("KIND_AUTO becomes KIND_CPU when a listed GPU is missing, keeping the list; KIND_GPU when all are there", () => {
    expect(groups(`name: "m"\ninstance_group [{ gpus: [2] }]`, [0, 1])).toEqual([
      { name: "m_0", kind: "KIND_CPU", count: 1, gpus: [2] },
    ]);
    expect(groups(`name: "m"\ninstance_group [{ gpus: [1] }]`, [0, 1])).toEqual([
      { name: "m_0", kind: "KIND_GPU", count: 1, gpus: [1] },
    ]);
    expect(groups(`name: "m"\ninstance_group [{ gpus: [0, 5] }]`, [0, 1])).toMatchObject([{ kind: "KIND_CPU" }]);
  });

  it("a written kind is kept: KIND_GPU without GPUs on a GPU-less host stays so with no GPUs", () => {
    expect(groups(`name: "m"\ninstance_group [{ kind: KIND_GPU }]`, [])).toEqual([
      { name: "m_0", kind: "KIND_GPU", count: 1, gpus: [] },
    ]);
    expect(groups(`name: "m"\ninstance_group [{ kind: KIND_MODEL }]`, [0])).toEqual([
      { name: "m_0", kind: "KIND_MODEL", count: 1 },
    ]);
    expect(groups(`name: "m"\ninstance_group [{ kind: KIND_CPU }]`, [0])).toEqual([
      { name: "m_0", kind: "KIND_CPU", count: 1 },
    ]);
  });

  it("counts 2 for KIND_CPU groups of onnxruntime and tensorflow only, and keeps a written count", () => {
    const cpu = (backend: string) =>
      groups(`name: "m"\nbackend: "${backend}"\ninstance_group [{ kind: KIND_CPU }]`, []) as MessageValue[];
    expect(cpu("onnxruntime")[0]?.count).toBe(2);
    expect(cpu("tensorflow")[0]?.count).toBe(2);
    expect(cpu("pytorch")[0]?.count).toBe(1);
    expect(cpu("openvino")[0]?.count).toBe(1);
    const gpu = groups(`name: "m"\nbackend: "onnxruntime"\ninstance_group [{ kind: KIND_GPU }]`, [0]) as MessageValue[];
    expect(gpu[0]?.count).toBe(1);
    // A written count of 1 is a count (only < 1 is "unset").
    expect(groups(`name: "m"\nbackend: "onnxruntime"\ninstance_group [{ count: 1 kind: KIND_CPU }]`, [])).toEqual([
      { name: "m_0", kind: "KIND_CPU", count: 1 },
    ]);
    expect(groups(`name: "m"\ninstance_group [{ count: 3 kind: KIND_CPU }]`, [])).toEqual([
      { name: "m_0", kind: "KIND_CPU", count: 3 },
    ]);
  });

  it("names unnamed groups by their position, counting named ones", () => {
    expect(groups(`name: "m"\ninstance_group [{ name: "a" }, {}, { name: "" }]`, [])).toEqual([
      { name: "a", kind: "KIND_CPU", count: 1 },
      { name: "m_1", kind: "KIND_CPU", count: 1 },
      { name: "m_2", kind: "KIND_CPU", count: 1 },
    ]);
  });

  it("leaves an ensemble without groups, and a shared written group untouched", () => {
    expect(groups(`name: "e"\nensemble_scheduling {}`, [0])).toBeUndefined();
    const written = parse(`name: "m"\ninstance_group [{ gpus: [0] }]`);
    const config = { ...written };
    normalizeInstanceGroups(config, [0]);
    expect(written.instance_group).toEqual([{ gpus: [0] }]);
    expect(config.instance_group).toEqual([{ name: "m_0", kind: "KIND_GPU", count: 1, gpus: [0] }]);
  });
});

describe("finishEnsemble (ND-10)", () => {
  const step = (decoupled: boolean): MessageValue =>
    parse(
      `name: "s"\nbackend: "identity"\ninput [{ name: "X" data_type: TYPE_FP32 dims: [4] }]\noutput [{ name: "Y" data_type: TYPE_FP32 dims: [4] }]${decoupled ? "\nmodel_transaction_policy { decoupled: true }" : ""}`,
    );
  const ensemble = (policy: string): MessageValue =>
    parse(
      `name: "e"\nplatform: "ensemble"\ninput [{ name: "IN" data_type: TYPE_FP32 dims: [4] }]\noutput [{ name: "OUT" data_type: TYPE_FP32 dims: [4] }]\nensemble_scheduling { step [{ model_name: "s" model_version: -1 input_map { key: "X" value: "IN" } output_map { key: "Y" value: "OUT" } }] }\n${policy}`,
    );

  it("sets decoupled from the steps, overwriting what is written", () => {
    const e = ensemble("");
    finishEnsemble(e, () => step(true));
    expect(e.model_transaction_policy).toEqual({ decoupled: true });
    const f = ensemble("model_transaction_policy { decoupled: true }");
    finishEnsemble(f, () => step(false));
    expect(f.model_transaction_policy).toEqual({});
  });

  it("keeps what is written when the steps are unknown, adding an empty policy", () => {
    const e = ensemble("model_transaction_policy { decoupled: true }");
    finishEnsemble(e, undefined);
    expect(e.model_transaction_policy).toEqual({ decoupled: true });
    const f = ensemble("");
    finishEnsemble(f, undefined);
    expect(f.model_transaction_policy).toEqual({});
    const g = ensemble("model_transaction_policy { decoupled: true }");
    finishEnsemble(g, () => undefined);
    expect(g.model_transaction_policy).toEqual({ decoupled: true });
  });
});

describe("effectiveConfig", () => {
  it("uses the directory name over the written one for the custom backend, and the written one by default", () => {
    expect(effectiveConfig(parse(`name: "a.identity"`), {})).toMatchObject({ name: "a.identity", backend: "identity" });
    expect(effectiveConfig(parse(""), { modelName: "b.repeat" })).toMatchObject({
      name: "b.repeat",
      backend: "repeat",
    });
  });

  it("treats a config with ensemble_scheduling as an ensemble even without the platform", () => {
    const e = effectiveConfig(parse(`name: "e"\nbackend: "python"\nensemble_scheduling {}`), { gpus: [0] });
    expect(e.instance_group).toBeUndefined();
    expect(e.model_transaction_policy).toEqual({});
    const p = effectiveConfig(parse(`name: "e"\nplatform: "ensemble"`), { gpus: [0] });
    expect(p.instance_group).toBeUndefined();
    expect(p.model_transaction_policy).toEqual({});
  });

  it("defaults to a host without GPUs", () => {
    expect(effectiveConfig(parse(`name: "m"\nbackend: "python"`)).instance_group).toEqual([
      { name: "m", kind: "KIND_CPU", count: 1 },
    ]);
  });

  it("does not change the written config", () => {
    const written = parse(`name: "m"\nbackend: "python"\nmax_batch_size: 2\ndynamic_batching {}`);
    const before = structuredClone(written);
    effectiveConfig(written, { gpus: [0] });
    expect(written).toEqual(before);
  });
});
