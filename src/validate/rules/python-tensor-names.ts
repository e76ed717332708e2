import { closestMatch } from "../../diagnostics/suggest.js";
import { messages, msg, str, strings } from "../../config/view.js";
import { type PythonSource, positionOf } from "../../python/source.js";
import type { RuleId } from "../codes.js";
import type { RuleContext } from "../rule.js";

/** The ids this family reports. */
export const PYTHON_TENSOR_NAMES_REPORTS = ["TR-8"] as const satisfies readonly RuleId[];
type Ctx = RuleContext<(typeof PYTHON_TENSOR_NAMES_REPORTS)[number]>;

/**
 * TR-8: tensor names a model.py holds as string literals, against the config.
 * A model that reads `get_input_tensor_by_name(request, "x")` loads fine
 * when the config calls that input "x2"; then every request fails (the call
 * returns None). A `pb_utils.Tensor("y", …)` in a response for an output the
 * config does not declare fails every request too. This happens when a spec
 * or config.pbtxt renames a tensor and an edited model.py is kept.
 *
 * A text scan, like the other model.py checks, so it stays on the safe side:
 * only a whole argument that is one plain string literal counts; a model that
 * builds BLS requests (`InferenceRequest(`) sends Tensors to other models, so
 * its Tensor names are not checked; names `auto_complete_config` may add
 * widen the known set, and a non-literal `add_input`/`add_output` turns that
 * half of the check off.
 */
export function checkPythonTensorNames(ctx: Ctx): void {
  const source = ctx.python;
  if (!source || source.empty || str(ctx.config, "backend") !== "python") return;
  const utils = utilsNames(source);
  if (utils.modules.length === 0 && utils.imported.size === 0) return;

  const inputs = inputNames(ctx);
  const outputs = outputNames(ctx);
  const addedInputs = autoCompletedNames(source, "add_input");
  const addedOutputs = autoCompletedNames(source, "add_output");

  if (addedInputs !== undefined) {
    for (const name of addedInputs) inputs.add(name);
    for (const found of literalArguments(source, calls(utils, "get_input_tensor_by_name"), 1)) {
      if (inputs.has(found.name)) continue;
      report(ctx, source, found, "reads input", inputs, "input");
    }
  }
  const bls = pattern(utils, "InferenceRequest", "\\s*\\(", "").test(source.code);
  if (addedOutputs !== undefined && !bls) {
    for (const name of addedOutputs) outputs.add(name);
    const tensors = [
      ...literalArguments(source, calls(utils, "Tensor"), 0),
      ...literalArguments(source, calls(utils, "Tensor.from_dlpack"), 0),
    ];
    for (const found of tensors) {
      // A Tensor named as an input may be passed on (to a request, a helper): only names of neither kind are sure mistakes.
      if (outputs.has(found.name) || inputs.has(found.name)) continue;
      report(ctx, source, found, "builds output", outputs, "output");
    }
  }
}

interface FoundName {
  name: string;
  offset: number;
}

function report(
  ctx: Ctx,
  source: PythonSource,
  found: FoundName,
  verb: string,
  known: ReadonlySet<string>,
  kind: "input" | "output",
): void {
  const list = [...known].map((n) => `"${n}"`).join(", ") || "none";
  const guess = closestMatch(found.name, known);
  const fix = guess !== undefined ? `did you mean "${guess}"? ` : "";
  const accessor = kind === "input" ? "pb_utils.get_input_config_by_name" : "pb_utils.get_output_config_by_name";
  ctx.report(
    "TR-8",
    undefined,
    `${source.relPath} ${verb} "${found.name}", which the config of model '${ctx.name}' does not declare (${kind}s: ${list})`,
    {
      hint: `${fix}every request fails at run time; use the config's ${kind} name, or read names from args["model_config"] (${accessor}) so model.py follows config.pbtxt`,
      file: source.relPath,
      at: positionOf(source, found.offset),
    },
  );
}

/** Inputs the backend can read: declared inputs, sequence controls, implicit state, batch inputs. */
function inputNames(ctx: Ctx): Set<string> {
  const sequence = msg(ctx.config, "sequence_batching");
  return new Set([
    ...messages(ctx.config, "input").map((t) => str(t, "name")),
    ...messages(sequence, "control_input").map((c) => str(c, "name")),
    ...messages(sequence, "state").map((s) => str(s, "input_name")),
    ...messages(ctx.config, "batch_input").flatMap((b) => strings(b, "target_name")),
  ]);
}

