import type { MessageValue } from "../pbtxt/types.js";
import type { RuleId } from "./codes.js";
import { bool, enumName, has, messages, msg, num, numbers, str, stringMap } from "../config/view.js";

/**
 * The two graphs Triton builds for an ensemble, followed step for step so
 * that we report the same tensor in the same words:
 * - the config-only data-flow graph (core's BuildEnsembleGraph and
 *   ValidateEnsembleSchedulingConfig, MC-75…MC-80);
 * - the typed tensor graph over the step models' configs (ensemble_utils.cc
 *   ValidateEnsembleConfig, MC-85…MC-91), which also decides whether the
 *   ensemble is decoupled (ND-10).
 */

export interface EnsembleStep {
  index: number;
  modelName: string;
  /** Explicit model_version; 0 when omitted (Triton reads that as version 0). */
  modelVersion: number;
  inputMap: Array<[string, string]>;
  outputMap: Array<[string, string]>;
}

/** The steps of an ensemble config, maps in written order. */
export function ensembleSteps(config: MessageValue): EnsembleStep[] {
  return messages(msg(config, "ensemble_scheduling"), "step").map((step, index) => ({
    index,
    modelName: str(step, "model_name"),
    modelVersion: num(step, "model_version"),
    inputMap: stringMap(step, "input_map"),
    outputMap: stringMap(step, "output_map"),
  }));
}

/** One config-level finding: the rule and Triton's message, plus where. */
export interface GraphFinding<Id extends RuleId = RuleId> {
  code: Id;
  message: string;
  path?: string;
}

interface FlowNode {
  name: string;
  isOutput: boolean;
  ready: boolean;
  prev: FlowNode[];
  next: FlowNode[];
}

/** The ids the config-level graph checks report. */
export type GraphConfigId = "MC-75" | "MC-76" | "MC-77" | "MC-78" | "MC-79" | "MC-80";

/**
 * MC-75…MC-80 on one ensemble config. Triton stops at the first failure;
 * we go on where the graph still makes sense, and report every unused
 * tensor (Triton reports one of them, whichever its hash map yields first).
 */
