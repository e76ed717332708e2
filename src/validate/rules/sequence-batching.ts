import type { MessageValue } from "../../pbtxt/types.js";
import { bool, enumName, has, listLength, messages, msg, num, numbers, str } from "../../config/view.js";
import type { RuleId } from "../codes.js";
import type { RuleContext } from "../rule.js";

/** The ids this family reports. */
export const SEQUENCE_BATCHING_REPORTS = [
  "MC-57",
  "MC-58",
  "MC-59",
  "MC-60",
  "MC-61",
  "MC-62",
  "MC-63",
  "MC-64",
  "MC-65",
  "MC-66",
  "MC-67",
  "TR-4",
] as const satisfies readonly RuleId[];
type Ctx = RuleContext<(typeof SEQUENCE_BATCHING_REPORTS)[number]>;

const BOOLEAN_KINDS = ["CONTROL_SEQUENCE_START", "CONTROL_SEQUENCE_END", "CONTROL_SEQUENCE_READY"] as const;
const CORRID_TYPES = new Set(["TYPE_UINT64", "TYPE_INT64", "TYPE_UINT32", "TYPE_INT32", "TYPE_STRING"]);
const VALUE_LISTS = ["int32_false_true", "fp32_false_true", "bool_false_true"] as const;

/**
 * One pass of Triton's Get…SequenceControlProperties over control_input for
 * one kind. The name checks run in every pass, so they surface in the first.
 */
function controlPass(ctx: Ctx, batcher: MessageValue, kind: string, typed: boolean): boolean {
  const name = ctx.name;
  const seenNames = new Set<string>();
  let seenKind = false;
  const inputs = messages(batcher, "control_input");
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i] as MessageValue;
    const path = `sequence_batching.control_input[${i}]`;
    const tensor = str(input, "name");
    if (tensor === "") {
      ctx.report("MC-58", path, `sequence batching control tensor must have a name for ${name}`, {
        hint: "name the control tensor as the model's input",
      });
      return false;
    }
    if (seenNames.has(tensor)) {
      ctx.report(
        "MC-59",
        `${path}.name`,
        `sequence batching control tensor '${tensor}' is specified for multiple control kinds for ${name}`,
        {
          hint: "each control tensor is listed once; one entry may carry several controls",
        },
      );
      return false;
    }
    seenNames.add(tensor);
    const controls = messages(input, "control");
    for (let j = 0; j < controls.length; j++) {
      const control = controls[j] as MessageValue;
      if (enumName(control, "kind", "CONTROL_SEQUENCE_START") !== kind) continue;
      const cpath = `${path}.control[${j}]`;
      if (seenKind) {
        ctx.report("MC-60", `${cpath}.kind`, `sequence batching specifies multiple ${kind} tensors for ${name}`, {
          hint: `keep one ${kind} control`,
        });
        return false;
      }
      seenKind = true;
      const lists = VALUE_LISTS.filter((l) => listLength(control, l) > 0);
      if (typed) {
        if (lists.length > 0) {
          ctx.report(
            "MC-63",
            cpath,
            `sequence batching must not specify either 'int32_false_true', 'fp32_false_true' or 'bool_false_true' for ${kind} for ${name}`,
            {
              hint: "a CORRID control carries a data_type, not values",
            },
          );
          return false;
        }
        continue;
      }
      if (lists.length === 0) {
        ctx.report(
          "MC-61",
          cpath,
          `sequence batching must specify either 'int32_false_true', 'fp32_false_true' or 'bool_false_true' for ${kind} for ${name}`,
          {
            hint: "add int32_false_true: [0, 1] (the values for false and true)",
          },
        );
        return false;
      }
      if (lists.length > 1) {
        ctx.report(
          "MC-61",
          cpath,
          `sequence batching specifies more than one from 'int32_false_true', 'fp32_false_true' and 'bool_false_true' for ${kind} for ${name}`,
          {
            hint: "keep one value list",
          },
        );
        return false;
      }
      const list = lists[0] as (typeof VALUE_LISTS)[number];
      if (listLength(control, list) !== 2) {
        ctx.report(
          "MC-62",
          `${cpath}.${list}`,
          `sequence batching control '${list}' must have exactly 2 entries for ${kind} for ${name}`,
          {
            hint: "give the false value, then the true value: [0, 1]",
          },
        );
        return false;
      }
    }
  }
  return true;
}

