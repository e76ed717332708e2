import { type ParseArgsConfig, parseArgs } from "node:util";
import { closestMatch } from "../diagnostics/suggest.js";
import { UsageError } from "./io.js";

/**
 * One option of a command: `node:util` parseArgs's, plus `continues` for an
 * option that takes several values after one flag (`--template-vars A=1 B=2`):
 * the words after its first value that match the pattern are its values too.
 */
type CommandOption = NonNullable<ParseArgsConfig["options"]>[string] & { continues?: RegExp };
type OptionsConfig = Record<string, CommandOption>;
type ParsedArgs<O extends OptionsConfig> = ReturnType<
  typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: O }>
>;

/**
 * `node:util` parseArgs with positionals allowed, where an unknown or
 * malformed option becomes a UsageError (exit code 2 with the usage hint)
 * instead of an exception with a stack. Every command parses its argv here.
 */
export function parseCommandArgs<const O extends OptionsConfig>(argv: string[], options: O): ParsedArgs<O> {
  try {
    return parseArgs({ args: spreadContinued(argv, options), allowPositionals: true, strict: true, options });
  } catch (error: unknown) {
    const e = error as NodeJS.ErrnoException;
    const unknown = e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? /'([^']+)'/.exec(e.message)?.[1] : undefined;
    if (unknown !== undefined) {
      const known = Object.entries(options).flatMap(([name, o]) => [`--${name}`, ...(o.short ? [`-${o.short}`] : [])]);
      throw unknownOption(unknown, known);
    }
    throw new UsageError(e.message);
  }
}

/**
 * `--template-vars A=1 B=2` as `--template-vars=A=1 --template-vars=B=2`, which
 * parseArgs reads as a repeated option. Only the spaced form continues (an
 * `--opt=VALUE` word is one value), and nothing after `--` is touched.
 */
function spreadContinued(argv: readonly string[], options: OptionsConfig): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") {
      out.push(...argv.slice(i));
      break;
    }
    const pattern = arg.startsWith("--") ? options[arg.slice(2)]?.continues : undefined;
    if (pattern === undefined || i + 1 >= argv.length) {
      out.push(arg);
      continue;
    }
    // The first value is taken whatever it is, so that a malformed one is reported by the command.
    out.push(`${arg}=${argv[++i] as string}`);
    while (i + 1 < argv.length && pattern.test(argv[i + 1] as string)) out.push(`${arg}=${argv[++i] as string}`);
  }
  return out;
}

/**
 * `unknown option "--chek" (did you mean "--check"?)`: the one known flag the
 * word starts (`--whole-repo`), else the nearest by spelling, when one is near.
 */
export function unknownOption(arg: string, known: Iterable<string>): UsageError {
  const flag = arg.includes("=") ? arg.slice(0, arg.indexOf("=")) : arg;
  const flags = [...new Set(known)];
  const extending = flag.length >= 4 ? flags.filter((k) => k.startsWith(flag)) : [];
  const near = extending.length === 1 ? extending[0] : closestMatch(flag, flags);
  return new UsageError(`unknown option "${flag}"${near ? ` (did you mean "${near}"?)` : ""}`);
}

/** `--gpus 0,1` or `--gpus none`: the GPU ids of the serving host. */
export function parseGpuList(value: string): number[] {
  if (value === "none" || value === "") return [];
  const ids = value.split(",").map((v) => v.trim());
  if (ids.some((id) => !/^\d+$/.test(id)))
    throw new UsageError(`--gpus expects GPU ids such as 0,1 or "none", got "${value}"`);
  return ids.map(Number);
}
