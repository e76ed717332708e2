import fc from "fast-check";

/**
 * Text-format inputs near the edges where a reader can part ways with protoc:
 * singular fields set twice (zero spellings against other values), NUL and
 * control bytes in strings and comments, U+FEFF and bytes that are not UTF-8
 * in strings (raw and escaped), float literals around FLT_MAX and the
 * subnormals, extension names, `foo.5`, characters outside ASCII where no
 * string is, short octal and hex escapes before a digit (`"\01"` against
 * `"\0001"`). Inputs are bytes, because only bytes can hold what is not UTF-8.
 */

/** An input under construction: text pieces and raw bytes, joined to the bytes protoc reads. */
export type Piece = string | Uint8Array;

export function toBytes(pieces: readonly Piece[]): Uint8Array {
  return Buffer.concat(pieces.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));
}

// ---- singular fields set twice --------------------------------------------

/** A singular field of each scalar kind: where it lives, and spellings of zero and of other values. */
export const SINGULAR_FIELDS: readonly {
  kind: string;
  open: string;
  name: string;
  close: string;
  values: readonly string[];
}[] = [
  {
    kind: "int32",
    open: "",
    name: "max_batch_size",
    close: "",
    values: ["0", "-0", "0x0", "00", "- 0", "1", "-1", "0x1", "-2147483648"],
  },
  {
    kind: "uint32",
    open: "version_policy { latest { ",
    name: "num_versions",
    close: " } }",
    values: ["0", "0x0", "000", "5", "4294967295"],
  },
  {
    kind: "int64",
    open: "ensemble_scheduling { step { ",
    name: "model_version",
    close: " } }",
    values: ["0", "-0", "-0x0", "3", "-9223372036854775808"],
  },
  {
    kind: "uint64",
    open: "dynamic_batching { ",
    name: "max_queue_delay_microseconds",
    close: " }",
    values: ["0", "0X0", "7", "18446744073709551615"],
  },
  {
    kind: "enum",
    open: "input { ",
    name: "data_type",
    close: " }",
    values: ["TYPE_INVALID", "0", "-0", "0x0", "TYPE_FP32", "11", "99", "-3"],
  },
  {
    kind: "bool",
    open: "response_cache { ",
    name: "enable",
    close: " }",
    values: ["false", "False", "f", "0", "true", "t", "1"],
  },
  {
    kind: "float",
    open: "sequence_batching { direct { ",
    name: "minimum_slot_utilization",
    close: " } }",
    values: ["0", "-0", "0.0", "-0.0", "0f", "1e-50", "-1e-50", "nan", "-nan", "inf", "0.5"],
  },
  { kind: "string", open: "", name: "name", close: "", values: ['""', "''", '"" ""', '"\\0"', '"a"', '"\\x00"'] },
  {
    kind: "oneof bool",
    open: 'model_warmup { inputs { key: "k" value { ',
    name: "zero_data",
    close: " } } }",
    values: ["false", "true"],
  },
  { kind: "map key", open: "parameters { ", name: "key", close: " }", values: ['""', '"a"'] },
];

export const setTwice: fc.Arbitrary<Piece[]> = fc
  .record({
    field: fc.constantFrom(...SINGULAR_FIELDS),
    values: fc.array(fc.nat(), { minLength: 2, maxLength: 3 }),
  })
  .map(({ field, values }) => {
    const spelled = values.map((v) => `${field.name}: ${field.values[v % field.values.length]}`);
    return [`${field.open}${spelled.join(" ")}${field.close}\n`];
  });

// ---- strings: escapes, U+FEFF, bytes that are not UTF-8 -------------------

const stringPiece: fc.Arbitrary<Piece> = fc.oneof(
  fc.constantFrom(
    "a",
    "é",
    "模",
    "🤖",
    "\ufeff",
    "\\ufeff",
    "\\uFEFF",
    "\\xef\\xbb\\xbf",
    "\\357\\273\\277",
    " ",
    "\\n",
    "\\\\",
    '\\"',
  ),
  fc.constantFrom(
    "\\ud800",
    "\\udc80",
    "\\ud83d\\ude00",
    "\\U0001f600",
    "\\U00110000",
    "\\u00e9",
    "\\x4",
    "\\18",
    "\\1234",
  ),
  // Short octal and hex escapes right before a digit, where the escape's length decides the bytes.
  fc
    .tuple(fc.constantFrom("\\0", "\\00", "\\1", "\\37", "\\x0", "\\x1f", "\\177"), fc.constantFrom(..."0178a"))
    .map(([e, d]) => e + d),
  fc.integer({ min: 0x80, max: 0xff }).map((b) => `\\x${b.toString(16)}`),
  fc.integer({ min: 0x80, max: 0xff }).map((b) => `\\${b.toString(8)}`),
  // Raw bytes: lone continuation or lead bytes, truncated and overlong forms, encoded surrogates.
  fc
    .constantFrom(
      [0xff],
      [0x80],
      [0xc3],
      [0xe6, 0xa8],
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf0, 0x9f, 0xa4],
    )
    .map((b) => Uint8Array.from(b)),
  fc.uint8Array({ minLength: 1, maxLength: 3 }).map((b) => b.map((x) => (x < 0x20 ? x + 0x80 : x))),
);

/** A string literal, or two adjacent ones (protoc joins their bytes). */
export const stringLiteral: fc.Arbitrary<Piece[]> = fc
  .array(fc.array(stringPiece, { maxLength: 5 }), { minLength: 1, maxLength: 2 })
  .chain((parts) =>
    fc
      .constantFrom('"', "'")
      .map((q) =>
        parts.flatMap((p, i) => [i > 0 ? " " : "", q, ...p.map((x) => (x === '\\"' && q === "'" ? "\\'" : x)), q]),
      ),
  );

