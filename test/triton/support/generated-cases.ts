/**
 * Model repositories for the differential against Triton, generated from a
 * fixed seed: a valid Python-backend model (sometimes with an ensemble over
 * it), then one mutation of a named kind. Most kinds break one load-time rule;
 * a few are valid variants, so that loads succeed too and their configs can
 * be compared. Every case has model names of its own, so cases can be staged
 * side by side in one served repository.
 *
 * The configs are written here as text by a small writer of our own, not by
 * the library's printer: the code under test must not produce its own input.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

type Scalar = string | number | boolean | { enum: string };
type Value = Scalar | Message | Value[];
interface Message {
  [field: string]: Value;
}

const E = (name: string): { enum: string } => ({ enum: name });

function isMessage(v: Value): v is Message {
  return typeof v === "object" && !Array.isArray(v) && !("enum" in v);
}

function scalarText(v: Scalar): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "object") return v.enum;
  return String(v);
}

/** Protobuf text format, one field per line. */
export function writePbtxt(message: Message, indent = ""): string {
  let out = "";
  for (const [field, value] of Object.entries(message)) {
    const items = Array.isArray(value) ? value : [value];
    if (items.length > 0 && items.every((i) => !Array.isArray(i) && !isMessage(i))) {
      out += Array.isArray(value)
        ? `${indent}${field}: [ ${(items as Scalar[]).map(scalarText).join(", ")} ]\n`
        : `${indent}${field}: ${scalarText(value as Scalar)}\n`;
      continue;
    }
    if (Array.isArray(value) && value.length === 0) {
      out += `${indent}${field}: [ ]\n`;
      continue;
    }
    for (const item of items) out += `${indent}${field} {\n${writePbtxt(item as Message, `${indent}  `)}${indent}}\n`;
  }
  return out;
}

/** mulberry32: a small seeded PRNG, so the corpus is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MODEL_PY = `import numpy as np
import triton_python_backend_utils as pb_utils


class TritonPythonModel:
    def initialize(self, args):
        self.ready = True

    def execute(self, requests):
        return [pb_utils.InferenceResponse(output_tensors=[]) for _ in requests]
`;

export interface GeneratedCase {
  id: string;
  kind: string;
  /** Whether the case runs with auto-complete on (Triton's default) or off. */
  autoComplete: boolean;
  /** Relative path → content; a path ending in "/" is an empty folder. */
  files: Map<string, string>;
}

interface Draft {
  name: string;
  config: Message;
  /** Config text, when a mutation writes it by hand. */
  text?: string;
  /** Version folders, each with model.py unless listed in `bare`. */
  versions: string[];
  bare: Set<string>;
  noConfig: boolean;
  extraFiles: Map<string, string>;
  /** model.py text, when a mutation writes its own. */
  modelPy?: string;
}

interface Build {
  main: Draft;
  others: Draft[];
  rand: () => number;
}

const DTYPES = ["TYPE_FP32", "TYPE_INT32", "TYPE_INT64", "TYPE_FP16", "TYPE_BOOL", "TYPE_UINT8", "TYPE_STRING"];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

function baseDraft(name: string, rand: () => number): Draft {
  const maxBatch = pick(rand, [0, 4, 8]);
  const dims = (): number[] =>
    Array.from({ length: 1 + Math.floor(rand() * 2) }, () => pick(rand, [1, 2, 3, 4, 16, -1]));
  const inputs = Array.from({ length: 1 + Math.floor(rand() * 2) }, (_, i) => ({
    name: `INPUT${i}`,
    data_type: E(pick(rand, DTYPES)),
    dims: dims(),
  }));
  const outputs = Array.from({ length: 1 + Math.floor(rand() * 2) }, (_, i) => ({
    name: `OUTPUT${i}`,
    data_type: E(pick(rand, DTYPES)),
    dims: dims(),
  }));
  const config: Message = {
    backend: "python",
    max_batch_size: maxBatch,
    input: inputs,
    output: outputs,
    instance_group: [{ kind: E("KIND_CPU"), count: 1 }],
  };
  if (rand() < 0.5) config.name = name;
  return { name, config, versions: ["1"], bare: new Set(), noConfig: false, extraFiles: new Map() };
}

