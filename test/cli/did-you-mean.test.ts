import { describe, expect, it } from "vitest";
import { runInProcess } from "../support/run-cli.js";

/** A mistyped subcommand or flag is answered with the nearest real one, and exit 2. */

describe("did you mean", () => {
  it.each([
    [["valdate"], 'gen-repo: unknown command "valdate" (did you mean "validate"?)'],
    [["fmt", "--chek", "x"], 'gen-repo fmt: unknown option "--chek" (did you mean "--check"?)'],
    [["print", "--formt=json", "x"], 'gen-repo print: unknown option "--formt" (did you mean "--format"?)'],
    [["diff", "--revv", "HEAD", "a"], 'gen-repo diff: unknown option "--revv" (did you mean "--rev"?)'],
    [["validate", "--stric"], 'gen-repo validate: unknown option "--stric" (did you mean "--strict"?)'],
    [
      ["validate", "--whole-repo"],
      'gen-repo validate: unknown option "--whole-repo" (did you mean "--whole-repository"?)',
    ],
  ])("%j", async (argv, want) => {
    const r = await runInProcess(argv);
    expect(r.code).toBe(2);
    expect(r.stderr.split("\n")[0]?.startsWith(want)).toBe(true);
  });

  it("suggests nothing when nothing is near", async () => {
    const r = await runInProcess(["fmt", "--xyzzy"]);
    expect(r.stderr.split("\n")[0]).toBe('gen-repo fmt: unknown option "--xyzzy"');
    expect((await runInProcess(["frobnicate"])).stderr).not.toContain("did you mean");
  });
});