/** `name: <string>` or a string in a nested message. */
export const stringField: fc.Arbitrary<Piece[]> = fc
  .record({
    literal: stringLiteral,
    where: fc.constantFrom(["name: ", "\n"], ["input { name: ", " dims: 1 }\n"], ["backend: ", "\n"]),
  })
  .map(({ literal, where }) => [where[0] as string, ...literal, where[1] as string]);

// ---- NUL and control bytes in strings and comments ------------------------

export const controlBytes: fc.Arbitrary<Piece[]> = fc
  .record({
    before: fc.constantFrom("", "a", "é "),
    control: fc.constantFrom("\u0000", "\u0000\u0000", "\u0001", "\u0000\n", "\u001f\u0000", "\t\u0000"),
    after: fc.constantFrom("", "b", "\n", '" max_batch_size: 1', "'"),
    where: fc.constantFrom("string", "comment", "between"),
  })
  .map(({ before, control, after, where }) =>
    where === "string"
      ? [`name: "${before}`, control, `${after}"\n`]
      : where === "comment"
        ? [`# ${before}`, control, `${after}\nname: "x"\n`]
        : [`name: "x" `, control, ` ${after}\n`],
  );

// ---- float literals near the float32 edges ---------------------------------

const FLT_MAX = 3.4028234663852886e38;
const FLT_MAX_HALFWAY = 3.4028235677973366e38; // between FLT_MAX and 2^128
const FLT_MIN_SUBNORMAL = 1.401298464324817e-45;

/** A double near a float32 edge, a few double ulps away at most. */
const nearEdge: fc.Arbitrary<number> = fc
  .record({
    edge: fc.constantFrom(
      // Zero: with the sign, -0; a few ulps up, doubles that round to a float's ±0.
      0,
      FLT_MAX,
      FLT_MAX_HALFWAY,
      2 ** 128,
      FLT_MIN_SUBNORMAL,
      FLT_MIN_SUBNORMAL / 2,
      FLT_MIN_SUBNORMAL * 1.5,
      1.1754943508222875e-38,
      1,
      0.1,
    ),
    ulps: fc.integer({ min: -3, max: 3 }),
    negative: fc.boolean(),
  })
  .map(({ edge, ulps, negative }) => {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, edge);
    view.setBigUint64(0, view.getBigUint64(0) + BigInt(edge === 0 ? Math.abs(ulps) : ulps));
    const v = view.getFloat64(0);
    return negative ? -v : v;
  });

/** A decimal spelling of a double: shortest, rounded to some digits, or exact for integers. */
const spelling = (v: number): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constant(String(v)),
    fc.integer({ min: 1, max: 21 }).map((p) => v.toPrecision(p)),
    fc.constant(Number.isInteger(v) && Math.abs(v) > 1e21 ? BigInt(v).toString() : v.toExponential()),
    fc.constant(`${v.toExponential(20)}f`),
  );

export const floatField: fc.Arbitrary<Piece[]> = nearEdge
  .chain(spelling)
  .map((s) => [`sequence_batching { direct { minimum_slot_utilization: ${s.replace("+", "")} } }\n`]);

// ---- names: extensions, foo.5, characters outside ASCII -------------------

const nameToken = fc.constantFrom(
  "a",
  "foo",
  "inference",
  "b.c",
  ".",
  ".5",
  "5",
  "/",
  " ",
  "]",
  "[",
  "é",
  "x".repeat(150),
  "max_batch_size",
  ":",
  "{",
  "}",
);

export const namesAndSymbols: fc.Arbitrary<Piece[]> = fc.oneof<fc.Arbitrary<Piece[]>[]>(
  fc.array(nameToken, { maxLength: 5 }).map((t) => [`[${t.join("")}]: 1\n`]),
  fc.array(nameToken, { minLength: 1, maxLength: 4 }).map((t) => [`${t.join("")}: 1\n`]),
  fc
    .record({
      value: fc.constantFrom("foo.5", "a.5e3", "x.5.5", "b.0f"),
      field: fc.constantFrom("max_batch_size", "input { dims", "name"),
    })
    .map(({ value, field }) => [`${field}: ${value}${field.includes("{") ? " }" : ""}\n`]),
  fc
    .record({
      char: fc.constantFrom("é", "模", "🤖", "\ufeff", "\u00a0", "\u2028"),
      where: fc.constantFrom("start", "value", "after"),
    })
    .map(({ char, where }) =>
      where === "start"
        ? [`${char}name: "a"\n`]
        : where === "value"
          ? [`max_batch_size: ${char}\n`]
          : [`name: "a" ${char}\n`],
    ),
  fc
    .constantFrom(Uint8Array.from([0xff]), Uint8Array.from([0xc3]), Uint8Array.from([0xef, 0xbb, 0xbf]))
    .map((b): Piece[] => ['name: "a" ', b, "\n"]),
  fc.constant<Piece[]>([`${"y".repeat(300)}: 1\n`]),
  fc.constant<Piece[]>([`input { data_type: ${"TYPE_".repeat(60)} }\n`]),
);

/** Any of the above. */
export const edgeInput: fc.Arbitrary<Piece[]> = fc.oneof(
  setTwice,
  stringField,
  controlBytes,
  floatField,
  namesAndSymbols,
);
