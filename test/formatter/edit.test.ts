// editPbtxt changes only the lines it must: everything else, comments
// included, stays byte for byte, and the result reads back as the mutated value.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { editPbtxt } from "../../src/formatter/edit.js";
import { messagesEqual } from "../../src/pbtxt/json.js";
import { parseConfig } from "../../src/pbtxt/parser.js";
import type { MessageValue } from "../../src/pbtxt/types.js";
import { Random } from "../../bench/corpus/random.js";
import { messyText, randomMessage } from "./messy-text.js";
import { messageInfo } from "../../src/schema/descriptors.js";

const SOURCE = `# Model for images
name: "resnet"  # keep this name
max_batch_size: 8  # tuned on A100

input [
  { name: "a" dims: [ 3, 224 ] },  # first
  { name: "b" dims: [ 1 ] }
]
instance_group {
  # two per GPU
  count: 2
  kind: KIND_GPU
}
instance_group { count: 1 kind: KIND_CPU }
parameters { key: "X" value { string_value: "1" } }  # x
# end
`;

type Config = Record<string, any>;

function edit(mutate: (c: Config) => void, text = SOURCE): string {
  const result = editPbtxt(text, mutate as (c: MessageValue) => void);
  expect(result.diagnostics).toEqual([]);
  expect(result.ok).toBe(true);
  const want = structuredClone(parseConfig(text).value) as Config;
  mutate(want);
  expect(messagesEqual(parseConfig(result.text).value, want as MessageValue)).toBe(true);
  return result.text;
}

/** The lines of `after` that are not in `before`, and the reverse. */
function changedLines(before: string, after: string): { added: string[]; removed: string[] } {
  const a = before.split("\n");
  const b = after.split("\n");
  return { added: b.filter((l) => !a.includes(l)), removed: a.filter((l) => !b.includes(l)) };
}

