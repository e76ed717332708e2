/**
 * Guards the contract between the JSON Schema and the text format: whatever
 * the schema accepts, the builder normalises, the printer writes and the text
 * reader reads back as the same message; and on values near the edge of
 * validity, ajv and the text reader give the same verdict.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkConfigSchema } from "../../src/builder/schema-check.js";
import { modelConfig } from "../../src/builder/model-config.js";
import type { ModelConfig } from "../../src/builder/index.js";
import { type FieldInfo, type MessageInfo, messageInfo } from "../../src/schema/descriptors.js";
import { fromProtoJSON } from "../../src/pbtxt/json.js";
import { parseConfig } from "../../src/pbtxt/parser.js";
import { printConfig } from "../../src/pbtxt/printer.js";
import type { MessageValue } from "../../src/pbtxt/types.js";
import { valueTree } from "../support/wire-values.js";
import { modelConfigJson } from "./support/arbitraries.js";
import { naiveText } from "./support/naive-text.js";

const RUNS = Number(process.env.FC_RUNS ?? 150);

describe("schema-valid configs round-trip through the text format", () => {
  it("pass ajv, print, and read back equal", () => {
    fc.assert(
      fc.property(modelConfigJson(), (json) => {
        expect(checkConfigSchema(json)).toEqual([]);
        const built = modelConfig(json as ModelConfig) as MessageValue;
        // The builder's normalisation and the core's JSON reader agree.
        const viaCore = fromProtoJSON(json);
        expect(viaCore.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        expect(valueTree(built)).toEqual(valueTree(viaCore.value));
        const text = printConfig(built);
        const parsed = parseConfig(text);
        expect(parsed.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        expect(valueTree(parsed.value)).toEqual(valueTree(built));
        // Printing is stable: the second print gives the same bytes.
        expect(printConfig(parsed.value)).toBe(text);
      }),
      { numRuns: RUNS },
    );
  });
});

/** Every message object inside a protobuf-JSON value, with its descriptor. */
function messageSites(
  value: Record<string, unknown>,
  info: MessageInfo,
): Array<{ object: Record<string, unknown>; info: MessageInfo }> {
  const sites = [{ object: value, info }];
  for (const field of info.fields) {
    const item = value[field.name];
    if (item === undefined) continue;
    const target = field.kind === "map" ? field.value : field;
    if (target.kind !== "message") continue;
    const children =
      field.kind === "map" ? Object.values(item as object) : field.repeated ? (item as unknown[]) : [item];
    for (const child of children) sites.push(...messageSites(child as Record<string, unknown>, target.messageType));
  }
  return sites;
}

type Mutation = (site: { object: Record<string, unknown>; info: MessageInfo }, pick: number) => boolean;

function fieldsWhere(info: MessageInfo, test: (f: FieldInfo) => boolean): FieldInfo[] {
  return info.fields.filter((f) => f.oneof === undefined && test(f));
}

function setField(object: Record<string, unknown>, field: FieldInfo, single: unknown): void {
  object[field.name] = field.kind !== "map" && field.repeated ? [single] : single;
}

function scalarOf(f: FieldInfo): string | undefined {
  return f.kind === "scalar" ? f.scalar : undefined;
}

/** A mutation that sets one field of the site's message, among those passing `test` (chosen by `pick`), to `value`. */
function setOne(test: (f: FieldInfo) => boolean, value: (field: FieldInfo, pick: number) => unknown): Mutation {
  return ({ object, info }, pick) => {
    const candidates = fieldsWhere(info, test);
    const field = candidates[pick % Math.max(candidates.length, 1)];
    if (!field) return false;
    setField(object, field, value(field, pick));
    return true;
  };
}

const isScalar =
  (...types: string[]) =>
  (f: FieldInfo) =>
    types.includes(scalarOf(f) ?? "");