/** Outputs a response may carry: declared outputs and implicit state. */
function outputNames(ctx: Ctx): Set<string> {
  return new Set([
    ...messages(ctx.config, "output").map((t) => str(t, "name")),
    ...messages(msg(ctx.config, "sequence_batching"), "state").map((s) => str(s, "output_name")),
  ]);
}

/** How model.py reaches triton_python_backend_utils: module aliases, names imported from it, and a key of both. */
export interface UtilsNames {
  modules: string[];
  imported: Map<string, string>;
  /** The spellings above as one string: models that reach pb_utils the same way share their call patterns. */
  key: string;
}

const UTILS_MODULE = "triton_python_backend_utils";
/**
 * At a line start: `import triton_python_backend_utils [as x]` (group 1) or
 * `from triton_python_backend_utils import a, b as c` (group 2).
 */
const UTILS_IMPORT =
  /[ \t]*(?:import[ \t]+triton_python_backend_utils(?:[ \t]+as[ \t]+([A-Za-z_]\w*))?|from[ \t]+triton_python_backend_utils[ \t]+import[ \t]+\(?([^)\n]*))/y;

/**
 * The import statements a line-by-line scan (`^…` with the m flag) would
 * find, found from each place the module is named instead: most of a model.py
 * never names it, and a regex anchored at every line start reads all of it.
 */
export function utilsNames(source: PythonSource): UtilsNames {
  const code = source.code;
  // Stryker disable next-line ArrayDeclaration: a module named with blanks adds a spelling no Python call can match
  const modules: string[] = [];
  const imported = new Map<string, string>();
  // A statement may run past a line break the m flag knows (`\r`): the next one is looked for after it, as a scan would.
  let scanned = 0;
  let previous = 0;
  let lineStart = 0;
  for (let at = code.indexOf(UTILS_MODULE); at !== -1; at = code.indexOf(UTILS_MODULE, at + 1)) {
    lineStart = lineStartOf(code, at, previous, lineStart);
    previous = at;
    if (lineStart < scanned) continue;
    UTILS_IMPORT.lastIndex = lineStart;
    const m = UTILS_IMPORT.exec(code);
    if (!m) continue;
    scanned = m.index + m[0].length;
    if (m[2] === undefined) {
      modules.push(m[1] ?? UTILS_MODULE);
      continue;
    }
    for (const part of m[2].split(",")) {
      const [name, alias] = part.trim().split(/\s+as\s+/);
      if (name) imported.set(alias ?? name, name);
    }
  }
  return { modules, imported, key: JSON.stringify([modules, [...imported]]) };
}

/**
 * Where the line holding `at` starts, for a regex `^` with the m flag: after
 * \n, \r, U+2028 or U+2029. The walk back stops at the previous place asked
 * about (`since`, whose line started at `sinceLine`), so a long line naming
 * the module many times is walked once, not once per name.
 */
function lineStartOf(code: string, at: number, since: number, sinceLine: number): number {
  for (let start = at; start > since; start--) {
    const c = code.charCodeAt(start - 1);
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) return start;
  }
  return since === 0 ? 0 : sinceLine;
}

/**
 * Call patterns by the utils key and the callee's name. Every model of a
 * repository usually imports pb_utils the same way, so each pattern is
 * built once per run, not four times per model; the few keys a repository
 * has keep the map small (it is emptied if it ever grows past PATTERN_LIMIT).
 */
const PATTERNS = new Map<string, RegExp>();
const PATTERN_LIMIT = 256;

function pattern(utils: UtilsNames, name: string, suffix: string, flags: string): RegExp {
  const key = `${utils.key}\0${name}\0${suffix}\0${flags}`;
  let found = PATTERNS.get(key);
  if (found === undefined) {
    if (PATTERNS.size >= PATTERN_LIMIT) PATTERNS.clear();
    found = new RegExp(`${callee(utils, name)}${suffix}`, flags);
    PATTERNS.set(key, found);
  }
  return found;
}

