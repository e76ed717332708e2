// The random configs of the property and differential suites
// (support/arbitrary-config.ts) must keep reaching the boundaries where a
// printer or reader goes wrong: an escaped byte before an octal digit, control
// characters beside quotes, 4-byte characters and bytes that are not UTF-8,
// every integer type's limits, -0, subnormals, FLT_MAX, inf and NaN, floats
// that need all 9 (doubles all 17) digits, empty and one-element lists, every
// enum value, every oneof member. This suite counts each boundary class over
// seeded samples and fails when one is hit less than MIN_HITS times, so a
// change to the generator cannot quietly stop testing an edge. The classes
// are defined here, from the schema facts (support/wire-values.ts), not from
// the generator's own lists.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { configArbitrary } from "../support/arbitrary-config.js";
import { type FieldFact, type MessageFact, schemaFacts } from "../support/wire-values.js";

const SEED = 15_015;
const SAMPLES = 300;
const MIN_HITS = 5;

const INT_LIMITS: Record<string, { min: bigint; max: bigint; signed: boolean }> = {
  int32: { min: -(2n ** 31n), max: 2n ** 31n - 1n, signed: true },
  int64: { min: -(2n ** 63n), max: 2n ** 63n - 1n, signed: true },
  uint32: { min: 0n, max: 2n ** 32n - 1n, signed: false },
  uint64: { min: 0n, max: 2n ** 64n - 1n, signed: false },
};

const FLT_MIN = 1.1754943508222875e-38;
const FLT_MAX = 3.4028234663852886e38;
const DBL_MIN = 2.2250738585072014e-308;