const first = (config: Message, field: string): Message => (config[field] as Message[])[0] as Message;

function withBatch(d: Draft, size = 4): void {
  if ((d.config.max_batch_size as number) === 0) d.config.max_batch_size = size;
}

/** An ensemble over the main model, passing every input and output through. */
function ensembleOver(b: Build): Draft {
  const step = b.main;
  const inputs = step.config.input as Message[];
  const outputs = step.config.output as Message[];
  const config: Message = {
    name: `${step.name}_ens`,
    platform: "ensemble",
    max_batch_size: step.config.max_batch_size as number,
    input: inputs.map((t) => ({ ...t, name: `E_${t.name as string}` })),
    output: outputs.map((t) => ({ ...t, name: `E_${t.name as string}` })),
    ensemble_scheduling: {
      step: [
        {
          model_name: step.name,
          model_version: -1,
          input_map: inputs.map((t) => ({ key: t.name as string, value: `E_${t.name as string}` })),
          output_map: outputs.map((t) => ({ key: t.name as string, value: `E_${t.name as string}` })),
        },
      ],
    },
  };
  const ens: Draft = {
    name: `${step.name}_ens`,
    config,
    versions: ["1"],
    bare: new Set(["1"]),
    noConfig: false,
    extraFiles: new Map(),
  };
  b.others.push(ens);
  return ens;
}

const ensStep = (ens: Draft): Message => first(ens.config.ensemble_scheduling as Message, "step");

/**
 * The mutation kinds: name → edit of the valid build. Kinds whose name starts
 * with `ok_` keep the repository valid (Triton should load it).
 */
