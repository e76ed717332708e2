import { bool, enumName, has, messages, msg, num, numbers, str } from "../config-view.js";
import { definesMethod, hasBaseClass, importsModelClass, lineOf, methodBody, modelClass } from "../python-source.js";
import type { RuleContext } from "../rule.js";

/** Heuristic for per-episode state kept in the instance (PY-13.1). */
const STATEFUL = [
  /\.correlation_id\s*\(/,
  /self\.\w*(state|states|session|sessions|episode|episodes|history|histories|memory|cache)\w*\s*(:[^=\n]+)?=\s*(\{|dict\(|defaultdict\(|OrderedDict\()/i,
];

/** PY-1, PY-2, PY-6, PY-14, TR-1, TR-5: static reading of a Python model's model.py. */
export function checkPythonModel(ctx: RuleContext): void {
  const source = ctx.python;
  if (!source || str(ctx.config, "backend") !== "python" || source.empty) return;
  const file = source.relPath;
  const at = (offset: number): { file: string; line: number } => ({ file, line: lineOf(source, offset) });
  const cls = modelClass(source);
  if (!cls) {
    if (!importsModelClass(source)) {
      ctx.report("PY-1", undefined, `${file} does not define class TritonPythonModel`, {
        hint: "the Python backend instantiates a class of exactly that name; loading fails with AttributeError",
        file,
      });
    }
    return;
  }
  const execute = definesMethod(cls.body, "execute");
  // With a base class, execute may be inherited from code we cannot see: no finding.
  if (!execute && !hasBaseClass(cls)) {
    ctx.report("PY-1", undefined, `Python model ${file} does not implement \`execute\` method.`, {
      hint: "the model loads, then every request fails: add def execute(self, requests)",
      ...(ctx.options.strict ? { severity: "error" as const } : {}),
      file,
    });
  }
  const auto = definesMethod(cls.body, "auto_complete_config");
  if (auto) {
    if (!/@staticmethod/.test(auto.decorators)) {
      ctx.report("PY-2", undefined, `auto_complete_config of ${file} is not a @staticmethod`, { hint: "Triton calls it on the class: add @staticmethod", file });
    }
    const body = methodBody(cls.body, "auto_complete_config") ?? "";
    if (!/\breturn\b\s*\S/.test(body)) {
      // No return at all means None, which fails the load for certain (when auto-complete runs).
      ctx.report("PY-2", undefined, `auto_complete_config function in model '${ctx.name}' must return a valid pb.ModelConfig object.`, {
        hint: "end auto_complete_config with `return auto_complete_model_config`",
        file,
        ...(ctx.options.autoComplete !== false && !/\breturn\b/.test(body) ? { severity: "error" as const } : {}),
      });
    }
  }
  const decoupled = bool(msg(ctx.config, "model_transaction_policy"), "decoupled");
  const executeBody = methodBody(cls.body, "execute");
  if (decoupled && executeBody && /\breturn\s+(?!None\b)[A-Za-z_[(]/.test(executeBody)) {
    ctx.report("PY-6", undefined, `Python model '${ctx.name}' is using the decoupled mode and the execute function must return None.`, {
      hint: "in decoupled mode send responses with request.get_response_sender() and return None",
      file,
    });
  }
  checkStatefulness(ctx, file);
  checkDeviceId(ctx, file, at(cls.start));
}

/** Total instances across groups, when it is known without the host (undefined: depends on the GPUs). */
function instanceCount(ctx: RuleContext): number | undefined {
  const groups = messages(ctx.config, "instance_group");
  if (groups.length === 0) return ctx.env.gpus === undefined ? undefined : Math.max(1, ctx.env.gpus.length);
  let total = 0;
  for (const g of groups) {
    const count = Math.max(1, num(g, "count"));
    const kind = enumName(g, "kind", "KIND_AUTO");
    const gpus = numbers(g, "gpus");
    if (kind === "KIND_GPU" || kind === "KIND_AUTO") {
      const devices = gpus.length > 0 ? gpus.length : kind === "KIND_GPU" ? ctx.env.gpus?.length : undefined;
      if (devices === undefined) {
        if (kind === "KIND_GPU") return undefined;
        total += count;
        continue;
      }
      total += count * Math.max(1, devices);
    } else total += count;
  }
  return total;
}

/** TR-1: per-episode state kept in a process while requests of an episode may land on another. */
function checkStatefulness(ctx: RuleContext, file: string): void {
  const source = ctx.python;
  if (!source || has(ctx.config, "sequence_batching")) return;
  const match = STATEFUL.map((re) => re.exec(source.code)).find((m) => m !== null);
  if (!match) return;
  const instances = instanceCount(ctx);
  const dynamic = has(ctx.config, "dynamic_batching");
  if (!dynamic && (instances === undefined || instances <= 1)) return;
  const why = dynamic ? "dynamic batching mixes requests of different sequences" : `its ${instances} instances are separate processes`;
  ctx.report("TR-1", undefined, `model '${ctx.name}' keeps per-sequence state in model.py, but ${why}: requests of one sequence can reach an instance that does not hold its state`, {
    hint: "use sequence_batching with START/END/READY and CORRID control inputs, so every request of a sequence reaches the same instance",
    file,
    related: [{ file, line: lineOf(source, match.index), column: 1, message: "state kept here" }],
  });
}

/** TR-5: a KIND_GPU group only tells the model its device id; code that never reads it runs wherever it likes. */
function checkDeviceId(ctx: RuleContext, file: string, where: { file: string; line: number }): void {
  const source = ctx.python;
  if (!source) return;
  const groups = messages(ctx.config, "instance_group");
  const gpuGroup = groups.findIndex((g) => enumName(g, "kind", "KIND_AUTO") === "KIND_GPU");
  // Without groups, a Python model on a GPU host gets one KIND_GPU instance per GPU (ND-7).
  const defaultOnGpus = groups.length === 0 && (ctx.env.gpus?.length ?? 0) > 0;
  if (gpuGroup === -1 && !defaultOnGpus) return;
  if (/model_instance_device_id/.test(source.text)) return;
  ctx.report("TR-5", gpuGroup === -1 ? undefined : `instance_group[${gpuGroup}].kind`, `model '${ctx.name}' asks for KIND_GPU instances, but ${file} never reads args["model_instance_device_id"]`, {
    hint: "every instance then uses the default device (GPU 0): place work on the device named by model_instance_device_id, or use KIND_CPU",
    related: [{ file: where.file, line: where.line, column: 1, message: "class TritonPythonModel" }],
  });
}
