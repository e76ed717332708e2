import { instanceGroupsOnHost } from "../../effective/index.js";
import type { MessageValue } from "../../pbtxt/types.js";
import { bool, enumName, has, messages, msg, num, numbers, str } from "../../config/view.js";
import {
  type PythonSource,
  definesMethod,
  hasBaseClass,
  importsModelClass,
  lineOf,
  methodRange,
  modelClass,
  positionOf,
} from "../../python/source.js";
import type { RuleId } from "../codes.js";
import type { RuleContext } from "../rule.js";

/** The ids this family reports. */
export const PYTHON_MODEL_REPORTS = ["PY-1", "PY-2", "PY-6", "TR-1", "TR-5"] as const satisfies readonly RuleId[];
type Ctx = RuleContext<(typeof PYTHON_MODEL_REPORTS)[number]>;

/** Heuristic for per-episode state kept in the instance (PY-13.1). */
const STATEFUL = [
  /\.correlation_id\s*\(/,
  /self\.\w*(state|states|session|sessions|episode|episodes|history|histories|memory|cache)\w*\s*(:[^=\n]+)?=\s*(\{|dict\(|defaultdict\(|OrderedDict\()/i,
];

/** PY-1, PY-2, PY-6, PY-14, TR-1, TR-5: static reading of a Python model's model.py. Every PY finding has a line and column. */
export function checkPythonModel(ctx: Ctx): void {
  const source = ctx.python;
  if (!source || str(ctx.config, "backend") !== "python" || source.empty) return;
  const file = source.relPath;
  const at = (offset: number): { file: string; line: number } => ({ file, line: lineOf(source, offset) });
  const cls = modelClass(source);
  if (!cls) {
    if (!importsModelClass(source)) {
      // Nothing binds the name (importsModelClass covers imports, assignments and dynamic
      // bindings), so the stub's getattr fails and the load with it; Triton 2.51 reports it
      // with the module named '<version>.<file stem>'.
      const [version, fileName] = file.split("/").slice(-2);
      const module = `${version}.${(fileName ?? "model.py").replace(/\.py$/, "")}`;
      ctx.report("PY-1", undefined, `AttributeError: module '${module}' has no attribute 'TritonPythonModel'`, {
        severity: "error",
        hint: `${file} does not define class TritonPythonModel: the Python backend instantiates a class of exactly that name`,
        file,
        at: { line: 1, column: 1 },
      });
    }
    return;
  }
  const classAt = positionOf(source, cls.start);
  const execute = definesMethod(cls.body, "execute");
  // With a base class, execute may be inherited from code we cannot see: no finding.
  if (!execute && !hasBaseClass(cls)) {
    ctx.report("PY-1", undefined, `Python model ${file} does not implement \`execute\` method.`, {
      hint: "the model loads, then every request fails: add def execute(self, requests)",
      ...(ctx.options.strict ? { severity: "error" as const } : {}),
      file,
      at: classAt,
    });
  }
  const auto = methodRange(source, "auto_complete_config");
  // `auto_complete_config = staticmethod(f)` or any other binding by assignment is not a def we can read.
  if (auto && /\bdef\b/.test(auto.decorators)) {
    const defAt = positionOf(source, auto.defOffset);
    // The stub calls it on the class (pb_stub.cc): a static method and a class method both get the config.
    if (!/@(?:staticmethod|classmethod)\b/.test(auto.decorators)) {
      ctx.report("PY-2", undefined, `auto_complete_config of ${file} is not a @staticmethod`, {
        hint: "Triton calls it on the class, not on an instance: add @staticmethod (or @classmethod)",
        file,
        at: defAt,
      });
    }
    const body = source.code.slice(auto.start, auto.end);
    if (!/\breturn\b\s*\S/.test(body)) {
      // No return at all means None, which fails the load for certain (when auto-complete runs).
      ctx.report(
        "PY-2",
        undefined,
        `auto_complete_config function in model '${ctx.name}' must return a valid pb.ModelConfig object.`,
        {
          hint: "end auto_complete_config with `return auto_complete_model_config`",
          file,
          at: defAt,
          ...(ctx.options.autoComplete !== false && !/\breturn\b/.test(body) ? { severity: "error" as const } : {}),
        },
      );
    }
  }
  if (bool(msg(ctx.config, "model_transaction_policy"), "decoupled")) checkDecoupledReturn(ctx, source);
  checkStatefulness(ctx, file);
  checkDeviceId(ctx, file, at(cls.start));
}

/**
 * PY-6: in decoupled mode execute must return None. Only a value that is
 * certainly not None is reported (a literal, or a name only ever bound to a
 * list or dict literal); a call or attribute may well return None
 * (`return self.exec_decoupled(requests)`) and is left alone.
 */
function checkDecoupledReturn(ctx: Ctx, source: PythonSource): void {
  const range = methodRange(source, "execute");
  if (!range) return;
  const body = source.code.slice(range.start, range.end);
  for (const ret of returnsOf(body)) {
    const expr = ret.expr.trim();
    if (!definitelyNotNone(expr, body)) continue;
    ctx.report(
      "PY-6",
      undefined,
      `Python model '${ctx.name}' is using the decoupled mode and the execute function must return None.`,
      {
        hint: "in decoupled mode send responses with request.get_response_sender() and return None",
        file: source.relPath,
        at: positionOf(source, range.start + ret.offset),
      },
    );
    return;
  }
}

/**
 * The `return` statements of a method body (offsets relative to it), leaving
 * out nested functions and the branches a model takes only when it is not
 * decoupled (`if not self.decoupled:`, or the `else` of `if self.decoupled:`):
 * a model written for both modes returns its responses there.
 */
function returnsOf(body: string): Array<{ offset: number; expr: string }> {
  const out: Array<{ offset: number; expr: string }> = [];
  let skipDeeperThan: number | undefined;
  // Stryker disable next-line ArrayDeclaration: a seeded element has no indent: find skips it, pop stops at it
  const blocks: Array<{ indent: number; header: string }> = [];
  const line = /^([ \t]*)(\S[^\n]*)$/gm;
  for (let m = line.exec(body); m; m = line.exec(body)) {
    // Stryker disable next-line StringLiteral: both groups of `line` always take part in a match: ?? never applies
    const indent = (m[1] ?? "").length;
    // Stryker disable next-line StringLiteral: as above
    const text = m[2] ?? "";
    if (skipDeeperThan !== undefined && indent > skipDeeperThan) continue;
    skipDeeperThan = undefined;
    // The `if` an `else` belongs to is the block just closed at the same indentation.
    const sibling = blocks.find((b) => b.indent === indent);
    while (blocks.length > 0 && (blocks[blocks.length - 1] as { indent: number }).indent >= indent) blocks.pop();
    if (/^(?:async\s+)?def\b|^class\b/.test(text)) {
      skipDeeperThan = indent;
      continue;
    }
    const inline = /^(?:if|elif|else|for|while|with|try|except|finally)\b/.test(text) ? oneLineBody(text) : undefined;
    if (inline !== undefined) {
      // `if c: stmt` on one line opens no block, but an `else` below may still belong to it.
      const conditional = /^(?:if|elif|else)\b/.test(text);
      if (conditional) blocks.push({ indent, header: inline.header });
      const nonDecoupledBranch = /^else\b/.test(text)
        ? sibling !== undefined && /decoupled/i.test(sibling.header)
        : conditional && /decoupled/i.test(inline.header);
      const ret = nonDecoupledBranch ? null : /^return\b(.*)$/.exec(inline.statement);
      if (ret) out.push({ offset: m.index + indent + inline.at, expr: ret[1] ?? "" });
      continue;
    }
    if (/^(?:if|elif|else)\b.*:\s*$/.test(text)) {
      if (
        /decoupled/i.test(text) ||
        (/^else\b/.test(text) && sibling !== undefined && /decoupled/i.test(sibling.header))
      ) {
        skipDeeperThan = indent;
        blocks.push({ indent, header: text });
        continue;
      }
    }
    if (/:\s*$/.test(text)) blocks.push({ indent, header: text });
    const ret = /^return\b(.*)$/.exec(text);
    // Stryker disable next-line StringLiteral: the group (.*) always takes part in a match
    if (ret) out.push({ offset: m.index + indent, expr: ret[1] ?? "" });
  }
  return out;
}

/**
 * A compound statement written on one line (`if c: return x`): its header up to the colon, and the statement after
 * it with its offset in the line; undefined when the line ends at the colon (a block follows). The colon is the
 * first outside brackets that is not a walrus `:=` (strings and comments are blanked in the code read here).
 */
function oneLineBody(text: string): { header: string; statement: string; at: number } | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (c === ":" && depth === 0 && text[i + 1] !== "=") {
      const rest = text.slice(i + 1);
      const statement = rest.trim();
      if (statement === "") return undefined;
      return { header: text.slice(0, i), statement, at: i + 1 + (rest.length - rest.trimStart().length) };
    }
  }
  return undefined;
}

/** Whether an expression (in blanked code) can only be a value other than None. */
function definitelyNotNone(expr: string, body: string): boolean {
  if (expr === "" || expr === "None") return false;
  if (/^[[{"']/.test(expr) || /^-?\d/.test(expr) || /^(?:True|False)$/.test(expr)) return true;
  const name = /^([A-Za-z_]\w*)$/.exec(expr)?.[1];
  if (name === undefined) return false;
  const bindings = [
    ...body.matchAll(new RegExp(`^[ \\t]*${name}[ \\t]*(?::[^=\\n]*)?=(?!=)[ \\t]*(\\S[^\\n]*)$`, "gm")),
    // Stryker disable next-line StringLiteral,MethodExpression: the group always matches, starts with \S, is tested at its start
  ].map((m) => (m[1] ?? "").trim());
  return bindings.length > 0 && bindings.every((value) => /^(?:\[|\{|list\(|dict\()/.test(value));
}

/**
 * The instance groups Triton makes of the config on the host the options describe (core's NormalizeInstanceGroup:
 * KIND_AUTO resolved, a KIND_GPU group without gpus on every GPU, counts defaulted), or undefined without a host.
 */
function groupsOnHost(ctx: Ctx): MessageValue[] | undefined {
  return ctx.env.gpus === undefined ? undefined : instanceGroupsOnHost(ctx.config, ctx.env.gpus);
}

/** GPUs of a normalised KIND_GPU group, or undefined for a group on the CPU (or KIND_MODEL). */
function gpusOf(group: MessageValue): number[] | undefined {
  return enumName(group, "kind", "KIND_AUTO") === "KIND_GPU" ? numbers(group, "gpus") : undefined;
}

/** Total instances across groups, when it is known (undefined: it depends on GPUs the options do not describe). */
function instanceCount(ctx: Ctx): number | undefined {
  const onHost = groupsOnHost(ctx);
  if (onHost !== undefined)
    return onHost.reduce((total, g) => total + num(g, "count") * Math.max(1, gpusOf(g)?.length ?? 1), 0);
  const groups = messages(ctx.config, "instance_group");
  if (groups.length === 0) return undefined;
  let total = 0;
  for (const g of groups) {
    const count = Math.max(1, num(g, "count"));
    const kind = enumName(g, "kind", "KIND_AUTO");
    const gpus = numbers(g, "gpus");
    if (kind !== "KIND_GPU" && kind !== "KIND_AUTO") total += count;
    else if (gpus.length > 0) total += count * gpus.length;
    // Without gpus, KIND_GPU runs on every GPU of the host; KIND_AUTO is counted as one group either way.
    else if (kind === "KIND_GPU") return undefined;
    else total += count;
  }
  return total;
}

/** TR-1: per-episode state kept in a process while requests of an episode may land on another. */
function checkStatefulness(ctx: Ctx, file: string): void {
  const source = ctx.python;
  if (!source || has(ctx.config, "sequence_batching")) return;
  const match = STATEFUL.map((re) => re.exec(source.code)).find((m) => m !== null);
  if (!match) return;
  const instances = instanceCount(ctx);
  const dynamic = has(ctx.config, "dynamic_batching");
  if (!dynamic && (instances === undefined || instances <= 1)) return;
  const why = dynamic
    ? "dynamic batching mixes requests of different sequences"
    : `its ${instances} instances are separate processes`;
  ctx.report(
    "TR-1",
    undefined,
    `model '${ctx.name}' keeps per-sequence state in model.py, but ${why}: requests of one sequence can reach an instance that does not hold its state`,
    {
      hint: "use sequence_batching with START/END/READY and CORRID control inputs, so every request of a sequence reaches the same instance",
      file,
      related: [{ file, line: lineOf(source, match.index), column: 1, message: "state kept here" }],
    },
  );
}

/**
 * Libraries that work on a GPU as soon as they are used: CUDA-only ones, and
 * TensorFlow and JAX, which take the GPUs by default.
 */
const GPU_LIBRARY =
  /^[ \t]*(?:import|from)[ \t]+(?:cupy|cupyx|pycuda|cuda|tensorrt|tensorrt_llm|cudf|cuml|cugraph|vllm|tensorflow|keras|jax|jaxlib)\b|^[ \t]*from[ \t]+numba[ \t]+import[ \t]+cuda\b|^[ \t]*(?:import|from)[ \t]+nvidia\.dali\b/m;

/** Code that picks a CUDA device itself (torch and the libraries on top of it stay on the CPU unless told). */
const CUDA_DEVICE_CODE = /\.cuda\s*\(|\btorch\.cuda\b|\bdevice_map\b/;
const CUDA_DEVICE_TEXT = /["']cuda(?::\d+)?["']|CUDAExecutionProvider/;

/** Whether model.py places work on a GPU itself: a GPU library, or a CUDA device it names. */
function usesGpu(source: PythonSource): boolean {
  return GPU_LIBRARY.test(source.code) || CUDA_DEVICE_CODE.test(source.code) || CUDA_DEVICE_TEXT.test(source.text);
}

/**
 * GPU ids the model's instances may run on (ND-7/ND-8), or undefined when
 * that depends on a host the options do not describe.
 */
function instanceGpus(ctx: Ctx): Set<number> | undefined {
  const onHost = groupsOnHost(ctx);
  if (onHost !== undefined) return new Set(onHost.flatMap((g) => gpusOf(g) ?? []));
  const groups = messages(ctx.config, "instance_group");
  if (groups.length === 0) return undefined;
  const ids = new Set<number>();
  for (const g of groups) {
    const kind = enumName(g, "kind", "KIND_AUTO");
    if (kind !== "KIND_GPU" && kind !== "KIND_AUTO") continue;
    const listed = numbers(g, "gpus");
    if (listed.length === 0) return undefined;
    for (const id of listed) ids.add(id);
  }
  return ids;
}

/**
 * TR-5: a KIND_GPU instance is only told its device id; model code that
 * places work with a GPU library and never reads the id runs on GPU 0 from
 * every instance. It matters only when some instance can be on another GPU.
 */
function checkDeviceId(ctx: Ctx, file: string, where: { file: string; line: number }): void {
  const source = ctx.python;
  // Cheapest first (all three must hold): one string search, the config, then the regexes of usesGpu.
  if (!source || source.text.includes("model_instance_device_id")) return;
  const gpus = instanceGpus(ctx);
  if (gpus !== undefined && [...gpus].every((id) => id === 0)) return;
  if (!usesGpu(source)) return;
  const groups = messages(ctx.config, "instance_group");
  const gpuGroup = groups.findIndex(
    (g) => enumName(g, "kind", "KIND_AUTO") !== "KIND_CPU" && enumName(g, "kind", "KIND_AUTO") !== "KIND_MODEL",
  );
  ctx.report(
    "TR-5",
    gpuGroup === -1 ? undefined : `instance_group[${gpuGroup}].kind`,
    `model '${ctx.name}' asks for KIND_GPU instances, but ${file} never reads args["model_instance_device_id"]`,
    {
      hint: "every instance then uses the default device (GPU 0): place work on the device named by model_instance_device_id, or pin the group to gpus: [0]",
      related: [{ file: where.file, line: where.line, column: 1, message: "class TritonPythonModel" }],
    },
  );
}