const MUTATIONS: Record<string, (b: Build) => void> = {
  dim_zero: (b) => ((first(b.main.config, "input").dims as number[])[0] = 0),
  dim_negative: (b) => ((first(b.main.config, "output").dims as number[])[0] = -2),
  dims_empty: (b) => (first(b.main.config, "input").dims = []),
  batch_negative: (b) => (b.main.config.max_batch_size = -3),
  preferred_too_big: (b) => {
    withBatch(b.main);
    b.main.config.dynamic_batching = { preferred_batch_size: [(b.main.config.max_batch_size as number) * 2] };
  },
  preferred_zero: (b) => {
    withBatch(b.main);
    b.main.config.dynamic_batching = { preferred_batch_size: [0] };
  },
  dynamic_without_batch: (b) => {
    b.main.config.max_batch_size = 0;
    b.main.config.dynamic_batching = { max_queue_delay_microseconds: 100 };
  },
  priority_default_too_high: (b) => {
    withBatch(b.main);
    b.main.config.dynamic_batching = { priority_levels: 2, default_priority_level: 3 };
  },
  priority_without_default: (b) => {
    withBatch(b.main);
    b.main.config.dynamic_batching = { priority_levels: 2 };
  },
  duplicate_input: (b) => (b.main.config.input as Message[]).push({ ...first(b.main.config, "input") }),
  duplicate_output: (b) => (b.main.config.output as Message[]).push({ ...first(b.main.config, "output") }),
  invalid_dtype: (b) => (first(b.main.config, "output").data_type = E("TYPE_INVALID")),
  reshape_mismatch: (b) => {
    const t = first(b.main.config, "input");
    t.dims = [2, 3];
    t.reshape = { shape: [7] };
  },
  ok_reshape: (b) => {
    const t = first(b.main.config, "input");
    t.dims = [2, 3];
    t.reshape = { shape: [3, 2] };
  },
  reshape_variable_mismatch: (b) => {
    const t = first(b.main.config, "output");
    t.dims = [-1, 4];
    t.reshape = { shape: [4, -1, -1] };
  },
  count_negative: (b) => (first(b.main.config, "instance_group").count = -1),
  kind_gpu_without_gpu: (b) => (first(b.main.config, "instance_group").kind = E("KIND_GPU")),
  cpu_group_with_gpus: (b) => (first(b.main.config, "instance_group").gpus = [0]),
  ok_kind_auto: (b) => (b.main.config.instance_group = [{ count: 2 }]),
  ok_no_instance_group: (b) => delete b.main.config.instance_group,
  ok_kind_model: (b) => (first(b.main.config, "instance_group").kind = E("KIND_MODEL")),
  missing_config: (b) => (b.main.noConfig = true),
  no_version_folder: (b) => (b.main.versions = []),
  version_folder_not_numeric: (b) => (b.main.versions = ["v1"]),
  // Not generated: a version folder "-1" (Triton reads it as version 18446744073709551615, looks for
  // model.py in a folder of that name) or one without model.py: Triton 2.51's Python backend then never
  // answers the load ("Failed to preinitialize Python stub: Python model file not found"), and the hung
  // loads starve the server's HTTP threads.
  specific_version_missing: (b) => (b.main.config.version_policy = { specific: { versions: [7] } }),
  latest_zero: (b) => (b.main.config.version_policy = { latest: { num_versions: 0 } }),
  ok_all_versions: (b) => {
    b.main.versions = ["1", "3"];
    b.main.config.version_policy = { all: {} };
  },
  ok_specific_version: (b) => {
    b.main.versions = ["1", "2"];
    b.main.config.version_policy = { specific: { versions: [2] } };
  },
  sequence_two_starts: (b) => {
    withBatch(b.main);
    const start = { name: "START", control: [{ kind: E("CONTROL_SEQUENCE_START"), int32_false_true: [0, 1] }] };
    b.main.config.sequence_batching = { control_input: [start, { ...start, name: "START2" }] };
  },
  sequence_control_one_value: (b) => {
    withBatch(b.main);
    b.main.config.sequence_batching = {
      control_input: [{ name: "START", control: [{ kind: E("CONTROL_SEQUENCE_START"), int32_false_true: [1] }] }],
    };
  },
  sequence_corrid_float: (b) => {
    withBatch(b.main);
    b.main.config.sequence_batching = {
      control_input: [{ name: "CORRID", control: [{ kind: E("CONTROL_SEQUENCE_CORRID"), data_type: E("TYPE_FP32") }] }],
    };
  },
  sequence_control_is_input: (b) => {
    withBatch(b.main);
    b.main.config.sequence_batching = {
      control_input: [{ name: "INPUT0", control: [{ kind: E("CONTROL_SEQUENCE_READY"), fp32_false_true: [0, 1] }] }],
    };
  },
  ok_sequence: (b) => {
    withBatch(b.main);
    b.main.config.sequence_batching = {
      max_sequence_idle_microseconds: 5_000_000,
      control_input: [
        { name: "START", control: [{ kind: E("CONTROL_SEQUENCE_START"), int32_false_true: [0, 1] }] },
        { name: "READY", control: [{ kind: E("CONTROL_SEQUENCE_READY"), int32_false_true: [0, 1] }] },
      ],
    };
  },
  ok_sequence_oldest: (b) => {
    withBatch(b.main);
    b.main.config.sequence_batching = { oldest: { max_candidate_sequences: 4 } };
  },
  both_schedulers: (b) => {
    withBatch(b.main);
    b.main.text = `${writePbtxt(b.main.config)}dynamic_batching { }\nsequence_batching { }\n`;
  },
  warmup_batch_too_big: (b) => {
    withBatch(b.main);
    b.main.config.model_warmup = [warmup(b.main, (b.main.config.max_batch_size as number) + 1)];
  },
  warmup_missing_input: (b) => {
    b.main.config.input = [first(b.main.config, "input"), { name: "EXTRA", data_type: E("TYPE_FP32"), dims: [2] }];
    const w = warmup(b.main, 1);
    w.inputs = (w.inputs as Message[]).slice(0, 1);
    b.main.config.model_warmup = [w];
  },
  warmup_unknown_input: (b) => {
    const w = warmup(b.main, 1);
    (w.inputs as Message[]).push({
      key: "NOT_AN_INPUT",
      value: { data_type: E("TYPE_FP32"), dims: [1], zero_data: true },
    });
    b.main.config.model_warmup = [w];
  },
  warmup_missing_file: (b) => {
    const w = warmup(b.main, 1);
    const entry = (w.inputs as Message[])[0] as Message;
    const value = entry.value as Message;
    delete value.zero_data;
    value.input_data_file = "raw_input";
    b.main.config.model_warmup = [w];
  },
  warmup_no_data: (b) => {
    const w = warmup(b.main, 1);
    delete ((w.inputs as Message[])[0]?.value as Message).zero_data;
    b.main.config.model_warmup = [w];
  },
  warmup_zero_batch: (b) => (b.main.config.model_warmup = [warmup(b.main, 0)]),
  ok_warmup: (b) => (b.main.config.model_warmup = [warmup(b.main, 1)]),
  ensemble_unknown_model: (b) => {
    ensStep(ensembleOver(b)).model_name = `${b.main.name}_absent`;
  },
  ensemble_unknown_step_input: (b) => {
    const step = ensStep(ensembleOver(b));
    ((step.input_map as Message[])[0] as Message).key = "NOT_AN_INPUT";
  },
  ensemble_unknown_step_output: (b) => {
    const step = ensStep(ensembleOver(b));
    ((step.output_map as Message[])[0] as Message).key = "NOT_AN_OUTPUT";
  },
  ensemble_input_unused: (b) => {
    const ens = ensembleOver(b);
    (ens.config.input as Message[]).push({ name: "E_UNUSED", data_type: E("TYPE_FP32"), dims: [1] });
  },
  ensemble_output_not_produced: (b) => {
    const ens = ensembleOver(b);
    (ens.config.output as Message[]).push({ name: "E_NEVER", data_type: E("TYPE_FP32"), dims: [1] });
  },
  ensemble_type_mismatch: (b) => {
    const ens = ensembleOver(b);
    const t = first(ens.config, "input");
    t.data_type = E(t.data_type && (t.data_type as { enum: string }).enum === "TYPE_FP64" ? "TYPE_FP32" : "TYPE_FP64");
  },
  ensemble_batch_too_big: (b) => {
    withBatch(b.main);
    const ens = ensembleOver(b);
    ens.config.max_batch_size = (b.main.config.max_batch_size as number) * 4;
  },
  ensemble_without_scheduling: (b) => {
    delete ensembleOver(b).config.ensemble_scheduling;
  },
  ensemble_step_version_missing: (b) => {
    ensStep(ensembleOver(b)).model_version = 5;
  },
  ok_ensemble: (b) => void ensembleOver(b),
  name_mismatch: (b) => (b.main.config.name = `${b.main.name}_other`),
  unknown_backend: (b) => (b.main.config.backend = "no_such_backend"),
  platform_with_python: (b) => (b.main.config.platform = "onnxruntime_onnx"),
  label_file_missing: (b) => (first(b.main.config, "output").label_filename = "labels.txt"),
  ok_label_file: (b) => {
    first(b.main.config, "output").label_filename = "labels.txt";
    b.main.extraFiles.set("labels.txt", "a\nb\n");
  },
  batch_input_without_batch: (b) => {
    b.main.config.max_batch_size = 0;
    b.main.config.batch_input = [
      { kind: E("BATCH_ELEMENT_COUNT"), target_name: ["COUNT"], data_type: E("TYPE_FP32"), source_input: ["INPUT0"] },
    ];
  },
  format_nhwc_wrong_rank: (b) => {
    const t = first(b.main.config, "input");
    t.format = E("FORMAT_NHWC");
    t.data_type = E("TYPE_FP32");
    t.dims = [4];
  },
  ok_optional_input: (b) => (first(b.main.config, "input").optional = true),
  ok_decoupled: (b) => (b.main.config.model_transaction_policy = { decoupled: true }),
  response_cache_without_cache: (b) => (b.main.config.response_cache = { enable: true }),
  unknown_field: (b) => (b.main.text = `${writePbtxt(b.main.config)}max_batch: 4\n`),
  syntax_error: (b) => (b.main.text = writePbtxt(b.main.config).replace(/}\n$/, "")),
  negative_unsigned: (b) => {
    withBatch(b.main);
    b.main.text = `${writePbtxt(b.main.config)}dynamic_batching { max_queue_delay_microseconds: -5 }\n`;
  },
  execution_env_missing: (b) =>
    (b.main.config.parameters = [
      { key: "EXECUTION_ENV_PATH", value: { string_value: "$$TRITON_MODEL_DIRECTORY/env" } },
    ]),
  ok_parameters: (b) => (b.main.config.parameters = [{ key: "k", value: { string_value: "v" } }]),
  warmup_variable_dims: (b) => {
    const w = warmup(b.main, 1);
    ((w.inputs as Message[])[0]?.value as Message).dims = [-1];
    b.main.config.model_warmup = [w];
  },
  warmup_wrong_dtype: (b) => {
    const w = warmup(b.main, 1);
    const value = (w.inputs as Message[])[0]?.value as Message;
    value.data_type = E((value.data_type as { enum: string }).enum === "TYPE_FP64" ? "TYPE_FP32" : "TYPE_FP64");
    b.main.config.model_warmup = [w];
  },
  warmup_wrong_shape: (b) => {
    const w = warmup(b.main, 1);
    ((w.inputs as Message[])[0]?.value as Message).dims = [5, 5, 5];
    b.main.config.model_warmup = [w];
  },
  ok_warmup_random: (b) => {
    const w = warmup(b.main, 1);
    for (const entry of w.inputs as Message[]) {
      const value = entry.value as Message;
      delete value.zero_data;
      value.random_data = true;
    }
    b.main.config.model_warmup = [w];
  },
  gpu_negative: (b) => (b.main.config.instance_group = [{ kind: E("KIND_GPU"), gpus: [-1] }]),
  kind_auto_with_gpu: (b) => (b.main.config.instance_group = [{ count: 1, gpus: [0] }]),
  ok_count_zero: (b) => (first(b.main.config, "instance_group").count = 0),
  ok_two_groups: (b) =>
    (b.main.config.instance_group = [
      { name: "a", kind: E("KIND_CPU"), count: 1 },
      { kind: E("KIND_CPU"), count: 2 },
    ]),
  duplicate_group_names: (b) =>
    (b.main.config.instance_group = [
      { name: "a", kind: E("KIND_CPU") },
      { name: "a", kind: E("KIND_CPU") },
    ]),
  ok_rate_limiter: (b) =>
    (first(b.main.config, "instance_group").rate_limiter = { resources: [{ name: "R", count: 1 }], priority: 1 }),
  ok_priority_levels: (b) => {
    withBatch(b.main);
    b.main.config.dynamic_batching = { priority_levels: 2, default_priority_level: 1 };
  },
  ok_queue_policy: (b) => {
    withBatch(b.main);
    b.main.config.dynamic_batching = {
      default_queue_policy: {
        timeout_action: E("REJECT"),
        default_timeout_microseconds: 1000,
        allow_timeout_override: true,
        max_queue_size: 4,
      },
    };
  },
  ok_sequence_direct: (b) => {
    withBatch(b.main);
    b.main.config.sequence_batching = {
      direct: { max_queue_delay_microseconds: 100, minimum_slot_utilization: 0.5 },
      control_input: [{ name: "START", control: [{ kind: E("CONTROL_SEQUENCE_START"), int32_false_true: [0, 1] }] }],
    };
  },
  sequence_without_batch: (b) => {
    b.main.config.max_batch_size = 0;
    b.main.config.sequence_batching = {
      control_input: [
        { name: "READY", control: [{ kind: E("CONTROL_SEQUENCE_READY"), bool_false_true: [false, true] }] },
      ],
    };
  },
  ensemble_self_step: (b) => {
    const ens = ensembleOver(b);
    ensStep(ens).model_name = ens.name;
  },
  ensemble_over_decoupled: (b) => {
    b.main.config.model_transaction_policy = { decoupled: true };
    ensembleOver(b);
  },
  io_same_name: (b) => (first(b.main.config, "output").name = first(b.main.config, "input").name as string),
  ok_string_io: (b) => {
    const t = first(b.main.config, "input");
    t.data_type = E("TYPE_STRING");
    t.dims = [1];
  },
  latest_more_than_present: (b) => (b.main.config.version_policy = { latest: { num_versions: 3 } }),
  model_py_syntax_error: (b) => (b.main.modelPy = `${MODEL_PY}\n    def broken(:\n        pass\n`),
  model_py_without_class: (b) => (b.main.modelPy = MODEL_PY.replace("class TritonPythonModel", "class SomeModel")),
  ac_max_batch_lower: (b) => {
    withBatch(b.main, 8);
    b.main.modelPy = withAutoComplete("config.set_max_batch_size(2)");
  },
  ac_input_other_dims: (b) => {
    const t = first(b.main.config, "input");
    b.main.modelPy = withAutoComplete(
      `config.add_input({"name": "${t.name as string}", "data_type": "${(t.data_type as { enum: string }).enum}", "dims": [7, 7, 7]})`,
    );
  },
  ac_dynamic_with_sequence: (b) => {
    withBatch(b.main);
    b.main.config.sequence_batching = {};
    b.main.modelPy = withAutoComplete("config.set_dynamic_batching()");
  },
  ac_policy_other_key: (b) =>
    (b.main.modelPy = withAutoComplete('config.set_model_transaction_policy({"decoupled": True, "other": 1})')),
  ok_ac_fills_io: (b) => {
    delete b.main.config.input;
    delete b.main.config.output;
    b.main.config.max_batch_size = 0;
    b.main.modelPy = withAutoComplete(
      'config.set_max_batch_size(4)\n        config.add_input({"name": "A", "data_type": "TYPE_FP32", "dims": [3]})\n' +
        '        config.add_output({"name": "B", "data_type": "TYPE_INT32", "dims": [-1]})\n        config.set_dynamic_batching()',
    );
  },
  ok_ac_decoupled: (b) =>
    (b.main.modelPy = withAutoComplete("config.set_model_transaction_policy(dict(decoupled=True))")),
  ok_dynamic_batching: (b) => {
    withBatch(b.main, 8);
    b.main.config.dynamic_batching = { max_queue_delay_microseconds: 100 };
  },
};