/** MC-57…MC-65, MC-66 (config part) and MC-67 for `sequence_batching`. */
export function checkSequenceBatching(ctx: Ctx): void {
  const batcher = msg(ctx.config, "sequence_batching");
  if (!batcher) return;
  const name = ctx.name;
  if (bool(msg(ctx.config, "response_cache"), "enable")) {
    ctx.report(
      "MC-57",
      "response_cache.enable",
      `Response Cache does not currently support model ${name} with sequence batching scheduler. Please disable the response cache.`,
      {
        hint: "remove response_cache or set enable: false",
      },
    );
  }
  let ok = true;
  for (const kind of BOOLEAN_KINDS) {
    if (!ok) break;
    ok = controlPass(ctx, batcher, kind, false);
  }
  if (ok && controlPass(ctx, batcher, "CONTROL_SEQUENCE_CORRID", true)) {
    messages(batcher, "control_input").forEach((input, i) => {
      messages(input, "control").forEach((control, j) => {
        const kind = enumName(
          control,
          "kind",
          // Stryker disable next-line StringLiteral: any default other than CORRID skips the control, as START does
          "CONTROL_SEQUENCE_START",
        );
        if (kind !== "CONTROL_SEQUENCE_CORRID") return;
        const type = enumName(
          control,
          "data_type",
          // Stryker disable next-line StringLiteral: "" is not an allowed type either, so the verdict is the same
          "TYPE_INVALID",
        );
        if (!CORRID_TYPES.has(type)) {
          ctx.report(
            "MC-63",
            `sequence_batching.control_input[${i}].control[${j}]`,
            `unexpected data type for control CONTROL_SEQUENCE_CORRID for ${name}. Allowed data types are TYPE_UINT64, TYPE_INT64, TYPE_UINT32, TYPE_INT32 and TYPE_STRING`,
            { hint: "add data_type: TYPE_UINT64" },
          );
        }
      });
    });
  }
  const maxBatch = num(ctx.config, "max_batch_size");
  const oldest = msg(batcher, "oldest");
  // Stryker disable next-line ConditionalExpression: without oldest there are no preferred sizes to iterate
  if (oldest) {
    const candidates = num(oldest, "max_candidate_sequences");
    numbers(oldest, "preferred_batch_size").forEach((size, i) => {
      const path = `sequence_batching.oldest.preferred_batch_size[${i}]`;
      if (size <= 0)
        ctx.report("MC-64", path, `sequence batching preferred batch size must be positive for ${name}`, {
          hint: "preferred sizes are batch sizes: 1 or more",
        });
      else if (size > maxBatch) {
        ctx.report("MC-64", path, `sequence batching preferred batch size must be <= max batch size for ${name}`, {
          hint: `max_batch_size is ${maxBatch}`,
        });
      } else if (candidates > 0 && size > candidates) {
        // Triton fills in max_batch_size when no preferred size is written (ND-5):
        // say so, and point at the strategy rather than at a field nobody wrote.
        const written =
          numbers(msg(msg(ctx.written, "sequence_batching"), "oldest"), "preferred_batch_size").length > 0;
        if (written) {
          ctx.report(
            "TR-4",
            path,
            `preferred batch size ${size} of model '${name}' can never be formed: the oldest strategy batches at most max_candidate_sequences (${candidates}) sequences`,
            {
              hint: "raise max_candidate_sequences or lower the preferred size",
            },
          );
        } else {
          ctx.report(
            "TR-4",
            "sequence_batching.oldest",
            `the default preferred batch size of model '${name}' (max_batch_size, ${size}) can never be formed: the oldest strategy batches at most max_candidate_sequences (${candidates}) sequences, so every batch waits out max_queue_delay_microseconds`,
            { hint: `set preferred_batch_size to sizes up to ${candidates}, or raise max_candidate_sequences` },
          );
        }
      }
    });
  }
  const direct = msg(batcher, "direct");
  // Stryker disable next-line ConditionalExpression: without direct the utilization reads 0, which is allowed
  if (direct) {
    const u = num(direct, "minimum_slot_utilization");
    if (u < 0 || u > 1) {
      ctx.report(
        "MC-65",
        "sequence_batching.direct.minimum_slot_utilization",
        `sequence batching minimum slot utilization must be in range (0.0, 1.0] for ${name}`,
        {
          hint: "use a fraction between 0 and 1 (0 is accepted and means: run as soon as one slot is ready)",
        },
      );
    }
  }
  checkStates(ctx, batcher);
  if (messages(batcher, "state").length > 0 && str(ctx.config, "backend") === "python") {
    ctx.report(
      "MC-67",
      "sequence_batching.state",
      `model '${name}' declares implicit state, which the Python backend does not support`,
      {
        hint: "keep the state in the Python instance, keyed by correlation id (see the Python backend's stateful recipe)",
      },
    );
  }
}

