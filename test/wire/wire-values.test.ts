// The test-side oracle (support/wire-values.ts) checked on bytes written by
// hand from the wire-format spec, so it is not only trusted because it agrees
// with the code it judges: varints of every width, packed and unpacked lists,
// merge rules for a field written twice, oneofs, maps with repeated keys, and
// float bit patterns; and the in-memory side on the edges of the value model.
import { describe, expect, it } from "vitest";
import { decodeWire, stringBytes, valueTree } from "../support/wire-values.js";

const bytes = (hex: string) => Buffer.from(hex.replace(/\s+/g, ""), "hex");

describe("the wire decoder, on bytes written from the spec", () => {
  const cases: [name: string, { given: string; want: object }][] = [
    ["a string: tag 1, length 3", { given: "0a 03 616263", want: { name: "bytes:616263" } }],
    [
      "an int32 -1 is ten varint bytes, sign-extended",
      { given: "20 ffffffffffffffffff01", want: { max_batch_size: "-1" } },
    ],
    [
      "uint64 max and int64 min",
      {
        given: "5a 0b 10 ffffffffffffffffff01  2a 0b 20 80808080808080808001",
        want: {
          input: [{ dims: ["-9223372036854775808"] }],
          dynamic_batching: { max_queue_delay_microseconds: "18446744073709551615" },
        },
      },
    ],
    [
      "a float -0 and a denormal, little-endian on the wire",
      {
        // sequence_batching (13) { direct (3) { minimum_slot_utilization (2): -0 } }
        given: "6a 07 1a 05 15 00000080",
        want: { sequence_batching: { direct: { minimum_slot_utilization: "float:80000000" } } },
      },
    ],
    [
      "a float written twice: the last wins",
      {
        given: "6a 0c 1a 0a 15 01000000 15 cdcc4c3e",
        want: { sequence_batching: { direct: { minimum_slot_utilization: "float:3e4ccccd" } } },
      },
    ],
    [
      "packed and unpacked elements of one repeated field join",
      {
        // input (5) { dims (4): packed [1, -1], then unpacked 7 }
        given: "2a 0f 22 0b 01 ffffffffffffffffff01 20 07",
        want: { input: [{ dims: ["1", "-1", "7"] }] },
      },
    ],
    [
      "a singular message written twice is merged",
      {
        // version_policy (3) { latest { num_versions: 2 } } twice, then an empty one
        given: "1a 04 0a 02 08 02  1a 00",
        want: { version_policy: { latest: { num_versions: "2" } } },
      },
    ],
    [
      "of a oneof's members the last written is set, even at zero",
      {
        // version_policy { latest { } all { } }: policy_choice is a oneof
        given: "1a 04 0a 00 12 00",
        want: { version_policy: { all: {} } },
      },
    ],
    [
      "a map entry repeated for a key: the last wins; entries sorted; a missing value is the default",
      {
        // metric_tags (10): b→x, a→(none), b→y
        given: "52 06 0a 01 62 12 01 78  52 03 0a 01 61  52 06 0a 01 62 12 01 79",
        want: {
          metric_tags: [
            ["bytes:61", "bytes:"],
            ["bytes:62", "bytes:79"],
          ],
        },
      },
    ],
    [
      "implicit defaults are the same as absent; an unknown enum number stays",
      { given: "20 00 2a 02 10 63", want: { input: [{ data_type: "99" }] } },
    ],
  ];
  for (const [name, { given, want }] of cases) {
    it(name, () => {
      expect(decodeWire(bytes(given))).toEqual(want);
    });
  }

  it("refuses what is not a message: truncation, groups, unknown fields, wrong wire types", () => {
    expect(() => decodeWire(bytes("0a 05 61"))).toThrow(/truncated/);
    expect(() => decodeWire(bytes("20 ff"))).toThrow(/truncated/);
    expect(() => decodeWire(bytes("0b"))).toThrow(/group/);
    expect(() => decodeWire(bytes("f8 07 01"))).toThrow(/no field 127/);
    expect(() => decodeWire(bytes("0d 00000000"))).toThrow(/wire type/);
  });
});

describe("values in memory as trees", () => {
  it("keeps raw bytes held as U+DC80–U+DCFF and writes other lone surrogates as U+FFFD", () => {
    expect(Buffer.from(stringBytes("a\udcff\u0000\ud83e\udd16\ud800")).toString("hex")).toBe("61ff00f09fa496efbfbd");
  });

  it("tells -0 from 0, and NaN from everything, in floats and doubles", () => {
    const direct = (v: number) => valueTree({ sequence_batching: { direct: { minimum_slot_utilization: v } } });
    expect(direct(-0)).toEqual({ sequence_batching: { direct: { minimum_slot_utilization: "float:80000000" } } });
    expect(direct(0)).toEqual({ sequence_batching: { direct: {} } });
    expect(direct(Number.NaN)).toEqual({ sequence_batching: { direct: { minimum_slot_utilization: "float:nan" } } });
    const buckets = (v: number[]) =>
      valueTree({ model_metrics: { metric_control: [{ histogram_options: { buckets: v } }] } });
    expect(buckets([-0, 5e-324])).toEqual({
      model_metrics: {
        metric_control: [{ histogram_options: { buckets: ["double:8000000000000000", "double:0000000000000001"] } }],
      },
    });
  });

  it("marks a float field holding a double, which the in-memory contract forbids", () => {
    const t = valueTree({ sequence_batching: { direct: { minimum_slot_utilization: 0.1 } } });
    expect(JSON.stringify(t)).toContain("not-a-float32");
  });

  it("reads 64-bit integers from number, bigint and decimal string alike; enums by name or number", () => {
    const want = { dynamic_batching: { max_queue_delay_microseconds: "9007199254740993" } };
    expect(valueTree({ dynamic_batching: { max_queue_delay_microseconds: 9007199254740993n } })).toEqual(want);
    expect(valueTree({ dynamic_batching: { max_queue_delay_microseconds: "9007199254740993" } })).toEqual(want);
    expect(valueTree({ input: [{ data_type: "TYPE_FP32" }, { data_type: 11 }] })).toEqual({
      input: [{ data_type: "11" }, { data_type: "11" }],
    });
  });

  it("reads the protobuf JSON mapping: NaN and infinities as strings, floats rounded to float32", () => {
    const json = {
      sequence_batching: { control_input: [{ control: [{ fp32_false_true: [0.1, "NaN", "-Infinity"] }] }] },
    };
    expect(valueTree(json, { json: true })).toEqual({
      sequence_batching: {
        control_input: [{ control: [{ fp32_false_true: ["float:3dcccccd", "float:nan", "float:ff800000"] }] }],
      },
    });
  });
});
