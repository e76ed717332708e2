import { type Diagnostic, hasErrors } from "../../diagnostics/diagnostic.js";
import type { MessageValue } from "../../pbtxt/types.js";
import { bool, cloneMessage, has, msg, str } from "../../config/view.js";
import { type ModelOutcome, toDiagnostics } from "../outcome.js";
import { crossCheckEnsemble, ensembleSteps } from "../ensemble-graph.js";
import { FindingSink } from "../rule.js";
import type { ValidateOptions } from "../types.js";
import type { RuleId } from "../codes.js";
import { finishEnsemble } from "../../effective/index.js";

/** The ids the checks across models report, one ensemble at a time after every model is read. */
export const ENSEMBLE_REPOSITORY_REPORTS = [
  "MC-81",
  "MC-82",
  "MC-83",
  "MC-84",
  "MC-85",
  "MC-86",
  "MC-87",
  "MC-88",
  "MC-89",
  "MC-90",
  "MC-91",
  "MC-98",
  "ND-11",
] as const satisfies readonly RuleId[];
type EnsembleRepositoryId = (typeof ENSEMBLE_REPOSITORY_REPORTS)[number];

function isEnsemble(outcome: ModelOutcome): boolean {
  return outcome.parsed && str(outcome.config, "platform") === "ensemble" && has(outcome.config, "ensemble_scheduling");
}

/**
 * Finds the model a step names, seen from the ensemble that names it:
 * undefined when no model or more than one could be meant (MC-81).
 */
export type StepLookup = (from: ModelOutcome, model: string) => ModelOutcome | undefined;

/** Without namespacing, a step name means the one model of that name (duplicates were dropped, RL-4). */
export function lookupByName(outcomes: ReadonlyMap<string, ModelOutcome>): StepLookup {
  const byName = new Map<string, ModelOutcome>();
  for (const o of outcomes.values()) byName.set(o.dirName, o);
  return (_from, model) => byName.get(model);
}

/** Ensembles on a path back to `start`, for MC-82's message (`A -> ... -> B -> A`). */
function cycleThrough(start: ModelOutcome, lookup: StepLookup): string | undefined {
  const stack: Array<{ outcome: ModelOutcome; path: string[] }> = [{ outcome: start, path: [start.dirName] }];
  const visited = new Set<ModelOutcome>();
  while (stack.length > 0) {
    const { outcome, path } = stack.pop() as { outcome: ModelOutcome; path: string[] };
    if (!isEnsemble(outcome)) continue;
    for (const step of ensembleSteps(outcome.config)) {
      const next = lookup(outcome, step.modelName);
      if (next === start) return path[path.length - 1];
      if (!next || visited.has(next)) continue;
      visited.add(next);
      stack.push({ outcome: next, path: [...path, step.modelName] });
    }
  }
  return undefined;
}

/** The resolver's view of each model, as ensembles see their steps. */
interface StepView {
  /** The step's config as the ensemble checks see it: completed at load time, and for an ensemble with its ND-10 policy. */
  config: (from: ModelOutcome, model: string) => MessageValue | undefined;
  /** Why a step's inputs and outputs are not known before load time. */
  open: (from: ModelOutcome, model: string) => string | undefined;
  /** The effective config of a model (ensembles with their ND-10 policy). */
  effective: (outcome: ModelOutcome) => MessageValue;
}

