import type {
  DataType,
  Int64Input,
  ModelDynamicBatching,
  ModelQueuePolicy,
  ModelSequenceBatching,
  ModelSequenceBatching_Control,
  ModelSequenceBatching_Control_Kind,
  ModelSequenceBatching_ControlInput,
  ModelSequenceBatching_State,
  ModelSequenceBatching_StrategyDirect,
  ModelSequenceBatching_StrategyOldest,
  ModelSequenceBatchingFields,
} from "../../generated/model-config.js";

export interface DynamicBatchingOptions {
  /** Batch sizes to aim for; each must be at most the model's `max_batch_size`. */
  preferredBatchSize?: readonly number[];
  /** How long a request may wait for a preferred batch to form. Default 0 (no wait). */
  maxQueueDelayMicroseconds?: Int64Input;
  /** Answer in request order. */
  preserveOrdering?: boolean;
  /** Number of priority levels; requests then pick one with their `priority`. */
  priorityLevels?: Int64Input;
  /** Level of requests that give none; needed with `priorityLevels`. */
  defaultPriorityLevel?: Int64Input;
  /** Queue policy (timeouts, size) of every level without its own. */
  defaultQueuePolicy?: ModelQueuePolicy;
  /** Queue policy per priority level, keyed by level. */
  priorityQueuePolicy?: Readonly<Record<string, ModelQueuePolicy>>;
}

/**
 * The dynamic batcher: `dynamicBatching({ preferredBatchSize: [4, 8, 16],
 * maxQueueDelayMicroseconds: 100 })`. Only the options given are written.
 */
export function dynamicBatching(options: DynamicBatchingOptions = {}): ModelDynamicBatching {
  const out: ModelDynamicBatching = {};
  if (options.preferredBatchSize !== undefined) out.preferred_batch_size = [...options.preferredBatchSize];
  if (options.maxQueueDelayMicroseconds !== undefined)
    out.max_queue_delay_microseconds = options.maxQueueDelayMicroseconds;
  if (options.preserveOrdering !== undefined) out.preserve_ordering = options.preserveOrdering;
  if (options.priorityLevels !== undefined) out.priority_levels = options.priorityLevels;
  if (options.defaultPriorityLevel !== undefined) out.default_priority_level = options.defaultPriorityLevel;
  if (options.defaultQueuePolicy !== undefined) out.default_queue_policy = options.defaultQueuePolicy;
  if (options.priorityQueuePolicy !== undefined) out.priority_queue_policy = { ...options.priorityQueuePolicy };
  return out;
}

/** Names of the inputs that carry the sequence signals; leave one out to go without it. */
export interface SequenceControls {
  /** Input set to true on the first request of a sequence (CONTROL_SEQUENCE_START). */
  start?: string;
  /** Input set to true on the last request (CONTROL_SEQUENCE_END). */
  end?: string;
  /** Input set to true when the request holds data (CONTROL_SEQUENCE_READY). */
  ready?: string;
  /** Input receiving the correlation id (CONTROL_SEQUENCE_CORRID), TYPE_UINT64 unless a type is given. */
  correlationId?:
    | string
    | { name: string; dataType: "TYPE_UINT64" | "TYPE_INT64" | "TYPE_UINT32" | "TYPE_INT32" | "TYPE_STRING" };
  /** Element type of the start, end and ready tensors. Default TYPE_INT32 (values 0 and 1). */
  flagType?: "TYPE_INT32" | "TYPE_FP32" | "TYPE_BOOL";
}

/** The usual control inputs: START, END, READY (INT32 flags) and CORRID (UINT64). */
export const STANDARD_SEQUENCE_CONTROLS: Readonly<SequenceControls> = {
  start: "START",
  end: "END",
  ready: "READY",
  correlationId: "CORRID",
};

interface SequenceCommon {
  /** A sequence idle this long is ended by Triton. Default (0) means 1 second. */
  maxSequenceIdleMicroseconds?: Int64Input;
  /** How long to wait for other requests before running a partial batch. */
  maxQueueDelayMicroseconds?: Int64Input;
  /** Control inputs: names per signal, or "standard" for START/END/READY/CORRID. */
  controls?: SequenceControls | "standard";
  /** Implicit state tensors Triton keeps between requests. */
  states?: readonly ModelSequenceBatching_State[];
  /** The model re-queues requests itself (iterative sequences). */
  iterative?: boolean;
}

