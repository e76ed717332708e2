// Tests that kill the surviving mutants of src/pbtxt/{escape,utf8,printer,indent}.ts
// (see the `npm run mutate -- pbtxt` report). Expected values come from protoc
// (one batched --encode call), Python's `surrogateescape` decoder, Node's
// TextEncoder/Buffer, or the text-format facts written out as literals.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { DiagnosticError } from "../../src/diagnostics/diagnostic.js";
import { quoteString, unescapeStringToken } from "../../src/pbtxt/escape.js";
import { indent } from "../../src/pbtxt/indent.js";
import { printMessage } from "../../src/pbtxt/printer.js";
import type { MessageValue } from "../../src/pbtxt/types.js";
import { decodeUtf8Bytes, encodeUtf8Text, pushTextBytes, pushUtf8 } from "../../src/pbtxt/utf8.js";
import { protocAvailable } from "../support/oracles.js";
import { protocEncode } from "../support/protoc.js";

/** The bytes a value read by triton-repo stands for, without src/: U+DC80–U+DCFF is one raw byte. */
function valueBytes(value: string): number[] {
  const out: number[] = [];
  for (const ch of value) {
    const u = ch.codePointAt(0) as number;
    if (u >= 0xdc80 && u <= 0xdcff) out.push(u - 0xdc00);
    else out.push(...Buffer.from(ch, "utf8"));
  }
  return out;
}

/** The strings of `repeated string op_library_filename = 1` in protoc's ModelOperations wire bytes. */
function repeatedStrings(wire: Buffer): number[][] {
  const out: number[][] = [];
  let i = 0;
  while (i < wire.length) {
    expect(wire[i]).toBe(0x0a);
    i++;
    let len = 0;
    for (let shift = 0; ; shift += 7) {
      const b = wire[i++] as number;
      len |= (b & 0x7f) << shift;
      if (b < 0x80) break;
    }
    out.push([...wire.subarray(i, i + len)]);
    i += len;
  }
  return out;
}

describe("escape.ts: unescapeStringToken against protoc", () => {
  // Each token is valid text format; protoc's reading of it is the expected bytes.
  const tokens = [
    String.raw`"\x4g"`, // one hex digit, then a letter that is not hex (hexValue bounds)
    String.raw`"\xab\xAB\xaF\xA"`, // lower and upper hex digits at the range ends
    String.raw`"\x09\x0:"`, // digit range end, ':' just past '9'
    String.raw`"\u0041\udc00"`, // a trail surrogate without a head: encoded alone
    String.raw`"\ud800\udc00"`, // the first pair
    String.raw`"\udbff\udfff"`, // the last pair
    String.raw`"\ud800\u0041"`, // a head then a \u that is not a trail
    String.raw`"\ud800xudc00"`, // a head then text that looks like \u but has no backslash
    String.raw`"\ud800\\dc00"`, // a head then an escaped backslash
    String.raw`"\u0000\u007f\u0080\u07ff\u0800\uffff"`, // UTF-8 length boundaries
    String.raw`"\U0010ffff\U00110000"`, // the last code point, then one beyond: kept as written
    String.raw`"plain"`,
  ];
  it("reads each escape to the bytes protoc reads", (ctx) => {
    if (!protocAvailable()) return ctx.skip();
    const text = tokens.map((t) => `op_library_filename: ${t}\n`).join("");
    const r = protocEncode(text, "inference.ModelOperations");
    expect(r.stderr.replace(/^.*(warning|WARNING|invalid UTF-8).*$/gm, "").trim()).toBe("");
    expect(r.ok).toBe(true);
    const expected = repeatedStrings(r.bytes);
    expect(tokens.map((t) => valueBytes(unescapeStringToken(t).value))).toEqual(expected);
  });
  it("says whether the bytes are UTF-8", () => {
    expect(unescapeStringToken('"plain"').validUtf8).toBe(true);
    expect(unescapeStringToken(String.raw`"\xff"`).validUtf8).toBe(false);
    // Raw text holding a byte escape is not UTF-8 by default, and is when the caller says the text holds no raw bytes.
    expect(unescapeStringToken('"a\udcff"').validUtf8).toBe(false);
    expect(unescapeStringToken('"a\udcff"', false)).toEqual({ value: "a\udcff", validUtf8: true });
  });
  // Tokens the lexer has already reported as malformed: decoded as written, never thrown on.
  it("keeps an unterminated token's last character", () => {
    expect(unescapeStringToken('"ab').value).toBe("ab");
    expect(unescapeStringToken('"').value).toBe("");
  });
  it("keeps a trailing backslash", () => {
    expect(unescapeStringToken('"a\\').value).toBe("a\\");
  });
  it("keeps a \\u escape with too few or bad digits as written (C++ ParseStringAppend)", () => {
    expect(unescapeStringToken(String.raw`"\u12"`).value).toBe(String.raw`\u12`);
    expect(unescapeStringToken(String.raw`"\u004g"`).value).toBe(String.raw`\u004g`);
  });
});