/** The model with an auto_complete_config running `body` (kinds `ac_…` and `ok_ac_…` run with auto-complete on). */
function withAutoComplete(body: string): string {
  return MODEL_PY.replace(
    "class TritonPythonModel:\n",
    `class TritonPythonModel:\n    @staticmethod\n    def auto_complete_config(config):\n        ${body}\n        return config\n\n`,
  );
}

function warmup(d: Draft, batch: number): Message {
  return {
    name: "w",
    batch_size: batch,
    inputs: (d.config.input as Message[]).map((t) => ({
      key: t.name as string,
      value: {
        data_type: t.data_type as Value,
        dims: (t.dims as number[]).map((n) => (n === -1 ? 2 : n)),
        zero_data: true,
      },
    })),
  };
}

export const MUTATION_KINDS = Object.keys(MUTATIONS);

function emit(d: Draft, files: Map<string, string>): void {
  if (!d.noConfig) files.set(`${d.name}/config.pbtxt`, d.text ?? writePbtxt(d.config));
  for (const v of d.versions)
    files.set(
      d.bare.has(v) || d.config.platform === "ensemble" ? `${d.name}/${v}/` : `${d.name}/${v}/model.py`,
      d.modelPy ?? MODEL_PY,
    );
  for (const [path, text] of d.extraFiles) files.set(`${d.name}/${path}`, text);
}