function stepView(lookup: StepLookup): StepView {
  const ensembles = new Map<ModelOutcome, MessageValue>();
  const effective = (outcome: ModelOutcome, depth = 0): MessageValue => {
    if (!isEnsemble(outcome) || depth > 16) return outcome.config;
    const known = ensembles.get(outcome);
    if (known) return known;
    // Cached before its steps are resolved, so an ensemble cycle ends here.
    const copy = cloneMessage(outcome.config);
    ensembles.set(outcome, copy);
    // The same ND-10 rule as effectiveConfig: nested ensembles report what their own steps give them.
    finishEnsemble(
      copy,
      (m) => {
        const step = lookup(outcome, m);
        return step ? asStep(step, depth + 1) : undefined;
      },
      (m) => {
        const step = lookup(outcome, m);
        return step ? step.completion?.open : undefined;
      },
    );
    return copy;
  };
  const asStep = (step: ModelOutcome, depth: number): MessageValue =>
    isEnsemble(step) ? effective(step, depth) : (step.completion?.config ?? step.config);
  return {
    config: (from, model) => {
      const step = lookup(from, model);
      return step ? asStep(step, 0) : undefined;
    },
    // Stryker disable next-line OptionalChaining: only asked once every step exists and loads, so has a completion
    open: (from, model) => lookup(from, model)?.completion?.open,
    // A model's effective config is what auto-complete leaves of it (a Python model's literal setter calls), as
    // Triton reports it; an ensemble's, what its steps give it.
    effective: (outcome) => asStep(outcome, 0),
  };
}

/**
 * The effective config of any model of the repository set, by directory
 * name: its outcome's config as load-time auto-complete leaves it, and for an
 * ensemble the decoupled flag its steps give it (ND-10), nested ensembles
 * included.
 */
export function effectiveConfigResolver(
  outcomes: ReadonlyMap<string, ModelOutcome>,
  lookup: StepLookup = lookupByName(outcomes),
): (model: string) => MessageValue | undefined {
  const view = stepView(lookup);
  return (model) => {
    const outcome = outcomes.get(model);
    return outcome ? view.effective(outcome) : undefined;
  };
}

/**
 * MC-81…MC-91 and ND-10 for every ensemble of the repository set: step
 * models exist, no cycles, steps load with the required versions, then
 * the typed tensor graph against the steps' configs as auto-complete
 * leaves them. Where a step's inputs and outputs are only known after
 * auto-complete, its mappings are not checked, and one note says so.
 * Then MC-98 again with the decoupled policy the steps give the ensemble
 * (Model::Init re-runs ValidateModelConfig on the ensemble's final config).
 * Ensembles with config errors are skipped (Triton never gets this far with them).
 */
