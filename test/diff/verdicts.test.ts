// The exact verdicts and change records, field by field: the kind of each
// change and which of `before`/`after` it carries (docs/fmt-and-diff.md's
// JSON shape), the reload reason for each path through the classifier, and
// the interface verdict when normalisation erases a written change. Expected
// values are worked out by hand from the two configs and from what Triton's
// model lifecycle does (see the classify.ts header and test/triton/diff-reload.test.ts).
import { describe, expect, it } from "vitest";
import { classifyInterface, classifyReload } from "../../src/diff/classify.js";
import { diffConfigs } from "../../src/diff/diff-configs.js";
import { compareConfigs, formatDiffText } from "../../src/diff/report.js";
import { parseConfig } from "../../src/pbtxt/parser.js";

function parse(text: string) {
  const result = parseConfig(text);
  expect(result.ok).toBe(true);
  return result.value;
}

const PY = 'name: "m"\nbackend: "python"\nmax_batch_size: 8\ninstance_group { count: 1 kind: KIND_CPU }\n';
const ENSEMBLE = 'name: "e"\nplatform: "ensemble"\nmax_batch_size: 8\n';

function reload(before: string, after: string) {
  const a = parse(before);
  const b = parse(after);
  return classifyReload(diffConfigs(a, b), a, b);
}

describe("change records", () => {
  it("an added scalar has no `before`, a removed one no `after`, a changed one both", () => {
    expect(diffConfigs(parse(PY), parse(`${PY}default_model_filename: "m.py"\n`))).toStrictEqual([
      { path: "default_model_filename", kind: "added", after: "m.py", beforeText: '""', afterText: '"m.py"' },
    ]);
    expect(diffConfigs(parse(PY), parse(PY.replace("max_batch_size: 8\n", "")))).toStrictEqual([
      { path: "max_batch_size", kind: "removed", before: 8, beforeText: "8", afterText: "0" },
    ]);
    expect(diffConfigs(parse(PY), parse(PY.replace("count: 1", "count: 2")))).toStrictEqual([
      { path: "instance_group[0].count", kind: "changed", before: 1, after: 2, beforeText: "1", afterText: "2" },
    ]);
  });

  it("an added and a removed message or element", () => {
    expect(diffConfigs(parse(PY), parse(`${PY}dynamic_batching { }\n`))).toStrictEqual([
      { path: "dynamic_batching", kind: "added", after: {}, beforeText: "(unset)", afterText: "{ }" },
    ]);
    expect(diffConfigs(parse(PY), parse(PY.replace("instance_group { count: 1 kind: KIND_CPU }\n", "")))).toStrictEqual(
      [
        {
          path: "instance_group[0]",
          kind: "removed",
          before: { count: 1, kind: "KIND_CPU" },
          beforeText: "{ kind: KIND_CPU count: 1 }",
          afterText: "(unset)",
        },
      ],
    );
  });

  it("map entries are listed by key, whatever order the files write them in", () => {
    const before =
      'parameters { key: "b" value { string_value: "1" } }\nparameters { key: "a" value { string_value: "1" } }\n';
    expect(diffConfigs(parse(before), parse(before.replaceAll('"1"', '"2"'))).map((c) => c.path)).toEqual([
      'parameters["a"].string_value',
      'parameters["b"].string_value',
    ]);
    // a key only the new side has still comes in key order, before one both sides have
    const onlyB = 'parameters { key: "b" value { string_value: "1" } }\n';
    expect(diffConfigs(parse(onlyB), parse(before.replaceAll('"1"', '"2"'))).map((c) => c.path)).toEqual([
      'parameters["a"]',
      'parameters["b"].string_value',
    ]);
  });
});