/** A regex source for `name` reached through the module (`pb_utils.Tensor`) or imported (`Tensor`). */
function callee(utils: UtilsNames, name: string): string {
  const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const [head, ...rest] = name.split(".");
  const local = [...utils.imported]
    .filter(([, original]) => original === head)
    .map(([alias]) => [alias, ...rest].join("."));
  const spellings = [...utils.modules.map((m) => `${m}.${name}`), ...local].map(escapeRegex);
  // `(?<![\w.])` keeps `torch.Tensor(` and `my_Tensor(` out.
  return spellings.length === 0 ? "(?!)" : `(?<![\\w.])(?:${spellings.join("|")})`;
}

/** Calls of `name` (global: matchAll works on a copy, so the shared pattern keeps no state). */
function calls(utils: UtilsNames, name: string): RegExp {
  return pattern(utils, name, "\\s*\\(", "g");
}

/**
 * The argument at `index` of each call matched by `pattern`, when that whole
 * argument is one plain string literal (no prefix but r/b/u, no escapes, no
 * concatenation): the name and the offset of its opening quote.
 */
function literalArguments(source: PythonSource, pattern: RegExp, index: number): FoundName[] {
  const found: FoundName[] = [];
  for (const m of source.code.matchAll(pattern)) {
    const start = argumentStart(source.code, m.index + m[0].length, index);
    if (start === undefined) continue;
    const literal = /^[rRbBuU]?(["'])([^"'\\\n]*)\1\s*[,)]/.exec(source.text.slice(start, start + 400));
    // The quote must open a string in the blanked code too, so a literal inside a comment never counts.
    // argumentStart skips only blanks of the blanked code, so start is a code character: a quote the literal needs
    // there is in the code too, and then the whole code holds a quote as well.
    // Stryker disable next-line MethodExpression: the whole code holds a quote whenever the slice does (see above)
    if (!literal || !/["']/.test(source.code.slice(start, start + 2))) continue;
    found.push({ name: literal[2] as string, offset: start });
  }
  return found;
}

/** Offset of the first non-blank character of argument `index` of a call whose `(` ends just before `open`. */
function argumentStart(code: string, open: number, index: number): number | undefined {
  let depth = 0;
  let argument = 0;
  let pos = open;
  const skipBlanks = (): void => {
    while (pos < code.length && /\s/.test(code[pos] as string)) pos++;
  };
  skipBlanks();
  if (index === 0) return code[pos] === ")" ? undefined : pos;
  for (; pos < code.length; pos++) {
    const c = code[pos];
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") {
      if (depth === 0) return undefined;
      depth--;
    } else if (c === "," && depth === 0) {
      argument++;
      pos++;
      skipBlanks();
      if (argument === index) return code[pos] === ")" ? undefined : pos;
      // Stryker disable next-line UpdateOperator: unreachable, callers ask for argument 0 or 1; the first comma gives 1
      pos--;
    }
  }
  return undefined;
}

/** The calls that add a tensor in `auto_complete_config` (matchAll works on a copy of each). */
const ADD_TENSOR = { add_input: /\.add_input\s*\(/g, add_output: /\.add_output\s*\(/g } as const;

/**
 * Names `auto_complete_config` may add with `add_input`/`add_output` (as
 * `"name": "…"` literals); undefined when some call adds a tensor we cannot
 * read, since the config Triton ends up with is then unknown.
 */
function autoCompletedNames(source: PythonSource, method: "add_input" | "add_output"): string[] | undefined {
  const names: string[] = [];
  for (const m of source.code.matchAll(ADD_TENSOR[method])) {
    const start = m.index + m[0].length;
    const end = argumentEnd(source.code, start);
    const argument = source.text.slice(start, end);
    const name = /^\s*\{[\s\S]*?["']name["']\s*:\s*(["'])([^"'\\\n]*)\1/.exec(argument);
    if (!name || name[2] === undefined) return undefined;
    names.push(name[2]);
  }
  return names;
}

/** Offset of the `)` closing a call whose arguments start at `start`. */
function argumentEnd(code: string, start: number): number {
  let depth = 0;
  for (let pos = start; pos < code.length; pos++) {
    const c = code[pos];
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") {
      if (depth === 0) return pos;
      depth--;
    }
  }
  return code.length;
}
