import { type Diagnostic, hasErrors } from "../../diagnostics/diagnostic.js";
import type { MessageValue } from "../../textformat/types.js";
import { cloneMessage, has, str } from "../config-view.js";
import { type ModelOutcome, toDiagnostics } from "../outcome.js";
import { crossCheckEnsemble, ensembleSteps } from "../ensemble-graph.js";
import { FindingSink } from "../rule.js";
import type { ValidateOptions } from "../types.js";
import { finishEnsemble } from "../effective-config.js";

function isEnsemble(outcome: ModelOutcome): boolean {
  return outcome.parsed && str(outcome.config, "platform") === "ensemble" && has(outcome.config, "ensemble_scheduling");
}

/** Ensembles on a path back to `start`, for MC-82's message (`A -> ... -> B -> A`). */
function cycleThrough(start: string, outcomes: ReadonlyMap<string, ModelOutcome>): string | undefined {
  const stack: Array<{ name: string; path: string[] }> = [{ name: start, path: [start] }];
  const visited = new Set<string>();
  while (stack.length > 0) {
    const { name, path } = stack.pop() as { name: string; path: string[] };
    const outcome = outcomes.get(name);
    if (!outcome || !isEnsemble(outcome)) continue;
    for (const step of ensembleSteps(outcome.config)) {
      if (step.modelName === start) return path[path.length - 1];
      if (visited.has(step.modelName)) continue;
      visited.add(step.modelName);
      stack.push({ name: step.modelName, path: [...path, step.modelName] });
    }
  }
  return undefined;
}

/**
 * The effective config of any model of the repository set, by directory
 * name: its outcome's config, and for an ensemble the decoupled flag its
 * steps give it (ND-10), nested ensembles included.
 */
export function effectiveConfigResolver(outcomes: ReadonlyMap<string, ModelOutcome>): (model: string) => MessageValue | undefined {
  const ensembles = new Map<string, MessageValue>();
  const effective = (model: string, depth = 0): MessageValue | undefined => {
    const outcome = outcomes.get(model);
    if (!outcome) return undefined;
    if (!isEnsemble(outcome) || depth > 16) return outcome.config;
    const known = ensembles.get(model);
    if (known) return known;
    // Cached before its steps are resolved, so an ensemble cycle ends here.
    const copy = cloneMessage(outcome.config);
    ensembles.set(model, copy);
    // The same ND-10 rule as effectiveConfig: nested ensembles report what their own steps give them.
    finishEnsemble(copy, (m) => effective(m, depth + 1));
    return copy;
  };

  return (model) => effective(model);
}

/**
 * MC-81…MC-91 and ND-10 for every ensemble of the repository set: step
 * models exist, no cycles, steps load with the required versions, then
 * the typed tensor graph. Ensembles with config errors are skipped (Triton
 * never gets this far with them).
 */
export function checkEnsembleRepository(outcomes: ReadonlyMap<string, ModelOutcome>, options: ValidateOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  const effective = effectiveConfigResolver(outcomes);

  for (const outcome of outcomes.values()) {
    if (!isEnsemble(outcome)) continue;
    if (hasErrors(outcome.diagnostics)) continue;
    const sink = new FindingSink();
    const name = outcome.name;
    const steps = ensembleSteps(outcome.config);
    const missing = [...new Set(steps.map((s) => s.modelName).filter((m) => !outcomes.has(m)))];
    if (missing.length > 0) {
      sink.report("MC-81", "ensemble_scheduling", `ensemble ${name} contains models that are not available or ambiguous: ${missing.join(", ")}`, {
        hint: "every step's model_name must be a model directory of the repository",
      });
    } else {
      const last = cycleThrough(outcome.dirName, outcomes);
      if (last !== undefined) {
        sink.report("MC-82", "ensemble_scheduling", `circular dependency between ensembles: ${name} -> ... -> ${last} -> ${name}`, {
          hint: "an ensemble cannot run itself, directly or through other ensembles",
        });
      } else {
        let stepsOk = true;
        for (const step of steps) {
          const stepOutcome = outcomes.get(step.modelName) as ModelOutcome;
          const path = `ensemble_scheduling.step[${step.index}]`;
          if (stepOutcome.firstError !== undefined) {
            stepsOk = false;
            sink.report("MC-83", path, `ensemble '${name}' depends on '${step.modelName}' which is not valid. Model '${step.modelName}' failed with error: ${stepOutcome.firstError}`, {
              hint: `fix ${stepOutcome.file} first`,
            });
            continue;
          }
          if (step.modelVersion !== -1 && !stepOutcome.versions.includes(step.modelVersion)) {
            stepsOk = false;
            sink.report("MC-84", `${path}.model_version`, `ensemble '${name}' depends on '${step.modelName}' whose required version ${step.modelVersion} is not loaded.`, {
              hint:
                step.modelVersion === 0
                  ? "model_version left out means version 0, not the latest: write model_version: -1"
                  : `'${step.modelName}' loads version(s) ${stepOutcome.versions.join(", ") || "none"}: use model_version: -1 for the latest`,
            });
          }
        }
        if (stepsOk) {
          const checked = crossCheckEnsemble(outcome.config, name, (m) => effective(m));
          for (const f of checked.findings) sink.report(f.code, f.path, f.message, { hint: crossHint(f.code) });
        }
      }
    }
    const diagnostics = toDiagnostics(sink.findings, outcome.file, outcome.source);
    if (options.strict) for (const d of diagnostics) if (d.severity === "warning") d.severity = "error";
    out.push(...diagnostics);
  }
  return out;
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
