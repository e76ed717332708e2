// Compiled with `tsc --strict` in a project that installed the packed
// tarball, then run with node. Each `@ts-expect-error` line is a mistake the
// types must catch: if it compiled, tsc would fail on the unused directive.
import { strict as assert } from "node:assert";
import modelConfigSchema from "triton-repo/schemas/model-config.schema.json" with { type: "json" };
import repoSpecSchema from "triton-repo/schemas/repo-spec.schema.json" with { type: "json" };
import {
  type Diagnostic,
  type ModelConfig,
  compareConfigs,
  decode,
  diffConfigs,
  dynamicBatching,
  effectiveConfig,
  encode,
  fromJSON,
  fromPbtxt,
  gpuInstances,
  isDiagnosticError,
  modelConfig,
  parameters,
  pythonModel,
  tensor,
  toJSON,
  toPbtxt,
  validateConfig,
  warmupFor,
} from "triton-repo";
import { formatDiffText } from "triton-repo/diff";
import { formatPbtxt } from "triton-repo/fmt";
import { type RepoSpec, loadSpecText } from "triton-repo/generate";
import { type MessageValue, messageToJSON, parseMessage, printMessage } from "triton-repo/textformat";
import { RULES, formatSarif } from "triton-repo/validate";

// The snippet of issue 11, as written.
const config = pythonModel({
  name: "m",
  maxBatchSize: 8,
  instances: gpuInstances({ count: 1, gpus: [0] }),
  inputs: [tensor("x", "TYPE_FP32", [4])],
  outputs: [tensor("y", "TYPE_FP32", [4])],
});
const problems = validateConfig(config); // Diagnostic[]
const { config: back, ok } = fromPbtxt(toPbtxt(config));
assert.deepEqual(
  problems.filter((d) => d.severity === "error"),
  [],
);
assert.equal(ok, true);
assert.deepEqual(toJSON(back), toJSON(config));

// The same for effective config and diff.
const effective: ModelConfig = effectiveConfig(config, { gpus: [0] });
assert.equal(effective.instance_group?.[0]?.name, "m_0");
const changes = diffConfigs(config, effective);
assert.ok(changes.some((c) => c.path.startsWith("instance_group[0]")));
assert.match(formatDiffText(compareConfigs(config, effective)), /instance_group\[0\]\.name/);

// Helper results fit the helpers that take them.
const warmed = pythonModel({
  name: "w",
  maxBatchSize: 4,
  inputs: [tensor("x", "TYPE_FP32", [4])],
  outputs: [tensor("y", "TYPE_FP32", [4])],
  parameters: parameters({ EXECUTION_ENV_PATH: "$$TRITON_MODEL_DIRECTORY/env.tar.gz" }),
  warmup: warmupFor(config, { data: "zero" }),
  dynamicBatching: dynamicBatching({ preferredBatchSize: [16] }),
});
assert.equal(warmed.model_warmup?.length, 1);
// Built, then validated: Triton's refusal comes back as a diagnostic, nothing throws.
const refused: Diagnostic[] = validateConfig(warmed);
assert.ok(
  refused.some((d) => d.code === "MC-51"),
  "MC-51 for a preferred size above max_batch_size",
);

// Text, JSON and bytes round trips; readers never throw.
assert.equal(fromJSON(toJSON(config)).ok, true);
assert.deepEqual(toJSON(decode(encode(config)).config), toJSON(config));
assert.equal(decode(Uint8Array.from([0x0a, 0x05])).ok, false);
assert.equal(fromPbtxt("max_batch_size: oops").ok, false);
assert.ok(validateConfig("name: ").length > 0);

// The throwing helpers say so, with no made-up file name in the message.
try {
  warmupFor(pythonModel({ name: "v", maxBatchSize: 1, inputs: [tensor("x", "TYPE_FP32", [-1])], outputs: [] }), {
    data: "zero",
  });
  assert.fail("warmupFor should throw for a variable dimension");
} catch (error: unknown) {
  assert.ok(isDiagnosticError(error));
  assert.equal(error.diagnostics[0]?.code, "MC-93");
  assert.doesNotMatch(error.message, /<input>|config\.pbtxt/);
}

// Subpath entries.
const warmup = parseMessage('name: "s" batch_size: 1', { messageType: "ModelWarmup" });
assert.equal(warmup.ok, true);
const asMessage: MessageValue = warmup.value;
assert.match(printMessage(asMessage, { messageType: "ModelWarmup" }), /batch_size: 1/);
assert.deepEqual(messageToJSON(asMessage, "ModelWarmup"), { name: "s", batch_size: 1 });
assert.equal(formatPbtxt("name:'m'").text, 'name: "m"\n');
assert.ok(RULES.length > 50);
assert.equal(JSON.parse(formatSarif([])).version, "2.1.0");
const spec: RepoSpec | undefined = loadSpecText("models: []\n", "spec.yaml").spec;
assert.ok(spec === undefined || Array.isArray(spec.models));
assert.equal(typeof modelConfigSchema, "object");
assert.equal(typeof repoSpecSchema, "object");

// Mistakes the types catch (compiled, never run).
export function typeMistakes(): void {
  // @ts-expect-error an unknown field
  modelConfig({ max_batch_sizes: 8 });
  // @ts-expect-error an enum value with a typo
  tensor("x", "TYPE_FP33", [4]);
  // @ts-expect-error two members of one oneof
  modelConfig({ dynamic_batching: {}, sequence_batching: {} });
  // @ts-expect-error a string where a number goes
  pythonModel({ name: "m", maxBatchSize: "8", inputs: [], outputs: [] });
  // @ts-expect-error a snake_case config field is not a helper option
  pythonModel({ name: "m", max_batch_size: 8, inputs: [], outputs: [] });
  // @ts-expect-error validateConfig takes a config or its text
  validateConfig(42);
  // @ts-expect-error a read result is not a config
  toPbtxt(fromPbtxt(""));
}

console.log("consumer checks passed");