/** Direct strategy: each sequence owns a batch slot. */
export interface DirectSequenceOptions extends SequenceCommon {
  strategy?: "direct";
  /** Share (0 to 1) of slots that must be ready before the delay is cut short. */
  minimumSlotUtilization?: number;
}

/** Oldest strategy: the oldest requests of several sequences are batched together. */
export interface OldestSequenceOptions extends SequenceCommon {
  strategy: "oldest";
  maxCandidateSequences?: number;
  preferredBatchSize?: readonly number[];
  preserveOrdering?: boolean;
}

export type SequenceBatchingOptions = DirectSequenceOptions | OldestSequenceOptions;

function flagControl(
  kind: ModelSequenceBatching_Control_Kind,
  flagType: SequenceControls["flagType"],
): ModelSequenceBatching_Control {
  switch (flagType ?? "TYPE_INT32") {
    case "TYPE_FP32":
      return { kind, fp32_false_true: [0, 1] };
    case "TYPE_BOOL":
      return { kind, bool_false_true: [false, true] };
    default:
      return { kind, int32_false_true: [0, 1] };
  }
}

function controlInputs(controls: SequenceControls): ModelSequenceBatching_ControlInput[] {
  const inputs: ModelSequenceBatching_ControlInput[] = [];
  const flags: Array<[string | undefined, ModelSequenceBatching_Control_Kind]> = [
    [controls.start, "CONTROL_SEQUENCE_START"],
    [controls.end, "CONTROL_SEQUENCE_END"],
    [controls.ready, "CONTROL_SEQUENCE_READY"],
  ];
  for (const [name, kind] of flags) {
    if (name !== undefined) inputs.push({ name, control: [flagControl(kind, controls.flagType)] });
  }
  if (controls.correlationId !== undefined) {
    const { name, dataType } =
      typeof controls.correlationId === "string"
        ? { name: controls.correlationId, dataType: "TYPE_UINT64" as DataType }
        : controls.correlationId;
    inputs.push({ name, control: [{ kind: "CONTROL_SEQUENCE_CORRID", data_type: dataType }] });
  }
  return inputs;
}

/**
 * The sequence batcher for stateful models:
 * `sequenceBatching({ controls: "standard", maxSequenceIdleMicroseconds: 5_000_000 })`
 * routes every request of a sequence to the same slot with the direct
 * strategy; `strategy: "oldest"` batches across sequences instead.
 */
export function sequenceBatching(options: SequenceBatchingOptions = {}): ModelSequenceBatching {
  const out: ModelSequenceBatchingFields = {};
  if (options.maxSequenceIdleMicroseconds !== undefined)
    out.max_sequence_idle_microseconds = options.maxSequenceIdleMicroseconds;
  if (options.controls !== undefined) {
    out.control_input = controlInputs(options.controls === "standard" ? STANDARD_SEQUENCE_CONTROLS : options.controls);
  }
  if (options.states !== undefined) out.state = [...options.states];
  if (options.iterative !== undefined) out.iterative_sequence = options.iterative;
  if (options.strategy === "oldest") {
    const oldest: ModelSequenceBatching_StrategyOldest = {};
    if (options.maxCandidateSequences !== undefined) oldest.max_candidate_sequences = options.maxCandidateSequences;
    if (options.preferredBatchSize !== undefined) oldest.preferred_batch_size = [...options.preferredBatchSize];
    if (options.maxQueueDelayMicroseconds !== undefined)
      oldest.max_queue_delay_microseconds = options.maxQueueDelayMicroseconds;
    if (options.preserveOrdering !== undefined) oldest.preserve_ordering = options.preserveOrdering;
    return { ...out, oldest };
  }
  const direct: ModelSequenceBatching_StrategyDirect = {};
  if (options.maxQueueDelayMicroseconds !== undefined)
    direct.max_queue_delay_microseconds = options.maxQueueDelayMicroseconds;
  if (options.minimumSlotUtilization !== undefined) direct.minimum_slot_utilization = options.minimumSlotUtilization;
  return { ...out, direct };
}