/** Mutations that keep a config valid or break it in one way; each returns false when the site has no room for it. */
const MUTATIONS: Record<string, Mutation> = {
  unknownField: ({ object }) => {
    object.no_such_field = 1;
    return true;
  },
  misspelledEnum: setOne(
    (f) => f.kind === "enum",
    (f) => `${f.kind === "enum" ? f.enumType.names[0] : ""}X`,
  ),
  stringForInteger: setOne(isScalar("int32", "uint32"), () => "seven"),
  int32OutOfRange: setOne(isScalar("int32"), (_f, pick) => (pick % 2 === 0 ? 2 ** 31 : -(2 ** 31) - 1)),
  negativeUnsigned: setOne(isScalar("uint32", "uint64"), (_f, pick) => (pick % 2 === 0 ? -1 : "-1")),
  uint64Overflow: setOne(isScalar("uint64"), () => "18446744073709551616"),
  int64AsDecimalString: setOne(isScalar("int64"), () => "-9223372036854775808"),
  fractionForInteger: setOne(isScalar("int32", "uint32", "int64", "uint64"), () => 2.5),
  numberForString: setOne(isScalar("string"), () => 5),
  stringForBool: setOne(isScalar("bool"), () => "true"),
  scalarForMessage: ({ object, info }, pick) => {
    const messages = fieldsWhere(info, (f) => f.kind === "message" && !f.repeated);
    const field = messages[pick % Math.max(messages.length, 1)];
    if (!field) return false;
    object[field.name] = "text";
    return true;
  },
  twoOneofMembers: ({ object, info }) => {
    for (const members of info.oneofs.values()) {
      if (members.length < 2) continue;
      for (const name of members) delete object[name];
      object[members[0] as string] = {};
      object[members[1] as string] = {};
      return true;
    }
    return false;
  },
};

const SEMANTIC_CODES = new Set(["PB-UNKNOWN-FIELD", "PB-UNKNOWN-ENUM", "PB-TYPE", "PB-RANGE", "PB-ONEOF"]);

describe("ajv and the text reader agree on validity", () => {
  it("for valid configs and single mutations of them", () => {
    const names = Object.keys(MUTATIONS);
    fc.assert(
      fc.property(modelConfigJson(), fc.constantFrom(...names), fc.nat(), fc.nat(), (json, mutation, where, pick) => {
        const copy = structuredClone(json);
        const sites = messageSites(copy, messageInfo("ModelConfig"));
        const site = sites[where % sites.length] as (typeof sites)[number];
        fc.pre((MUTATIONS[mutation] as Mutation)(site, pick));
        const schemaDiagnostics = checkConfigSchema(copy);
        const text = naiveText(copy);
        const parsed = parseConfig(text);
        const textErrors = parsed.diagnostics.filter((d) => d.severity === "error");
        expect({ mutation, schemaOk: schemaDiagnostics.length === 0 }).toEqual({
          mutation,
          schemaOk: textErrors.length === 0,
        });
        const first = textErrors[0]?.code;
        // The first error the reader meets is one ajv reports too, under the same code.
        // (A scalar written where a message goes is a syntax error to the reader, PB-DELIMITER.)
        if (first !== undefined && SEMANTIC_CODES.has(first))
          expect(schemaDiagnostics.map((d) => d.code)).toContain(first);
      }),
      { numRuns: RUNS * 2 },
    );
  });
});

describe("frozen counterexamples of the agreement property", () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    // Found by fast-check: protoc reads "-" before an unsigned value as a wrong token.
    [
      "negative value for an unsigned field",
      { dynamic_batching: { default_queue_policy: { max_queue_size: -1 } } },
      "PB-TYPE",
    ],
    ["negative decimal string for a uint64", { dynamic_batching: { priority_levels: "-1" } }, "PB-TYPE"],
    ["uint64 one past its maximum", { dynamic_batching: { priority_levels: "18446744073709551616" } }, "PB-RANGE"],
    ["int32 one past its maximum", { max_batch_size: 2147483648 }, "PB-RANGE"],
    ["misspelled enum", { input: [{ data_type: "TYPE_FP32X" }] }, "PB-UNKNOWN-ENUM"],
    ["second oneof member", { ensemble_scheduling: {}, dynamic_batching: {} }, "PB-ONEOF"],
  ];
  it.each(cases)("%s: both refuse, with the same code", (_name, json, code) => {
    const reader = parseConfig(naiveText(json)).diagnostics.filter((d) => d.severity === "error");
    expect(reader[0]?.code).toBe(code);
    expect(checkConfigSchema(json).map((d) => d.code)).toEqual([code]);
  });

  it("a scalar where a message goes: both refuse (the reader calls it a syntax error)", () => {
    const json = { version_policy: "text" };
    expect(parseConfig(naiveText(json)).diagnostics[0]?.code).toBe("PB-DELIMITER");
    expect(checkConfigSchema(json).map((d) => d.code)).toEqual(["PB-TYPE"]);
  });
});