describe("reload reasons", () => {
  it("no change at all", () => {
    expect(reload(PY, PY)).toStrictEqual({ kind: "none", reason: "no semantic difference", fields: [], paths: [] });
  });

  it("a default spelled out: nothing to apply", () => {
    expect(reload(PY, `${PY}default_model_filename: "model.py"\n`)).toStrictEqual({
      kind: "none",
      reason:
        "the changes only spell out what Triton fills in anyway (its normalised configs are equal): the loaded model stays as it is",
      fields: [],
      paths: [],
    });
  });

  it("two fields forcing a reload are named, comma-separated", () => {
    const after = PY.replace("max_batch_size: 8", "max_batch_size: 4").concat(
      'parameters { key: "K" value { string_value: "v" } }\n',
    );
    expect(reload(PY, after)).toStrictEqual({
      kind: "reload",
      reason:
        "max_batch_size, parameters changed; Triton applies only instance_group and version_policy changes without reloading the model",
      fields: ["max_batch_size", "parameters"],
      paths: ["max_batch_size", 'parameters["K"]'],
    });
  });

  it("version policy and instance groups together: both named in the update, in schema order", () => {
    const after = `${PY.replace("count: 1", "count: 2")}version_policy { all { } }\n`;
    expect(reload(PY, after)).toStrictEqual({
      kind: "update",
      reason:
        "only version_policy and instance_group changed: Triton updates the loaded model in place (if the model files are unchanged)",
      fields: [],
      paths: ["version_policy.latest", "version_policy.all", "instance_group[0].count"],
    });
  });

  it("an ensemble with a field that forces reloads anyway names it", () => {
    expect(reload(ENSEMBLE, ENSEMBLE.replace("max_batch_size: 8", "max_batch_size: 4"))).toStrictEqual({
      kind: "reload",
      reason: "max_batch_size changed; ensembles are always reloaded when their config changes",
      fields: ["max_batch_size"],
      paths: ["max_batch_size"],
    });
  });

  it("an ensemble with two such fields names both, comma-separated", () => {
    const after = `${ENSEMBLE.replace("max_batch_size: 8", "max_batch_size: 4")}parameters { key: "K" value { string_value: "v" } }\n`;
    expect(reload(ENSEMBLE, after).reason).toBe(
      "max_batch_size, parameters changed; ensembles are always reloaded when their config changes",
    );
  });

  it("an ensemble whose version policy alone changed", () => {
    expect(reload(ENSEMBLE, `${ENSEMBLE}version_policy { all { } }\n`)).toStrictEqual({
      kind: "reload",
      reason:
        "ensembles are always reloaded when their config changes, even when only instance_group or version_policy changed",
      fields: [],
      paths: ["version_policy.latest", "version_policy.all"],
    });
  });

  it("an ensemble whose config changed only in spelling", () => {
    expect(reload(ENSEMBLE, `${ENSEMBLE}version_policy { latest { num_versions: 1 } }\n`)).toStrictEqual({
      kind: "reload",
      reason:
        "ensembles are always reloaded when their config file changes, even when Triton's normalised configs are equal",
      fields: [],
      paths: [],
    });
  });

  it("an ensemble whose file changed only in formatting or comments", () => {
    expect(reload(ENSEMBLE, `# notes\n${ENSEMBLE}`)).toStrictEqual({
      kind: "reload",
      reason:
        "ensembles are reloaded whenever their config file is written, even when only formatting or comments changed; an untouched file reloads nothing",
      fields: [],
      paths: [],
    });
    expect(
      formatDiffText(compareConfigs(parse(ENSEMBLE), parse(`# notes\n${ENSEMBLE}`), { before: "a", after: "b" })),
    ).toBe(`--- a
+++ b
no semantic difference (formatting and comments are ignored)
reload: full model reload (ensembles are reloaded whenever their config file is written, even when only formatting or comments changed; an untouched file reloads nothing)
`);
  });

  it("a model that was an ensemble and is not any more", () => {
    const verdict = reload(ENSEMBLE, ENSEMBLE.replace('platform: "ensemble"', 'backend: "python"'));
    expect(verdict.kind).toBe("reload");
    expect(verdict.reason).toMatch(/; ensembles are always reloaded when their config changes$/);
  });
});

describe("interface verdict against the normalised configs", () => {
  it("a default spelled out alongside an unrelated change does not reach clients", () => {
    const before = parse(`${PY}sequence_batching { }\n`);
    const after = parse(
      `${PY.replace("count: 1", "count: 2")}sequence_batching { max_sequence_idle_microseconds: 1000000 }\n`,
    );
    expect(classifyInterface(diffConfigs(before, after), before, after)).toEqual({
      changed: false,
      areas: [],
      paths: [],
    });
    // the same with an unrelated path Triton sees that is longer than the erased one
    const long = parse(
      `${PY}sequence_batching { max_sequence_idle_microseconds: 1000000 }\nparameters { key: "a_parameter_key_long_enough_to_make_the_longer_path" value { string_value: "v" } }\n`,
    );
    expect(classifyInterface(diffConfigs(before, long), before, long)).toEqual({
      changed: false,
      areas: [],
      paths: [],
    });
  });

  it("a written list Triton sees element by element still reaches clients", () => {
    // oldest { } gets preferred_batch_size [ 8 ] from max_batch_size: the written
    // list grows from 0 to 1 (one whole-list change), Triton's changes 8 -> 4 in place
    const before = parse(`${PY}sequence_batching { oldest { } }\n`);
    const after = parse(`${PY}sequence_batching { oldest { preferred_batch_size: [ 4 ] } }\n`);
    expect(compareConfigs(before, after).reload.paths).toEqual(["sequence_batching.oldest.preferred_batch_size[0]"]);
    expect(classifyInterface(diffConfigs(before, after), before, after)).toEqual({
      changed: true,
      areas: ["sequence batching"],
      paths: ["sequence_batching.oldest.preferred_batch_size"],
    });
  });

  it("with one side missing, every written change in an interface area counts", () => {
    const before = parse(`${PY}sequence_batching { }\n`);
    const after = parse(`${PY}sequence_batching { max_sequence_idle_microseconds: 1000000 }\n`);
    const want = {
      changed: true,
      areas: ["sequence batching"],
      paths: ["sequence_batching.max_sequence_idle_microseconds"],
    };
    expect(classifyInterface(diffConfigs(before, after), before)).toEqual(want);
    expect(classifyInterface(diffConfigs(before, after), undefined, after)).toEqual(want);
    expect(classifyInterface(diffConfigs(before, after))).toEqual(want);
  });
});
