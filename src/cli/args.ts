import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "./io.js";

type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;
type ParsedArgs<O extends OptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: O }>>;

/**
 * `node:util` parseArgs with positionals allowed, where an unknown or
 * malformed option becomes a UsageError (exit code 2 with the usage hint)
 * instead of an exception with a stack.
 */
export function parseCommandArgs<const O extends OptionsConfig>(argv: string[], options: O): ParsedArgs<O> {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (error: unknown) {
    throw new UsageError((error as Error).message);
  }
}

/** `--gpus 0,1` or `--gpus none`: the GPU ids of the serving host. */
export function parseGpuList(value: string): number[] {
  if (value === "none" || value === "") return [];
  const ids = value.split(",").map((v) => v.trim());
  if (ids.some((id) => !/^\d+$/.test(id))) throw new UsageError(`--gpus expects GPU ids such as 0,1 or "none", got "${value}"`);
  return ids.map(Number);
}
