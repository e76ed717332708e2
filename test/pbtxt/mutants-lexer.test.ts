// Tests that pin down what src/pbtxt/lexer.ts does where the reader suites did
// not look (mutants that survived `npm run mutate -- pbtxt`). The expected
// tokens, offsets and messages are facts of the C++ `io::Tokenizer` that protoc
// and Triton use (protobuf src/google/protobuf/io/tokenizer.cc), written here
// as literals: token boundaries follow its Consume* loops, messages are its
// AddError texts, offsets are where it stands when it reports.
import { describe, expect, it } from "vitest";
import { type LexError, Lexer } from "../../src/pbtxt/lexer.js";
import { protocAvailable } from "../support/oracles.js";
import { protocEncode } from "../support/protoc.js";

// TokenType is a const enum; its values are spelled out so the test does not lean on it.
const TYPE_NAMES = ["Start", "End", "Identifier", "Integer", "Float", "String", "Symbol"];

interface Tok {
  type: string;
  text: string;
  start: number;
  end: number;
}

function lex(text: string, keepComments = false) {
  const errors: LexError[] = [];
  const lexer = new Lexer(text, (e) => errors.push(e), { keepComments });
  const tokens: Tok[] = [];
  const newlines: boolean[] = [];
  // Bounded: a lexer bug must not hang the suite on this loop.
  for (let i = 0; i <= text.length + 1; i++) {
    lexer.next();
    const type = TYPE_NAMES[lexer.type] as string;
    if (type === "End") break;
    tokens.push({ type, text: lexer.tokenText(), start: lexer.start, end: lexer.end });
    newlines.push(lexer.newlineBefore);
  }
  return { tokens, errors: errors.map((e) => [e.offset, e.message]), comments: lexer.comments, newlines };
}

const types = (text: string) => lex(text).tokens.map((t) => `${t.type} ${t.text}`);

describe("lexer: comments", () => {
  it("records each comment from its # to its line end, and nothing else, when asked", () => {
    expect(lex("a # one\nb #two", true).comments).toEqual([
      { start: 2, end: 7 },
      { start: 10, end: 14 },
    ]);
    expect(lex("a # one\n").comments).toBeUndefined();
    expect(lex("a b", true).comments).toEqual([]);
  });

  it("a NUL right after # ends the comment (C++ reads a C string) and is a control character", () => {
    expect(lex("#\0x\ny", true)).toMatchObject({
      comments: [{ start: 0, end: 1 }],
      errors: [[1, "Invalid control characters encountered in text."]],
    });
    expect(types("#\0x\ny")).toEqual(["Identifier x", "Identifier y"]);
  });

  it("a NUL before a comment does not cut the comment short, nor stall the lexer", () => {
    const r = lex("\0\n# c\nfoo", true);
    expect(r.comments).toEqual([{ start: 2, end: 5 }]);
    expect(r.tokens).toEqual([{ type: "Identifier", text: "foo", start: 6, end: 9 }]);
    expect(r.errors).toEqual([[0, "Invalid control characters encountered in text."]]);
  });

  it("a NUL on a later line does not extend the comment", () => {
    const r = lex("# c\nfoo\0", true);
    expect(r.comments).toEqual([{ start: 0, end: 3 }]);
    expect(r.tokens).toEqual([{ type: "Identifier", text: "foo", start: 4, end: 7 }]);
    expect(r.errors).toEqual([[7, "Invalid control characters encountered in text."]]);
  });
});

describe("lexer: line breaks before a token", () => {
  it("is false before the first token is read and for tokens on the same line", () => {
    const lexer = new Lexer("a\nb", () => undefined);
    expect(lexer.newlineBefore).toBe(false);
    expect(lex("a b\nc d").newlines).toEqual([false, false, true, false]);
  });

  it("counts a line break inside a run of control characters, and only a line break", () => {
    expect(lex("a\x01\nb").newlines).toEqual([false, true]);
    expect(lex("a\x01\x02b").newlines).toEqual([false, false]);
  });
});

describe("lexer: control characters", () => {
  const msg = "Invalid control characters encountered in text.";
  it("reports a run of control characters once, at its start", () => {
    expect(lex("\x01\x02a").errors).toEqual([[0, msg]]);
  });
  it("a space ends the run: the next control character is reported again", () => {
    expect(lex("\x01 \x02a").errors).toEqual([
      [0, msg],
      [2, msg],
    ]);
  });
  it("a printable character ends the run and is a token", () => {
    expect(types("\x01x")).toEqual(["Identifier x"]);
  });
});

