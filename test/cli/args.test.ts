import { describe, expect, it } from "vitest";
import { parseCommandArgs } from "../../src/cli/args.js";
import { UsageError } from "../../src/cli/io.js";

/**
 * The shared parser every command reads its argv with: node's parseArgs, plus
 * options that take several values after one flag (`--template-vars A=1 B=2`).
 */

const PAIR = /^[A-Za-z_]\w*=/;
const options = {
  vars: { type: "string", multiple: true, continues: PAIR },
  strict: { type: "boolean", default: false },
} as const;

describe("parseCommandArgs", () => {
  it.each([
    ["every matching word after the flag", ["--vars", "a=1", "b=2", "repo"], ["a=1", "b=2"], ["repo"]],
    ["a repeated flag adds to the values", ["--vars", "a=1", "--strict", "--vars", "b=2"], ["a=1", "b=2"], []],
    ["the first value whatever it is", ["--vars", "no-equals", "b=2"], ["no-equals", "b=2"], []],
    ["--vars=VALUE is one value", ["--vars=a=1", "b=2"], ["a=1"], ["b=2"]],
    ["nothing after --", ["repo", "--", "--vars", "a=1"], undefined, ["repo", "--vars", "a=1"]],
  ])("%s", (_name, argv, vars, positionals) => {
    const parsed = parseCommandArgs(argv, options);
    expect(parsed.values.vars).toEqual(vars);
    expect(parsed.positionals).toEqual(positionals);
  });

  it("turns a missing value and an unknown flag into usage errors", () => {
    expect(() => parseCommandArgs(["--vars"], options)).toThrow(UsageError);
    expect(() => parseCommandArgs(["--strikt"], options)).toThrow(
      'unknown option "--strikt" (did you mean "--strict"?)',
    );
  });
});