describe("escape.ts: quoteString", () => {
  // protoc's CEscape spelling: \n \r \t by name, other controls and DEL as three-digit octal.
  it("escapes controls by name or octal, and nothing else", () => {
    expect(quoteString("a\nb\rc\td")).toBe(String.raw`"a\nb\rc\td"`);
    expect(quoteString("\x1f \x7f~")).toBe(String.raw`"\037 \177~"`);
    expect(quoteString("\x1f\u00e9")).toBe(`"\\037\u00e9"`);
  });
  it("writes a raw byte as octal and any other lone surrogate as U+FFFD", () => {
    expect(quoteString("\udcff")).toBe(String.raw`"\377"`);
    expect(quoteString("x\ud800")).toBe('"x\ufffd"');
    expect(quoteString("x\udfff")).toBe('"x\ufffd"');
    expect(quoteString("\ud83d\ude00\n")).toBe('"\u{1f600}\\n"');
  });
  it("prints text that protoc reads back to the same bytes", (ctx) => {
    if (!protocAvailable()) return ctx.skip();
    const values = ["a\nb\rc\td", "\x1f \x7f~", "\udcff\udc80", "\u{10ffff}\"\\'"];
    const text = values.map((v) => `op_library_filename: ${quoteString(v)}\n`).join("");
    const r = protocEncode(text, "inference.ModelOperations");
    expect(r.ok).toBe(true);
    expect(repeatedStrings(r.bytes)).toEqual(values.map(valueBytes));
  });
});

describe("utf8.ts", () => {
  // Python's UTF-8 decoder with surrogateescape keeps every byte outside a well-formed sequence as U+DC00+byte.
  const samples: number[][] = [
    [0xc3, 0xa9, 0xff],
    [0xc2, 0x80, 0xff],
    [0xc2, 0xbf, 0xff],
    [0xc1, 0xbf, 0xff],
    [0xdf, 0xbf, 0xff],
    [0xe0, 0x80, 0xff],
    [0xe0, 0xa0, 0x80, 0xff],
    [0xe0, 0x9f, 0xbf, 0xff],
    [0xe1, 0x80, 0x80, 0xff],
    [0xe1, 0xbf, 0xbf, 0xff],
    [0xed, 0x9f, 0xbf, 0xff],
    [0xed, 0xa0, 0x80, 0xff],
    [0xef, 0xbf, 0xbf, 0xff],
    [0xf0, 0x90, 0x80, 0x80, 0xff],
    [0xf0, 0x80, 0x80, 0x80, 0xff],
    [0xf0, 0x8f, 0xbf, 0xbf, 0xff],
    [0xf1, 0x80, 0x80, 0x80, 0xff],
    [0xf4, 0x8f, 0xbf, 0xbf, 0xff],
    [0xf4, 0x90, 0x80, 0x80, 0xff],
    [0xf5, 0x80, 0x80, 0x80],
    [0xff, 0xe1, 0x80],
    [0x41, 0xc3],
    [0xf0, 0x90, 0x80],
  ];
  it("decodeUtf8Bytes agrees with Python's surrogateescape", (ctx) => {
    const py = spawnSync("/usr/bin/python3", ["-c", "import sys; print(sys.version)"]);
    if (py.status !== 0) {
      if (process.env.CI === "true") throw new Error("CI=true but python3 is not installed");
      console.warn("skipping surrogateescape oracle: python3 not found (apt-get install python3)");
      return ctx.skip();
    }
    const script =
      "import json,sys\n" +
      "print(json.dumps([bytes(b).decode('utf-8','surrogateescape') for b in json.load(sys.stdin)]))";
    const r = spawnSync("/usr/bin/python3", ["-c", script], { input: JSON.stringify(samples) });
    expect(r.status).toBe(0);
    const expected = JSON.parse(r.stdout.toString()) as string[];
    expect(samples.map((b) => decodeUtf8Bytes(Uint8Array.from(b)))).toEqual(expected);
  });
  it("pushUtf8 writes what Buffer writes at each length boundary", () => {
    for (const cp of [0x7f, 0x80, 0x7ff, 0x800, 0xffff, 0x10000, 0x10ffff]) {
      const out: number[] = [];
      pushUtf8(out, cp);
      expect(out, cp.toString(16)).toEqual([...Buffer.from(String.fromCodePoint(cp), "utf8")]);
    }
  });
  it("encodeUtf8Text writes a lone surrogate as TextEncoder does and a byte escape as its byte", () => {
    const enc = new TextEncoder();
    for (const s of ["\ud800", "\udfff", "\udbff", "\uffffA\ud800"]) {
      expect([...encodeUtf8Text(s)], JSON.stringify(s)).toEqual([...enc.encode(s)]);
    }
    expect([...encodeUtf8Text("\uffffA\udcff")]).toEqual([...enc.encode("\uffffA"), 0xff]);
  });
  it("pushTextBytes appends a byte, not a code unit, for a byte escape", () => {
    const out: number[] = [];
    expect(pushTextBytes(out, "\udcff", 0)).toBe(1);
    expect(out).toEqual([0xff]);
  });
});