const STRING_CLASSES: [name: string, test: RegExp][] = [
  ["string: empty", /^$/],
  ["string: NUL", /\x00/],
  ["string: DEL (U+007F)", /\x7f/],
  ["string: control character before an octal digit", /[\x00-\x1f\x7f][0-7]/],
  ["string: control character before 8 or 9", /[\x00-\x1f\x7f][89]/],
  ["string: control character beside a quote or backslash", /[\x00-\x1f\x7f]["'\\]|["'\\][\x00-\x1f\x7f]/],
  ["string: byte that is not UTF-8", /(?<![\ud800-\udbff])[\udc80-\udcff]/],
  ["string: byte that is not UTF-8 before an octal digit", /(?<![\ud800-\udbff])[\udc80-\udcff][0-7]/],
  ["string: 2-byte UTF-8 character", /[\u0080-\u07ff]/],
  ["string: 3-byte UTF-8 character", /[\u0800-\ud7ff\ue000-\uffff]/],
  ["string: 4-byte UTF-8 character", /[\ud800-\udbff][\udc00-\udfff]/],
  ["string: character outside ASCII beside a digit", /[^\x00-\x7f][0-9]|[0-9][^\x00-\x7f]/],
  ["string: backslash", /\\/],
  ["string: double quote", /"/],
  ["string: single quote", /'/],
];

function stringClasses(s: string): string[] {
  return STRING_CLASSES.filter(([, re]) => re.test(s)).map(([name]) => name);
}

function integerClasses(type: string, value: unknown): string[] {
  const limits = INT_LIMITS[type];
  if (!limits) return [];
  const v = BigInt(value as number | bigint | string);
  const out: string[] = [];
  if (v === limits.min && limits.signed) out.push(`${type}: min`);
  if (v === limits.max) out.push(`${type}: max`);
  if (v === 0n) out.push(`${type}: 0`);
  if (v === -1n) out.push(`${type}: -1`);
  return out;
}

/** Whether the shortest decimal of a value needs `digits` significant digits at its precision. */
function needsAllDigits(v: number, type: "float" | "double"): boolean {
  if (!Number.isFinite(v) || v === 0) return false;
  return type === "float" ? Math.fround(Number(v.toPrecision(8))) !== v : Number(v.toPrecision(16)) !== v;
}

function floatClasses(type: "float" | "double", v: number): string[] {
  const out: string[] = [];
  const [min, max, digits] = type === "float" ? [FLT_MIN, FLT_MAX, 9] : [DBL_MIN, Number.MAX_VALUE, 17];
  if (Object.is(v, 0)) out.push(`${type}: +0`);
  if (Object.is(v, -0)) out.push(`${type}: -0`);
  if (v !== 0 && Math.abs(v) < min) out.push(`${type}: subnormal`);
  if (Math.abs(v) === max) out.push(`${type}: ±${type === "float" ? "FLT" : "DBL"}_MAX`);
  if (v === Number.POSITIVE_INFINITY) out.push(`${type}: +inf`);
  if (v === Number.NEGATIVE_INFINITY) out.push(`${type}: -inf`);
  if (Number.isNaN(v)) out.push(`${type}: nan`);
  if (needsAllDigits(v, type)) out.push(`${type}: needs ${digits} significant digits`);
  return out;
}

/** Every class the schema makes reachable: string, number and list classes, each enum value, each oneof member. */
function expectedClasses(): string[] {
  const facts = schemaFacts();
  const out = STRING_CLASSES.map(([name]) => name);
  for (const [type, limits] of Object.entries(INT_LIMITS)) {
    out.push(`${type}: max`, `${type}: 0`);
    if (limits.signed) out.push(`${type}: min`, `${type}: -1`);
  }
  for (const [type, digits, max] of [
    ["float", 9, "FLT"],
    ["double", 17, "DBL"],
  ] as const)
    out.push(
      ...["+0", "-0", "subnormal", `±${max}_MAX`, "+inf", "-inf", "nan", `needs ${digits} significant digits`].map(
        (c) => `${type}: ${c}`,
      ),
    );
  out.push("list: empty", "list: one element", "list: several", "map: empty", "map: one entry", "enum: unknown number");
  for (const [name, values] of facts.enums) for (const value of values.keys()) out.push(`enum ${name}.${value}`);
  for (const m of facts.messages.values())
    for (const f of m.fields) if (f.oneof !== undefined) out.push(`oneof ${m.name}.${f.oneof}: ${f.name}`);
  return out;
}

function count(hits: Map<string, number>, names: string[]): void {
  for (const n of names) hits.set(n, (hits.get(n) ?? 0) + 1);
}

function visitSingle(field: FieldFact, value: unknown, hits: Map<string, number>): void {
  const facts = schemaFacts();
  if (field.kind === "message") {
    visitMessage(facts.messages.get(field.typeName as string) as MessageFact, value, hits);
  } else if (field.kind === "enum") {
    const known = typeof value === "string";
    count(hits, [known ? `enum ${field.typeName}.${value}` : "enum: unknown number"]);
  } else if (field.scalar === "string" || field.scalar === "bytes") {
    count(hits, stringClasses(value as string));
  } else if (field.scalar === "float" || field.scalar === "double") {
    count(hits, floatClasses(field.scalar, value as number));
  } else if (field.scalar !== "bool") {
    count(hits, integerClasses(field.scalar as string, value));
  }
}

function visitMessage(type: MessageFact, value: unknown, hits: Map<string, number>): void {
  const record = value as Record<string, unknown>;
  for (const f of type.fields) {
    if (!Object.hasOwn(record, f.name)) continue;
    const v = record[f.name];
    if (f.oneof !== undefined) count(hits, [`oneof ${type.name}.${f.oneof}: ${f.name}`]);
    if (f.kind === "map") {
      const entries = Object.entries(v as Record<string, unknown>);
      if (entries.length === 0) count(hits, ["map: empty"]);
      if (entries.length === 1) count(hits, ["map: one entry"]);
      for (const [k, entry] of entries) {
        if (f.scalar === "string") count(hits, stringClasses(k));
        else count(hits, integerClasses(f.scalar as string, k));
        visitSingle(f.value as FieldFact, entry, hits);
      }
    } else if (f.repeated) {
      const list = v as unknown[];
      count(hits, [list.length === 0 ? "list: empty" : list.length === 1 ? "list: one element" : "list: several"]);
      for (const item of list) visitSingle(f, item, hits);
    } else {
      visitSingle(f, v, hits);
    }
  }
}

describe("the config generator reaches the boundaries", () => {
  it(`every boundary class at least ${MIN_HITS} times in ${SAMPLES} seeded samples`, () => {
    const hits = new Map<string, number>();
    const root = schemaFacts().messages.get("inference.ModelConfig") as MessageFact;
    for (const config of fc.sample(configArbitrary(), { seed: SEED, numRuns: SAMPLES }))
      visitMessage(root, config, hits);
    const table = expectedClasses().map((name) => [name, hits.get(name) ?? 0] as const);
    const rare = table.filter(([, n]) => n < MIN_HITS).map(([name, n]) => `${name}: ${n}`);
    expect(rare, `hits per class:\n${table.map(([c, n]) => `  ${c}: ${n}`).join("\n")}`).toEqual([]);
  });

  it("the wire-safe variant (no bytes that are not UTF-8) still reaches 4-byte characters and control characters", () => {
    const hits = new Map<string, number>();
    const root = schemaFacts().messages.get("inference.ModelConfig") as MessageFact;
    for (const config of fc.sample(configArbitrary({ rawBytes: false }), { seed: SEED, numRuns: SAMPLES / 4 }))
      visitMessage(root, config, hits);
    expect(hits.get("string: byte that is not UTF-8") ?? 0).toBe(0);
    expect(hits.get("string: 4-byte UTF-8 character") ?? 0).toBeGreaterThanOrEqual(MIN_HITS);
    expect(hits.get("string: control character before an octal digit") ?? 0).toBeGreaterThanOrEqual(MIN_HITS);
  });
});