export function checkEnsembleRepository(
  outcomes: ReadonlyMap<string, ModelOutcome>,
  options: ValidateOptions,
  lookup: StepLookup = lookupByName(outcomes),
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const view = stepView(lookup);

  for (const outcome of outcomes.values()) {
    if (!isEnsemble(outcome)) continue;
    if (hasErrors(outcome.diagnostics)) continue;
    const sink = new FindingSink<EnsembleRepositoryId>();
    const name = outcome.name;
    const steps = ensembleSteps(outcome.config);
    const missing = [...new Set(steps.map((s) => s.modelName).filter((m) => !lookup(outcome, m)))];
    if (missing.length > 0) {
      sink.report(
        "MC-81",
        "ensemble_scheduling",
        `ensemble ${name} contains models that are not available or ambiguous: ${missing.join(", ")}`,
        {
          hint: "every step's model_name must be a model Triton loads from the repositories (a name in two repositories loads in neither without --model-namespacing)",
        },
      );
    } else {
      const last = cycleThrough(outcome, lookup);
      if (last !== undefined) {
        sink.report(
          "MC-82",
          "ensemble_scheduling",
          `circular dependency between ensembles: ${name} -> ... -> ${last} -> ${name}`,
          {
            hint: "an ensemble cannot run itself, directly or through other ensembles",
          },
        );
      } else {
        let stepsOk = true;
        for (const step of steps) {
          const stepOutcome = lookup(outcome, step.modelName) as ModelOutcome;
          const path = `ensemble_scheduling.step[${step.index}]`;
          if (stepOutcome.firstError !== undefined) {
            stepsOk = false;
            sink.report(
              "MC-83",
              path,
              `ensemble '${name}' depends on '${step.modelName}' which is not valid. Model '${step.modelName}' failed with error: ${stepOutcome.firstError}`,
              {
                hint: `fix ${stepOutcome.file} first`,
              },
            );
            continue;
          }
          if (step.modelVersion !== -1 && !stepOutcome.versions.includes(step.modelVersion)) {
            stepsOk = false;
            sink.report(
              "MC-84",
              `${path}.model_version`,
              `ensemble '${name}' depends on '${step.modelName}' whose required version ${step.modelVersion} is not loaded.`,
              {
                hint:
                  step.modelVersion === 0
                    ? "model_version left out means version 0, not the latest: write model_version: -1"
                    : `'${step.modelName}' loads version(s) ${stepOutcome.versions.join(", ") || "none"}: use model_version: -1 for the latest`,
              },
            );
          }
        }
        if (stepsOk) {
          const checked = crossCheckEnsemble(
            outcome.config,
            name,
            (m) => view.config(outcome, m),
            (m) => view.open(outcome, m),
          );
          for (const f of checked.findings) sink.report(f.code, f.path, f.message, { hint: crossHint(f.code) });
          if (checked.unchecked.length > 0) reportUnchecked(sink, name, checked.unchecked);
          if (checked.decoupled === true && bool(msg(outcome.config, "response_cache"), "enable")) {
            sink.report(
              "MC-98",
              "response_cache.enable",
              `Response Cache does not currently support model ${name} with 'decoupled' transaction policy. Please disable the response cache.`,
              {
                hint: `a decoupled step (${decoupledSteps(outcome, view).join(", ")}) makes the ensemble decoupled: remove response_cache from the ensemble or cache in a non-decoupled step`,
              },
            );
          }
        }
      }
    }
    const diagnostics = toDiagnostics(sink.findings, outcome.file, outcome.source);
    // Stryker disable next-line StringLiteral: no rule of this sink is a warning (ND-11 is a note): nothing to promote
    if (options.strict) for (const d of diagnostics) if (d.severity === "warning") d.severity = "error";
    out.push(...diagnostics);
  }
  return out;
}

/** ND-11, once per ensemble: which mappings wait for auto-complete, and why. */
function reportUnchecked(
  sink: FindingSink<EnsembleRepositoryId>,
  name: string,
  unchecked: ReadonlyArray<{ model: string; reason: string; keys: string[] }>,
): void {
  const steps = unchecked.map((u) => `'${u.model}' (${u.reason}; map keys ${u.keys.map((k) => `'${k}'`).join(", ")})`);
  sink.report(
    "ND-11",
    "ensemble_scheduling",
    `ensemble '${name}': the inputs and outputs of step ${steps.join(" and ")} are known only after auto-complete, so MC-86, MC-88 and the types and shapes of those tensors were not checked`,
    {
      hint: "Triton checks these mappings when it loads the ensemble; write the step's inputs and outputs in its config.pbtxt to have them checked here",
    },
  );
}

/** Step models that are decoupled, for MC-98's hint. */
function decoupledSteps(outcome: ModelOutcome, view: StepView): string[] {
  return [...new Set(ensembleSteps(outcome.config).map((s) => s.modelName))].filter((m) =>
    bool(msg(view.config(outcome, m), "model_transaction_policy"), "decoupled"),
  );
}

function crossHint(code: string): string {
  switch (code) {
    case "MC-85":
      return "raise the step model's max_batch_size or lower the ensemble's";
    case "MC-86":
      return "input_map keys are the step model's input names";
    case "MC-87":
      return "map every required input of the step model (optional inputs may stay unmapped)";
    case "MC-88":
      return "output_map keys are the step model's output names";
    case "MC-89":
      return "every use of an ensemble tensor must have one data type";
    case "MC-90":
      return "every use of an ensemble tensor must have compatible dims (-1 matches any size)";
    default:
      return "join the outputs of one decoupled model only: a step cannot mix responses of two decoupled branches";
  }
}