describe("lexer: non-ASCII characters", () => {
  // C++ names the first byte of the UTF-8 form (a char cast to unsigned char).
  const err = (n: number) => `Interpreting non ascii codepoint ${n}.`;
  it("U+0080 is non-ASCII: first byte 0xC2", () => {
    expect(lex("\u0080").errors).toEqual([[0, err(0xc2)]]);
  });
  it("a surrogate pair is one symbol with one error", () => {
    for (const [ch, first] of [
      ["\u{10000}", 0xf0],
      ["\u{1F600}", 0xf0],
      ["\u{10FFFF}", 0xf4],
    ] as const) {
      const r = lex(`${ch}a`);
      expect(r.errors).toEqual([[0, err(first)]]);
      expect(r.tokens).toEqual([
        { type: "Symbol", text: ch, start: 0, end: 2 },
        { type: "Identifier", text: "a", start: 2, end: 3 },
      ]);
    }
  });
  it("a character of the BMP above the surrogates is one code unit", () => {
    const r = lex("\ue000a");
    expect(r.errors).toEqual([[0, err(0xee)]]);
    expect(r.tokens.map((t) => t.text)).toEqual(["\ue000", "a"]);
  });
  it("a lone high surrogate at the end stays inside the text", () => {
    expect(lex("\ud83d").tokens).toEqual([{ type: "Symbol", text: "\ud83d", start: 0, end: 1 }]);
  });
});

describe("lexer: numbers", () => {
  it("a number starting with a dot is a float, scanned digit by digit", () => {
    expect(types(".5")).toEqual(["Float .5"]);
    expect(types(".55 .58")).toEqual(["Float .55", "Float .58"]);
  });
  it("a second decimal point after .5 is an error, not part of the number", () => {
    const r = lex(".5.3");
    expect(r.errors).toEqual([[2, "Already saw decimal point or exponent; can't have another one."]]);
    expect(r.tokens[0]).toEqual({ type: "Float", text: ".5", start: 0, end: 2 });
  });
  it("a decimal point right after an identifier needs a space, only then", () => {
    const msg = "Need space between identifier and decimal point.";
    expect(lex("foo.5").errors).toEqual([[3, msg]]);
    expect(lex("foo .5").errors).toEqual([]);
  });
  it("hex and octal numbers followed by a point", () => {
    expect(lex("0x1.5").errors).toEqual([[3, "Hex and octal numbers must be integers."]]);
    expect(lex("07.5").errors).toEqual([[2, "Hex and octal numbers must be integers."]]);
  });
  it("a leading zero followed by a non-octal digit: one error, one token taking all the digits", () => {
    const r = lex("0789 x");
    expect(r.errors).toEqual([[2, "Numbers starting with leading zero must be in octal."]]);
    expect(r.tokens).toEqual([
      { type: "Integer", text: "0789", start: 0, end: 4 },
      { type: "Identifier", text: "x", start: 5, end: 6 },
    ]);
  });
});

describe("lexer: \\U escapes", () => {
  const msg = "Expected eight hex digits up to 10ffff for \\U escape sequence";
  it("accepts eight hex digits up to 0010ffff", () => {
    expect(lex('"\\U0010ffff"').errors).toEqual([]);
    expect(lex('"\\U000000e9"').errors).toEqual([]);
  });
  it("the first two digits must be 0", () => {
    expect(lex('"\\U10000000"').errors).toEqual([[3, msg]]);
    expect(lex('"\\U01000000"').errors).toEqual([[4, msg]]);
  });
  it("five hex digits must follow 000 or 001", () => {
    expect(lex('"\\U0000"').errors).toEqual([[7, msg]]);
    expect(lex('"\\U0010fff"').errors).toEqual([[10, msg]]);
  });
});

// The literals above are C++ tokenizer facts; here protoc itself confirms the
// messages and positions they rest on (its first error: line, byte column).
describe.runIf(protocAvailable())("lexer facts confirmed by protoc", () => {
  const CASES: [name: string, text: string, line: number, column: number, message: string][] = [
    ["U+0080 names byte 194", "\u0080", 1, 1, "Interpreting non ascii codepoint 194."],
    ["NUL right after #", '#\0x\nname: "a"\n', 1, 2, "Invalid control characters encountered in text."],
    ["octal then a point", "input { dims: 07.5 }", 1, 17, "Hex and octal numbers must be integers."],
    ["octal then 8", "input { dims: 0789 }", 1, 17, "Numbers starting with leading zero must be in octal."],
    [
      "\\U starting with 1",
      'name: "\\U10000000"',
      1,
      10,
      "Expected eight hex digits up to 10ffff for \\U escape sequence",
    ],
    [
      "\\U with four digits",
      'name: "\\U0000"',
      1,
      14,
      "Expected eight hex digits up to 10ffff for \\U escape sequence",
    ],
  ];
  for (const [name, text, line, column, message] of CASES) {
    it(name, () => {
      expect(protocEncode(text).error).toEqual({ line, column, message });
    });
  }
});