/**
 * `count` cases from `seed`: case i takes mutation kind i mod the number of
 * kinds, on a base drawn from the PRNG. One case in `autoCompleteEvery` runs
 * with auto-complete on (each Python load then runs the stub), the rest off.
 */
export function generateCases(seed: number, count: number, autoCompleteEvery = 6): GeneratedCase[] {
  const rand = prng(seed);
  const cases: GeneratedCase[] = [];
  for (let i = 0; i < count; i++) {
    const kind = MUTATION_KINDS[i % MUTATION_KINDS.length] as string;
    const name = `g${String(i).padStart(3, "0")}`;
    const build: Build = { main: baseDraft(name, rand), others: [], rand };
    (MUTATIONS[kind] as (b: Build) => void)(build);
    const files = new Map<string, string>();
    for (const d of [build.main, ...build.others]) emit(d, files);
    const autoComplete = /^(ok_)?ac_/.test(kind) || i % autoCompleteEvery === autoCompleteEvery - 1;
    cases.push({ id: `${name}-${kind}`, kind, autoComplete, files });
  }
  return cases;
}

/** Writes a case as a repository folder under `root`. */
export function writeCase(c: GeneratedCase, root: string): string {
  const dir = join(root, c.id);
  mkdirSync(dir, { recursive: true });
  for (const [path, text] of c.files) {
    if (path.endsWith("/")) mkdirSync(join(dir, path), { recursive: true });
    else {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  }
  return dir;
}