describe("editPbtxt", () => {
  it("replaces only a scalar's value, keeping its comment", () => {
    const out = edit((c) => {
      c.max_batch_size = 16;
    });
    expect(changedLines(SOURCE, out)).toEqual({
      added: ["max_batch_size: 16  # tuned on A100"],
      removed: ["max_batch_size: 8  # tuned on A100"],
    });
  });

  it("edits inside a nested message, keeping the comment above the field", () => {
    const out = edit((c) => {
      c.instance_group[0].count = 4;
    });
    expect(changedLines(SOURCE, out)).toEqual({ added: ["  count: 4"], removed: ["  count: 2"] });
    expect(out).toContain("  # two per GPU\n  count: 4\n");
  });

  it("inserts a new field after its schema predecessor at the siblings' indentation", () => {
    const out = edit((c) => {
      c.platform = "onnxruntime_onnx";
    });
    expect(out).toContain('name: "resnet"  # keep this name\nplatform: "onnxruntime_onnx"\nmax_batch_size: 8');
    expect(changedLines(SOURCE, out).removed).toEqual([]);
  });

  it("indents a new nested value, leaving line and paragraph separators inside its strings alone", () => {
    // U+2028 and U+2029 are printed as they are; a regex's `^` in m mode would take them for line starts.
    const out = edit((c) => {
      c.instance_group[0].profile = ["p\u2028q"];
      c.instance_group[1].profile = ["r\u2029s"];
    });
    expect(out).toContain('  kind: KIND_GPU\n  profile: [ "p\u2028q" ]\n}');
    expect(out).toContain('instance_group { count: 1 kind: KIND_CPU profile: [ "r\u2029s" ] }');
    expect(changedLines(SOURCE, out).removed).toEqual(["instance_group { count: 1 kind: KIND_CPU }"]);
  });

  it("inserts a new message printed canonically", () => {
    const out = edit((c) => {
      c.dynamic_batching = { max_queue_delay_microseconds: 100 };
    });
    expect(out).toContain("dynamic_batching {\n  max_queue_delay_microseconds: 100\n}\n");
    expect(changedLines(SOURCE, out).removed).toEqual([]);
  });

  it("inserts into a one-line block on the same line", () => {
    const out = edit((c) => {
      c.instance_group[1].gpus = [0, 1];
    });
    expect(out).toContain("instance_group { count: 1 kind: KIND_CPU gpus: [ 0, 1 ] }");
  });

  it("removes a field with its own line, keeping the comments around it", () => {
    const out = edit((c) => {
      delete c.max_batch_size;
    });
    expect(changedLines(SOURCE, out)).toEqual({ added: [], removed: ["max_batch_size: 8  # tuned on A100"] });
  });

  it("removes the last element of a list, keeping the comment of the one before", () => {
    const out = edit((c) => {
      c.input.pop();
    });
    expect(out).toContain('input [\n  { name: "a" dims: [ 3, 224 ] }  # first\n]');
  });

  it("appends elements to a repeated message as new blocks", () => {
    const out = edit((c) => {
      c.instance_group.push({ count: 3, kind: "KIND_CPU" });
    });
    expect(out).toContain(
      "instance_group { count: 1 kind: KIND_CPU }\ninstance_group {\n  kind: KIND_CPU\n  count: 3\n}\n",
    );
  });

  it("edits, adds and removes map entries by key", () => {
    const out = edit((c) => {
      c.parameters.X.string_value = "9";
      c.parameters.W = { string_value: "w" };
    });
    expect(out).toContain('parameters { key: "X" value { string_value: "9" } }  # x\nparameters {\n  key: "W"');
    const removed = edit((c) => {
      delete c.parameters.X;
    });
    expect(removed).not.toContain("parameters");
    expect(removed).toContain("# end\n");
  });

  it("replaces a repeated scalar as one list", () => {
    const out = edit((c) => {
      c.input[0].dims = [3, 256, 256];
    });
    expect(out).toContain('{ name: "a" dims: [ 3, 256, 256 ] },  # first');
  });

  it("returns the text unchanged when nothing changes", () => {
    const result = editPbtxt(SOURCE, () => undefined);
    expect(result).toMatchObject({ ok: true, changed: false, text: SOURCE });
  });

  it("accepts a returned replacement value", () => {
    const result = editPbtxt(SOURCE, (c) => ({ ...c, name: "other" }));
    expect(result.text).toContain('name: "other"  # keep this name');
  });

  it("refuses input that does not parse, with the parser's diagnostic", () => {
    const result = editPbtxt("name: 'm\n", () => undefined, { file: "config.pbtxt" });
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({ severity: "error", file: "config.pbtxt", line: 1 });
  });

  it("refuses a mutation the schema cannot hold", () => {
    const result = editPbtxt(SOURCE, (c) => {
      (c as Config).no_such_field = 1;
    });
    expect(result.ok).toBe(false);
    expect(result.text).toBe(SOURCE);
    expect(result.diagnostics.map((d) => d.code)).toContain("PB-UNKNOWN-FIELD");
  });

  it("keeps every comment of messy random configs when one scalar changes", () => {
    const type = messageInfo("ModelConfig");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const value = randomMessage(type, new Random(seed));
        const messy = messyText(type, value, seed, 0.2);
        const result = editPbtxt(messy.text, (c) => {
          c.max_batch_size = 77;
          c.name = "edited";
          if (Array.isArray(c.instance_group) && c.instance_group.length > 0) (c.instance_group[0] as Config).count = 5;
        });
        expect(result.ok, messy.text).toBe(true);
        const after = parseConfig(result.text).value as Config;
        expect(after.max_batch_size).toBe(77);
        expect(after.name).toBe("edited");
        for (const comment of messy.comments) expect(result.text).toContain(comment);
      }),
      { numRuns: 150 },
    );
  });

  it("writes any new value in place: fields replaced, added and removed at random", () => {
    const type = messageInfo("ModelConfig");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const rng = new Random(seed);
        const before = randomMessage(type, rng);
        const other = randomMessage(type, rng);
        const after: Config = structuredClone(before);
        for (const key of Object.keys(other)) if (rng.chance(0.5)) after[key] = other[key];
        for (const key of Object.keys(after)) if (rng.chance(0.15)) delete after[key];
        // One member per oneof (the scheduling choice).
        const scheduling = ["dynamic_batching", "sequence_batching", "ensemble_scheduling"].filter(
          (k) => after[k] !== undefined,
        );
        for (const extra of scheduling.slice(1)) delete after[extra];
        const messy = messyText(type, before, seed, 0.2);
        const result = editPbtxt(messy.text, () => after as MessageValue);
        expect(result.diagnostics, messy.text).toEqual([]);
        expect(messagesEqual(parseConfig(result.text).value, after as MessageValue)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