export function checkEnsembleGraph(config: MessageValue, name: string): GraphFinding<GraphConfigId>[] {
  const findings: GraphFinding<GraphConfigId>[] = [];
  const steps = ensembleSteps(config);
  if (steps.length === 0) {
    findings.push({
      code: "MC-75",
      message: `must specify 'step' for ensemble '${name}'`,
      path: "ensemble_scheduling",
    });
    return findings;
  }
  const nodes = new Map<string, FlowNode>();
  const node = (tensor: string, isOutput: boolean): FlowNode => {
    let n = nodes.get(tensor);
    if (!n) {
      n = { name: tensor, isOutput, ready: false, prev: [], next: [] };
      nodes.set(tensor, n);
    }
    return n;
  };
  let broken = false;
  for (const step of steps) {
    const path = `ensemble_scheduling.step[${step.index}]`;
    if (step.modelName === "") {
      findings.push({
        code: "MC-76",
        message: `must specify 'model_name' in step ${step.index} of ensemble '${name}'`,
        path,
      });
      broken = true;
      continue;
    }
    if (step.inputMap.length === 0) {
      findings.push({
        code: "MC-76",
        message: `must specify 'input_map' in step ${step.index} of ensemble '${name}'`,
        path,
      });
      broken = true;
      continue;
    }
    if (step.outputMap.length === 0) {
      findings.push({
        code: "MC-76",
        message: `must specify 'output_map' in step ${step.index} of ensemble '${name}'`,
        path,
      });
      broken = true;
      continue;
    }
    const produced: FlowNode[] = [];
    for (const [key, tensor] of step.outputMap) {
      const existing = nodes.get(tensor);
      if (existing?.isOutput) {
        findings.push({
          code: "MC-77",
          message: `ensemble tensor '${tensor}' can appear in an output map only once for ensemble '${name}' step ${step.index}`,
          path: `${path}.output_map["${key}"]`,
        });
        broken = true;
      }
      const n = existing ?? node(tensor, true);
      n.isOutput = true;
      produced.push(n);
    }
    for (const [, tensor] of step.inputMap) {
      const n = node(tensor, false);
      for (const out of produced) {
        out.prev.push(n);
        n.next.push(out);
      }
    }
  }
  if (broken) return findings;

  // Data flow from the ensemble inputs.
  const queue: FlowNode[] = [];
  messages(config, "input").forEach((input, i) => {
    const n = nodes.get(str(input, "name"));
    if (!n) {
      findings.push({
        code: "MC-78",
        message: `ensemble input '${str(input, "name")}' for ensemble ${name}' is not used`,
        path: `input[${i}]`,
      });
      return;
    }
    n.ready = true;
    queue.push(n);
  });
  for (let head = 0; head < queue.length; head++) {
    for (const next of (queue[head] as FlowNode).next) {
      if (next.ready) continue;
      if (next.prev.every((p) => p.ready)) {
        next.ready = true;
        queue.push(next);
      }
    }
  }
  const outputs = new Set<string>();
  messages(config, "output").forEach((output, i) => {
    const outName = str(output, "name");
    const n = nodes.get(outName);
    if (!n) {
      findings.push({
        code: "MC-79",
        message: `ensemble output '${outName}' for ensemble ${name}' is not used`,
        path: `output[${i}]`,
      });
      return;
    }
    if (!n.ready) {
      let message = `output '${outName}' for ensemble '${name}' is not written`;
      // Walk back through not-ready producers to the tensor that is never connected.
      let last = n;
      const seen = new Set<string>();
      let prev: FlowNode[] | undefined = n.prev;
      while (prev && prev.length > 0) {
        const candidates: FlowNode[] = prev;
        prev = undefined;
        for (const p of candidates) {
          if (!p.ready && !seen.has(p.name)) {
            seen.add(p.name);
            last = p;
            prev = p.prev;
            break;
          }
        }
      }
      if (last.name !== n.name) message += `: at least one of its depending tensors, '${last.name}', is not connected`;
      findings.push({ code: "MC-79", message, path: `output[${i}]` });
      return;
    }
    outputs.add(outName);
  });
  for (const n of nodes.values()) {
    if (outputs.has(n.name)) continue;
    if (!n.ready || n.next.length === 0) {
      findings.push({
        code: "MC-80",
        message: `ensemble tensor '${n.name}' is unused in ensemble '${name}'`,
        path: "ensemble_scheduling",
      });
    }
  }
  return findings;
}

interface TensorNode {
  /** The model that first declared the tensor (what Triton names in MC-91). */
  model: string;
  type: string;
  dims: number[];
  fullDims: number[];
  decoupled: boolean;
  label: number;
  visited: boolean;
  prev: TensorNode[];
  next: TensorNode[];
  sibling?: { label: number; visited: boolean };
}

/** The type of a tensor whose step is completed at load time: it agrees with any type until one is known. */
const UNKNOWN_TYPE = "";

function tensorNode(model: string, batching: boolean, type: string, dims: number[]): TensorNode {
  return {
    model,
    type,
    dims,
    fullDims: batching ? [-1, ...dims] : [...dims],
    decoupled: false,
    label: 0,
    visited: false,
    prev: [],
    next: [],
  };
}

/**
 * A step's declared tensor. When the step is completed at load time, a
 * tensor written without a type or dims gets them from auto-complete: its
 * type is not known yet.
 */
function stepTensor(model: string, batching: boolean, io: MessageValue, open: string | undefined): TensorNode {
  const type = enumName(io, "data_type", "TYPE_INVALID");
  const dims = numbers(io, "dims");
  if (open !== undefined && (type === "TYPE_INVALID" || dims.length === 0))
    return tensorNode(model, false, UNKNOWN_TYPE, []);
  return tensorNode(model, batching, type, dims);
}

function sameDims(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((d, i) => d === -1 || b[i] === -1 || d === b[i]);
}

/** The declared shape of an ensemble's own tensor: its reshape when it has one. */
function ioDims(io: MessageValue): number[] {
  return has(io, "reshape") ? numbers(msg(io, "reshape"), "shape") : numbers(io, "dims");
}

/** The ids the checks of an ensemble against its steps report. */
export type GraphCrossId = "MC-85" | "MC-86" | "MC-87" | "MC-88" | "MC-89" | "MC-90" | "MC-91";