/** MC-66, the checks Triton's sequence batcher makes on `state` that need no data file. */
function checkStates(ctx: Ctx, batcher: MessageValue): void {
  const withInitial = new Set<string>();
  messages(batcher, "state").forEach((state, i) => {
    const path = `sequence_batching.state[${i}]`;
    const input = str(state, "input_name");
    const initial = messages(state, "initial_state");
    if (initial.length > 1) {
      ctx.report(
        "MC-66",
        `${path}.initial_state`,
        `initial_state field for state input '${input}' must contain exactly one or zero element. Found '${initial.length}' elements.`,
        {
          hint: "keep one initial_state",
        },
      );
      return;
    }
    const first = initial[0];
    if (!first) return;
    const ipath = `${path}.initial_state[0]`;
    if (enumName(first, "data_type", "TYPE_INVALID") !== enumName(state, "data_type", "TYPE_INVALID")) {
      ctx.report(
        "MC-66",
        `${ipath}.data_type`,
        `The data type used for 'initial_state' field of state '${input}' does not match the state data type.`,
        { hint: "use the state's data_type" },
      );
      return;
    }
    if (str(first, "name") === "") {
      ctx.report("MC-66", ipath, `Field 'name' must be set when using initial_state for state input '${input}'.`, {
        hint: "name the initial state",
      });
      return;
    }
    if (withInitial.has(input)) {
      ctx.report("MC-66", `${path}.input_name`, `State input name '${input}' specified more than once.`, {
        hint: "one state per input_name",
      });
      return;
    }
    withInitial.add(input);
    const stateDims = numbers(state, "dims");
    const initialDims = numbers(first, "dims");
    if (stateDims.length !== initialDims.length) {
      ctx.report(
        "MC-66",
        `${ipath}.dims`,
        `Number of dimensions in 'initial_state' doesn't match the size of 'state' dimensions for state input '${input}'. ${initialDims.length} != ${stateDims.length}`,
        { hint: "give the initial state as many dims as the state" },
      );
      return;
    }
    const variable = initialDims.indexOf(-1);
    if (variable !== -1) {
      ctx.report(
        "MC-66",
        `${ipath}.dims[${variable}]`,
        `'initial_state' field for state input name '${input}' contains variable dimensions.`,
        { hint: "initial state dims must be fixed" },
      );
      return;
    }
    const mismatch = stateDims.findIndex((d, k) => d !== -1 && d !== initialDims[k]);
    if (mismatch !== -1) {
      ctx.report(
        "MC-66",
        `${ipath}.dims[${mismatch}]`,
        `'initial_state' dim for input name '${input}' doesn't match 'state' dim description. ${initialDims[mismatch]} != ${stateDims[mismatch]}`,
        {
          hint: "use the state's dims",
        },
      );
      return;
    }
    if (!has(first, "zero_data") && !has(first, "data_file")) {
      ctx.report("MC-66", ipath, `initial_state setting expects state'${input}' to have state_data set`, {
        hint: 'add zero_data: true or data_file: "<file in initial_state/>"',
      });
    }
  });
}