describe("printer.ts", () => {
  function unknownFieldDiagnostic(value: MessageValue, messageType?: string) {
    try {
      printMessage(value, messageType ? { messageType } : {});
    } catch (e) {
      expect(e).toBeInstanceOf(DiagnosticError);
      return (e as DiagnosticError).diagnostics;
    }
    throw new Error("printMessage accepted an unknown field");
  }
  // protoc's wording for a field the message does not have.
  it("refuses an unknown field alone, naming the type and the field", () => {
    expect(unknownFieldDiagnostic({ bogus: 1 } as MessageValue)).toEqual([
      {
        code: "PB-UNKNOWN-FIELD",
        severity: "error",
        message: 'Message type "inference.ModelConfig" has no field named "bogus".',
        path: "bogus",
      },
    ]);
  });
  it("refuses an unknown field next to known and undefined ones", () => {
    // `ghost` is no field either, but an undefined member is absent, as in the rest of the printer.
    const d = unknownFieldDiagnostic({ name: "m", platform: undefined, ghost: undefined, bogus: 1 } as MessageValue);
    expect(d.map((x) => x.path)).toEqual(["bogus"]);
  });
  it("gives the path of an unknown field in a repeated message and in a map value", () => {
    const inRepeated = { input: [{ name: "a" }, { name: "b", bogus: 1 }] } as MessageValue;
    expect(unknownFieldDiagnostic(inRepeated).map((x) => x.path)).toEqual(["input[1].bogus"]);
    const inMap = { parameters: { k: { string_value: "v", bogus: 1 } } } as MessageValue;
    expect(unknownFieldDiagnostic(inMap).map((x) => x.path)).toEqual(["parameters.k.bogus"]);
    expect(unknownFieldDiagnostic(inMap).map((x) => x.message)).toEqual([
      'Message type "inference.ModelParameter" has no field named "bogus".',
    ]);
    // After a map of messages the path is back at the top.
    const afterMap = { parameters: { k: { string_value: "v" } }, bogus: 1 } as MessageValue;
    expect(unknownFieldDiagnostic(afterMap).map((x) => x.path)).toEqual(["bogus"]);
  });
  it("prints bools, including the text 'true', as protoc writes them", () => {
    const v = { input: [{ name: "a", is_shape_tensor: true, allow_ragged_batch: "true", optional: false }] };
    expect(printMessage(v as unknown as MessageValue)).toBe(
      'input {\n  name: "a"\n  is_shape_tensor: true\n  allow_ragged_batch: true\n  optional: false\n}\n',
    );
  });
  it("prints a float field in the float's shortest form", () => {
    // protoc prints float 0.1 (bits 3dcccccd) as 0.1; as a double it would be 0.10000000149011612.
    const v = { minimum_slot_utilization: Math.fround(0.1) } as MessageValue;
    expect(printMessage(v, { messageType: "ModelSequenceBatching.StrategyDirect" })).toBe(
      "minimum_slot_utilization: 0.1\n",
    );
  });
  it("prints map entries sorted by key, as protoc does", () => {
    const v = { cc_model_filenames: { b: "y", a: "x" } } as unknown as MessageValue;
    expect(printMessage(v)).toBe(
      'cc_model_filenames {\n  key: "a"\n  value: "x"\n}\ncc_model_filenames {\n  key: "b"\n  value: "y"\n}\n',
    );
  });
  it("prints an empty repeated scalar as an empty list", () => {
    const v = { input: [{ name: "a", dims: [] }] } as unknown as MessageValue;
    expect(printMessage(v)).toBe('input {\n  name: "a"\n  dims: [ ]\n}\n');
  });
  it("prints the message type it is given", () => {
    const v = { name: "x", data_type: "TYPE_FP32" } as MessageValue;
    expect(printMessage(v, { messageType: "ModelInput" })).toBe('name: "x"\ndata_type: TYPE_FP32\n');
  });
});

describe("indent.ts", () => {
  it("is two spaces per level, at a depth nothing else asks for", () => {
    expect(indent(57)).toBe(" ".repeat(114));
  });
});