/** Result of crossCheckEnsemble. */
export interface EnsembleCrossCheck {
  findings: GraphFinding<GraphCrossId>[];
  /** Whether some path goes through a decoupled step (ND-10); undefined when the check failed first. */
  decoupled: boolean | undefined;
  /**
   * Steps whose mappings could not be checked because their inputs and
   * outputs are completed at load time: the step's model, the reason, and
   * the map keys left unchecked.
   */
  unchecked: Array<{ model: string; reason: string; keys: string[] }>;
}

/**
 * MC-85…MC-91 for one ensemble against the effective configs of its steps.
 * `stepConfig` returns the config of a step model (undefined when it is
 * missing: MC-81 reports that earlier). Stops at the first failure, as
 * Triton does, because later checks read the partial graph.
 */
export function crossCheckEnsemble(
  config: MessageValue,
  name: string,
  stepConfig: (model: string) => MessageValue | undefined,
  stepIoOpen: (model: string) => string | undefined = () => undefined,
): EnsembleCrossCheck {
  const findings: GraphFinding<GraphCrossId>[] = [];
  const unchecked: EnsembleCrossCheck["unchecked"] = [];
  const fail = (code: GraphCrossId, message: string, path?: string): EnsembleCrossCheck => {
    findings.push(path === undefined ? { code, message } : { code, message, path });
    return { findings, decoupled: undefined, unchecked };
  };
  const batching = num(config, "max_batch_size") > 0;
  const tensors = new Map<string, TensorNode>();
  for (const input of messages(config, "input")) {
    const n = tensorNode(name, batching, enumName(input, "data_type", "TYPE_INVALID"), ioDims(input));
    if (!tensors.has(str(input, "name"))) tensors.set(str(input, "name"), n);
  }
  const sink = tensorNode(name, false, "TYPE_INVALID", []);
  for (const output of messages(config, "output")) {
    const outName = str(output, "name");
    let n = tensors.get(outName);
    if (!n) {
      n = tensorNode(name, batching, enumName(output, "data_type", "TYPE_INVALID"), ioDims(output));
      tensors.set(outName, n);
    }
    sink.prev.push(n);
    n.next.push(sink);
  }
  const consistent = (a: TensorNode, b: TensorNode, tensor: string, path: string): EnsembleCrossCheck | undefined => {
    // A tensor of a step completed at load time has no known type yet: the first known use gives it one.
    if (b.type === UNKNOWN_TYPE) return undefined;
    if (a.type === UNKNOWN_TYPE) {
      Object.assign(a, { model: b.model, type: b.type, dims: b.dims, fullDims: b.fullDims });
      return undefined;
    }
    const prefix = `in ensemble ${name}, ensemble tensor ${tensor}: `;
    if (a.type !== b.type) {
      return fail(
        "MC-89",
        `${prefix}inconsistent data type: ${a.type} is inferred from model ${a.model} while ${b.type} is inferred from model ${b.model}`,
        path,
      );
    }
    if (!sameDims(a.dims, b.dims) && !sameDims(a.fullDims, b.fullDims)) {
      return fail(
        "MC-90",
        `${prefix}inconsistent shape: [${a.fullDims.join(",")}] is inferred from model ${a.model} while [${b.fullDims.join(",")}] is inferred from model ${b.model}`,
        path,
      );
    }
    return undefined;
  };

  const ensembleBatch = num(config, "max_batch_size");
  for (const step of ensembleSteps(config)) {
    const path = `ensemble_scheduling.step[${step.index}]`;
    const model = stepConfig(step.modelName) ?? {};
    const stepBatch = num(model, "max_batch_size");
    if (stepBatch !== 0 && stepBatch < ensembleBatch) {
      return fail(
        "MC-85",
        `ensemble ${name} allows maximum batch size ${ensembleBatch}, but it contains model ${step.modelName} which only allows maximum batch size to be ${stepBatch}`,
        path,
      );
    }
    const stepBatching = stepBatch > 0;
    const open = stepIoOpen(step.modelName);
    const unknownKeys: string[] = [];
    const inputs = messages(model, "input");
    const inputNames = new Set(inputs.map((i) => str(i, "name")));
    for (const [key, tensor] of step.inputMap) {
      if (inputNames.has(key)) continue;
      if (open === undefined) {
        return fail(
          "MC-86",
          `in ensemble ${name}, ensemble tensor ${tensor} is mapping to non-existing input ${key} in model ${step.modelName}`,
          `${path}.input_map["${key}"]`,
        );
      }
      // Auto-complete may add this input: its tensor takes part in the graph with a type not known yet.
      unknownKeys.push(key);
      if (!tensors.has(tensor)) tensors.set(tensor, tensorNode(step.modelName, false, UNKNOWN_TYPE, []));
    }
    for (const input of inputs) {
      const inName = str(input, "name");
      const mapped = step.inputMap.filter(([key]) => key === inName);
      for (const [, tensor] of mapped) {
        const n = stepTensor(step.modelName, stepBatching, input, open);
        const existing = tensors.get(tensor);
        if (existing) {
          const bad = consistent(existing, n, tensor, `${path}.input_map["${inName}"]`);
          if (bad) return bad;
        } else tensors.set(tensor, n);
      }
      if (mapped.length === 0 && !bool(input, "optional")) {
        return fail(
          "MC-87",
          `in ensemble ${name}, input ${inName} in model ${step.modelName} is not mapped to any ensemble tensors`,
          path,
        );
      }
    }
    const outputs = messages(model, "output");
    const outputNames = new Set(outputs.map((o) => str(o, "name")));
    const sibling = { label: 0, visited: false };
    for (const [key, tensor] of step.outputMap) {
      if (outputNames.has(key)) continue;
      if (open === undefined) {
        return fail(
          "MC-88",
          `in ensemble ${name}, ensemble tensor ${tensor} is mapped from non-existing output ${key} in model ${step.modelName}`,
          `${path}.output_map["${key}"]`,
        );
      }
      unknownKeys.push(key);
      let existing = tensors.get(tensor);
      if (!existing) {
        existing = tensorNode(step.modelName, false, UNKNOWN_TYPE, []);
        tensors.set(tensor, existing);
      }
      existing.sibling = sibling;
    }
    if (open !== undefined && unknownKeys.length > 0)
      unchecked.push({ model: step.modelName, reason: open, keys: unknownKeys });
    for (const [key, tensor] of step.outputMap) {
      for (const output of outputs) {
        if (str(output, "name") !== key) continue;
        const n = stepTensor(step.modelName, stepBatching, output, open);
        let existing = tensors.get(tensor);
        if (existing) {
          const bad = consistent(existing, n, tensor, `${path}.output_map["${key}"]`);
          if (bad) return bad;
        } else {
          existing = n;
          tensors.set(tensor, n);
        }
        existing.sibling = sibling;
      }
    }
    const decoupled = bool(msg(model, "model_transaction_policy"), "decoupled");
    for (const [, tensor] of step.outputMap) {
      const out = tensors.get(tensor);
      if (!out) continue;
      out.decoupled = decoupled;
      for (const [, source] of step.inputMap) {
        const prev = tensors.get(source);
        if (!prev) continue;
        out.prev.push(prev);
        prev.next.push(out);
      }
    }
  }

  // Walk the data flow and label each tensor with the decoupled step it descends from.
  let label = 0;
  const queue: TensorNode[] = [];
  for (const input of messages(config, "input")) {
    const n = tensors.get(str(input, "name"));
    if (!n || n.visited) continue;
    n.visited = true;
    queue.push(n);
  }
  for (let head = 0; head < queue.length; head++) {
    for (const next of (queue[head] as TensorNode).next) {
      if (next.visited || !next.prev.every((p) => p.visited)) continue;
      const first = next.prev[0]?.label ?? 0;
      if (next.prev.some((p) => p.label !== first)) {
        return fail(
          "MC-91",
          `in ensemble ${name}, step of model '${next.model}' receives inputs originated from different decoupled models`,
          "ensemble_scheduling",
        );
      }
      if (next.sibling) {
        if (next.sibling.visited) next.label = next.sibling.label;
        else {
          next.label = next.decoupled ? ++label : first;
          next.sibling.label = next.label;
          next.sibling.visited = true;
        }
      } else {
        next.label = next.decoupled ? ++label : first;
      }
      next.visited = true;
      queue.push(next);
    }
  }
  return { findings, decoupled: label !== 0, unchecked };
}
