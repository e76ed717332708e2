/**
 * checkConfigSchema: ajv over generated/model-config.schema.json, reporting
 * each problem once, at the field path the text reader would name, with the
 * reader's code and the expected type in words.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkConfigSchema } from "../../src/builder/schema-check.js";
import { sharedAvailable, sharedPath } from "../support/shared.js";

type Want = { code: string; path?: string; message: RegExp | string; hint?: RegExp };

const INVALID: Array<[string, { given: unknown; want: Want[] }]> = [
  [
    "unknown field, with a suggestion",
    {
      given: { max_batch_szie: 8 },
      want: [
        {
          code: "PB-UNKNOWN-FIELD",
          path: "max_batch_szie",
          message: 'Message type "inference.ModelConfig" has no field named "max_batch_szie".',
          hint: /did you mean "max_batch_size"/,
        },
      ],
    },
  ],
  [
    "misspelled enum",
    {
      given: { instance_group: [{ kind: "KIND_GPU" }, { kind: "KIND_GPUU" }] },
      want: [
        {
          code: "PB-UNKNOWN-ENUM",
          path: "instance_group[1].kind",
          message: /"KIND_GPUU"/,
          hint: /did you mean "KIND_GPU"/,
        },
      ],
    },
  ],
  [
    "enum by number (names only)",
    {
      given: { input: [{ data_type: 11 }] },
      want: [
        {
          code: "PB-TYPE",
          path: "input[0].data_type",
          message: "expected a name of enum inference.DataType, got number 11",
        },
      ],
    },
  ],
  [
    "string where an int64 goes, deep in a list",
    {
      given: {
        input: [
          { name: "a", dims: [1] },
          { name: "b", dims: [3, "x"] },
        ],
      },
      want: [
        {
          code: "PB-TYPE",
          path: "input[1].dims[1]",
          message: /^expected an int64 \(an integer or a decimal string\) .*, got string "x"$/,
        },
      ],
    },
  ],
  [
    "string where an int32 goes",
    {
      given: { max_batch_size: "8" },
      want: [
        {
          code: "PB-TYPE",
          path: "max_batch_size",
          message: 'expected an integer from -2147483648 to 2147483647, got string "8"',
        },
      ],
    },
  ],
  [
    "int32 out of range",
    {
      given: { max_batch_size: 2147483648 },
      want: [{ code: "PB-RANGE", path: "max_batch_size", message: /got number 2147483648$/ }],
    },
  ],
  [
    "uint64 decimal string past 2^64-1",
    {
      given: { dynamic_batching: { max_queue_delay_microseconds: "18446744073709551616" } },
      want: [
        {
          code: "PB-RANGE",
          path: "dynamic_batching.max_queue_delay_microseconds",
          message: /^expected a uint64 .* to 18446744073709551615, got string/,
        },
      ],
    },
  ],
  [
    "single value where a list goes",
    {
      given: { input: { name: "a" } },
      want: [
        {
          code: "PB-TYPE",
          path: "input",
          message: "expected a list of objects (message inference.ModelInput), got an object",
        },
      ],
    },
  ],
  [
    "two members of a oneof",
    {
      given: { dynamic_batching: {}, sequence_batching: {} },
      want: [
        {
          code: "PB-ONEOF",
          path: "sequence_batching",
          message:
            'Field "sequence_batching" is specified along with field "dynamic_batching", another member of oneof "scheduling_choice".',
        },
      ],
    },
  ],
  [
    "map value of the wrong type",
    {
      given: { parameters: { EXECUTION_ENV_PATH: "env.tar.gz" } },
      want: [
        {
          code: "PB-TYPE",
          path: 'parameters["EXECUTION_ENV_PATH"]',
          message: 'expected an object (message inference.ModelParameter), got string "env.tar.gz"',
        },
      ],
    },
  ],
  [
    "map key that is not a uint64",
    {
      given: { dynamic_batching: { priority_queue_policy: { first: {} } } },
      want: [
        {
          code: "PB-TYPE",
          path: 'dynamic_batching.priority_queue_policy["first"]',
          message: /map key "first" of field "priority_queue_policy" is not a uint64/,
        },
      ],
    },
  ],
  [
    "float past float32",
    {
      given: { sequence_batching: { direct: { minimum_slot_utilization: 1e39 } } },
      want: [
        {
          code: "PB-RANGE",
          path: "sequence_batching.direct.minimum_slot_utilization",
          message: /^expected a float32 number/,
        },
      ],
    },
  ],
  [
    "text-format spelling of NaN",
    {
      given: { model_metrics: { metric_control: [{ histogram_options: { buckets: [1, "nan"] } }] } },
      want: [
        {
          code: "PB-TYPE",
          path: "model_metrics.metric_control[0].histogram_options.buckets[1]",
          message: /"NaN", "Infinity", "-Infinity"\), got string "nan"$/,
        },
      ],
    },
  ],
  [
    "null (the JSON mapping's default) is refused",
    { given: { name: null }, want: [{ code: "PB-TYPE", path: "name", message: "expected a string, got null" }] },
  ],
  [
    "not an object at all",
    {
      given: [1],
      want: [{ code: "PB-TYPE", message: "expected an object (message inference.ModelConfig), got a list" }],
    },
  ],
];

describe("checkConfigSchema refuses", () => {
  it.each(INVALID)("%s", (_name, { given, want }) => {
    const got = checkConfigSchema(given);
    expect(got).toHaveLength(want.length);
    want.forEach((w, i) => {
      const d = got[i];
      expect(d?.code).toBe(w.code);
      expect(d?.severity).toBe("error");
      expect(d?.path).toBe(w.path);
      if (typeof w.message === "string") expect(d?.message).toBe(w.message);
      else expect(d?.message).toMatch(w.message);
      if (w.hint) expect(d?.hint).toMatch(w.hint);
    });
  });
});

const VALID: Array<[string, unknown]> = [
  ["empty config", {}],
  [
    "64-bit values as numbers and as exact strings",
    { input: [{ dims: [-1, "3", "-9223372036854775808", "9223372036854775807"] }] },
  ],
  ["uint64 at its maximum", { dynamic_batching: { max_queue_delay_microseconds: "18446744073709551615" } }],
  [
    "non-finite floats as the JSON mapping spells them",
    { model_metrics: { metric_control: [{ histogram_options: { buckets: ["NaN", "Infinity", "-Infinity", -0] } }] } },
  ],
  ["explicit zeros and empty messages", { max_batch_size: 0, dynamic_batching: {} }],
  ["bigints from YAML's intAsBigInt, exact past 2^53", { max_batch_size: 8n, input: [{ dims: [2n ** 63n - 1n] }] }],
  [
    "integer map keys",
    { dynamic_batching: { priority_queue_policy: { "1": { max_queue_size: 4 }, "18446744073709551615": {} } } },
  ],
];

describe("checkConfigSchema on values no file can hold", () => {
  it("reports a cyclic object instead of overflowing the stack", () => {
    const cyclic: Record<string, unknown> = { name: "m" };
    cyclic.optimization = { graph: cyclic };
    expect(checkConfigSchema(cyclic, { file: "x.json" })).toEqual([
      {
        code: "PB-TYPE",
        severity: "error",
        message: "expected a config, got a cyclic object (one that contains itself)",
        file: "x.json",
      },
    ]);
  });

  it("reports absurd nesting instead of overflowing the stack", () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(checkConfigSchema({ input: deep })[0]?.message).toBe(
      "expected a config, got a value nested more than 64 levels deep",
    );
  });

  it("takes shared (aliased) objects that are not cycles", () => {
    const shared = { dims: [1] };
    expect(checkConfigSchema({ input: [shared, shared] })).toEqual([]);
  });
});

describe("checkConfigSchema accepts", () => {
  it.each(VALID)("%s", (_name, given) => {
    expect(checkConfigSchema(given)).toEqual([]);
  });
});

describe("diagnostic locations", () => {
  it("puts the file on every diagnostic and asks `locate` for line and column", () => {
    const asked: string[] = [];
    const got = checkConfigSchema(
      { input: [{ dims: [1, "x"] }], foo: 1 },
      {
        file: "models/a/config.json",
        locate: (path) => {
          asked.push(path);
          return path === "input[0].dims[1]" ? { line: 3, column: 17 } : undefined;
        },
      },
    );
    expect(asked.sort()).toEqual(["foo", "input[0].dims[1]"]);
    const dims = got.find((d) => d.path === "input[0].dims[1]");
    expect(dims).toMatchObject({ file: "models/a/config.json", line: 3, column: 17 });
    const foo = got.find((d) => d.path === "foo");
    expect(foo).toMatchObject({ file: "models/a/config.json" });
    expect(foo?.line).toBeUndefined();
  });
});

describe.runIf(sharedAvailable())("the real-world corpus", () => {
  it("accepts the reference JSON of all 215 round-trip configs", () => {
    const parsed = JSON.parse(readFileSync(sharedPath("conformance", "roundtrip", "parsed.json"), "utf8")) as Record<
      string,
      unknown
    >;
    const refused = Object.entries(parsed)
      .map(([file, json]) => ({ file, diagnostics: checkConfigSchema(json) }))
      .filter((r) => r.diagnostics.length > 0);
    expect(Object.keys(parsed).length).toBeGreaterThanOrEqual(215);
    expect(refused).toEqual([]);
  });
});

describe("editor schema hint", () => {
  it('accepts "$schema" at the root of a JSON config, and reads past it', async () => {
    const { fromJSON } = await import("../../src/builder/convert.js");
    const config = {
      $schema: "./node_modules/triton-repo/generated/model-config.schema.json",
      name: "m",
      max_batch_size: 4,
    };
    expect(checkConfigSchema(config)).toEqual([]);
    expect(fromJSON(config).config).toEqual({ name: "m", max_batch_size: 4 });
  });
  it('refuses "$schema" anywhere else, as any unknown field', () => {
    expect(checkConfigSchema({ input: [{ $schema: "x" }] }).map((d) => d.code)).toEqual(["PB-UNKNOWN-FIELD"]);
  });
});
