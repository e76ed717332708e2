// Pins down what src/formatter (cst.ts, read-tree.ts, format.ts) prints where
// the other formatter suites did not look: the mutants that survived
// `npm run mutate -- fmt`. Every expected text is written by hand from fmt's
// documented layout (docs/fmt-and-diff.md, the module comments of format.ts
// and read-tree.ts); each case also checks, against oracles outside
// src/formatter, that the output is the same message for protoc, keeps each
// comment next to the same field (test/support/comment-attachment.ts, its own
// lexer) and formats to itself.
import { describe, expect, it } from "vitest";
import { formatPbtxt, formatSyntaxTree, type MessageListStyle } from "../../src/formatter/format.js";
import { readSyntaxTree } from "../../src/formatter/read-tree.js";
import { editPbtxt } from "../../src/formatter/edit.js";
import { commentAttachments } from "../support/comment-attachment.js";
import { protocAvailable } from "../support/oracles.js";
import { protocEncode } from "../support/protoc.js";

const withProtoc = protocAvailable();

interface CheckOptions {
  messages?: MessageListStyle;
  /** fmt-off regions keep comments where the lister's geometry may differ; the other oracles still apply. */
  attachments?: boolean;
}

/** `given` formats to `want`, which protoc reads as the same message, with the same comments in the same places. */
function check(given: string, want: string, options: CheckOptions = {}): void {
  const messages = options.messages ?? "keep";
  const result = formatPbtxt(given, { messages });
  expect(result.ok, given).toBe(true);
  expect(result.text).toBe(want);
  expect(formatPbtxt(want, { messages }).text, "idempotent").toBe(want);
  if (options.attachments !== false) expect(commentAttachments(want)).toEqual(commentAttachments(given));
  if (withProtoc) {
    const before = protocEncode(given);
    const after = protocEncode(want);
    expect(before.stderr, given).toBe("");
    expect(after.stderr, want).toBe("");
    expect(after.bytes.equals(before.bytes), "protoc reads the same message").toBe(true);
  }
}

const OFF = "# gen-repo: fmt off";
const ON = "# gen-repo: fmt on";

describe("braces", () => {
  it("`< … >` becomes `{ … }` in a file without regions", () => {
    check("instance_group < count: 2 kind: KIND_GPU >\n", "instance_group {\n  count: 2\n  kind: KIND_GPU\n}\n");
  });

  it("`< … >` becomes `{ … }` when both braces are outside the file's region", () => {
    const region = `${OFF}\nname:'m'\n${ON}`;
    check(`${region}\ninstance_group < count: 2 >\n`, `${region}\ninstance_group {\n  count: 2\n}\n`, {
      attachments: false,
    });
  });

  it("keeps `<` when its `>` is inside a region", () => {
    check(
      `instance_group <\n${OFF}\n count:2 >\n${ON}\nname: 'm'\n`,
      `instance_group <\n${OFF}\n count:2 >\n${ON}\nname: "m"\n`,
      { attachments: false },
    );
  });
});

describe("comments the formatter moves while a region sits at the top of the file", () => {
  // A comment moved into a list the formatter builds has no source offset; it must never be taken for a piece of
  // the region that holds the file's first bytes (it would vanish with the region's other pieces).
  const region = `${OFF}\nname:'m'\n${ON}\n`;

  it("a comment after the `[` of a later `dims` list", () => {
    check(
      `${region}input { name: "x" data_type: TYPE_FP32 dims: [ 1 ] dims: [ # c\n 2 ] }\n`,
      `${region}input {\n  name: "x"\n  data_type: TYPE_FP32\n  dims: [\n    1,\n    # c\n    2\n  ]\n}\n`,
      { attachments: false },
    );
  });

  it("a comment inside a later block (messages: lists)", () => {
    check(
      `${region}input { name: "a" }\ninput # c\n{ name: "b" }\n`,
      `${region}input [\n  {\n    name: "a"\n  },\n  # c\n  {\n    name: "b"\n  }\n]\n`,
      { messages: "lists", attachments: false },
    );
  });

  it("a comment after the `]` of a list joined to the next block (messages: lists)", () => {
    check(
      `${region}input [ { name: "a" } # a\n] # b\ninput { name: "b" }\n`,
      `${region}input [\n  {\n    name: "a"\n  },  # a\n  # b\n  {\n    name: "b"\n  }\n]\n`,
      { messages: "lists", attachments: false },
    );
  });
});

describe("messages: lists, a comment after the `]` of a list it joins", () => {
  it("trails the list's last element when that has no comment of its own", () => {
    check(
      'input [ { name: "a" } ] # a\ninput { name: "b" }\n',
      'input [\n  {\n    name: "a"\n  },  # a\n  {\n    name: "b"\n  }\n]\n',
      { messages: "lists" },
    );
  });

  it("goes on its own line after an empty list", () => {
    check(
      'input { name: "a" }\ninput [ ] # e\ninput { name: "b" }\n',
      'input [\n  {\n    name: "a"\n  },\n  # e\n  {\n    name: "b"\n  }\n]\n',
      { messages: "lists", attachments: false },
    );
  });

  it("goes on its own line after a list holding only a comment", () => {
    check('input [\n# only\n] # e\ninput { name: "b" }\n', 'input [\n  # only\n  # e\n  {\n    name: "b"\n  }\n]\n', {
      messages: "lists",
      attachments: false,
    });
  });
});

describe("a list element inside a region whose comma is outside it", () => {
  const head = 'input {\n  name: "x"\n  data_type: TYPE_FP32\n  dims: [\n';

  it("the comma gets a line of its own, with the comment written after it", () => {
    check(
      `input { name: "x" data_type: TYPE_FP32 dims: [\n${OFF}\n  3\n${ON}\n  , # c\n  4 ] }\n`,
      `${head}${OFF}\n  3\n${ON}\n    ,  # c\n    4\n  ]\n}\n`,
      { attachments: false },
    );
  });

  it("the comma comes before a comment written after it", () => {
    check(
      `input { name: "x" data_type: TYPE_FP32 dims: [\n${OFF}\n  3\n${ON}\n  ,\n  # d\n  4 ] }\n`,
      `${head}${OFF}\n  3\n${ON}\n    ,\n    # d\n    4\n  ]\n}\n`,
      { attachments: false },
    );
  });

  it("a comment before the comma stays in the region, the comma follows alone", () => {
    check(
      `input { name: "x" data_type: TYPE_FP32 dims: [\n${OFF}\n  3 # c\n${ON}\n  ,\n  4 ] }\n`,
      `${head}${OFF}\n  3 # c\n${ON}\n    ,\n    4\n  ]\n}\n`,
      { attachments: false },
    );
  });

  it("a comment after the region and before the comma comes first", () => {
    check(
      `input { name: "x" data_type: TYPE_FP32 dims: [\n${OFF}\n  3\n${ON}\n  # x\n  ,\n  4 ] }\n`,
      `${head}${OFF}\n  3\n${ON}\n    # x\n    ,\n    4\n  ]\n}\n`,
      { attachments: false },
    );
  });

  it.each([
    ["a space", " "],
    ["a tab", "\t"],
  ])("an element outside a region keeps its comment (after %s) when its comma is inside", (_name, blank) => {
    check(
      `input { name: "x" data_type: TYPE_FP32 dims: [ 3${blank}# c\n${OFF}\n , 4\n${ON}\n ] }\n`,
      `${head}    3  # c\n${OFF}\n , 4\n${ON}\n  ]\n}\n`,
      { attachments: false },
    );
  });

  it("a message element: the comma after its `}` on a later line", () => {
    check(
      `input [ { name: "a" },\n${OFF}\n{name:"b"}\n${ON}\n, # c\n{ name: "c" } ]\n`,
      `input [\n  {\n    name: "a"\n  },\n${OFF}\n{name:"b"}\n${ON}\n  ,  # c\n  {\n    name: "c"\n  }\n]\n`,
      { attachments: false },
    );
  });
});

describe("messages: blocks, a list without an element", () => {
  // Bug found by the mutant `items.length > 0` → `true` of fieldRun: a list holding only a comment was turned into
  // zero blocks, and the comment after its `]` was dropped. It now stays a list, as under `keep`.
  it("keeps a comment-only list and the comment after its `]`", () => {
    check('input [\n# c\n] # t\nname: "m"\n', 'input [\n  # c\n]  # t\nname: "m"\n', { messages: "blocks" });
  });

  it("keeps an empty list and its comment", () => {
    check("input [ ] # e\n", "input [ ]  # e\n", { messages: "blocks" });
  });
});

describe("which occurrences of a repeated scalar merge into one list", () => {
  const input = (body: string): string => `input { name: "x" data_type: TYPE_FP32 ${body} }\n`;
  const head = 'input {\n  name: "x"\n  data_type: TYPE_FP32\n';

  it("across a blank line (blank lines between the occurrences go)", () => {
    check(input("dims: 1\n\ndims: 2"), `${head}  dims: [ 1, 2 ]\n}\n`);
  });

  it("not past a comment after an occurrence", () => {
    check(input("dims: 1 # a\n dims: 2"), `${head}  dims: [ 1 ]  # a\n  dims: [ 2 ]\n}\n`);
  });

  it("not past a comment inside the next occurrence", () => {
    check(input("dims: 1 dims: # b\n 2"), `${head}  dims: [ 1 ]\n  # b\n  dims: [ 2 ]\n}\n`);
  });

  it("not into a region", () => {
    check(input(`dims: 1\n${OFF}\n dims:2\n${ON}\n`), `${head}  dims: [ 1 ]\n${OFF}\n dims:2\n${ON}\n}\n`, {
      attachments: false,
    });
  });
});

describe("messages: lists, which blocks join one list", () => {
  it("across a blank line and a comment between them", () => {
    check(
      'input { name: "a" }\n\n# b\ninput { name: "b" }\n',
      'input [\n  {\n    name: "a"\n  },\n  # b\n  {\n    name: "b"\n  }\n]\n',
      { messages: "lists", attachments: false },
    );
  });

  it("not a block inside a region", () => {
    check(
      `input { name: "a" }\n${OFF}\ninput {name:"b"}\n${ON}\n`,
      `input [\n  {\n    name: "a"\n  }\n]\n${OFF}\ninput {name:"b"}\n${ON}\n`,
      { messages: "lists", attachments: false },
    );
  });

  it("a comment between them, with a region at the top of the file", () => {
    const region = `${OFF}\nname:'m'\n${ON}\n`;
    check(
      `${region}input { name: "a" }\n# b\ninput { name: "b" }\n`,
      `${region}input [\n  {\n    name: "a"\n  },\n  # b\n  {\n    name: "b"\n  }\n]\n`,
      { messages: "lists", attachments: false },
    );
  });
});

describe("a repeated scalar next to a region that starts inside its list", () => {
  it("is not merged with the list the region is in", () => {
    check(
      `input { name: "x" data_type: TYPE_FP32 dims: 1 dims: [\n${OFF}\n2\n${ON}\n] }\n`,
      `input {\n  name: "x"\n  data_type: TYPE_FP32\n  dims: [ 1 ]\n  dims: [\n${OFF}\n2\n${ON}\n  ]\n}\n`,
      { attachments: false },
    );
  });
});

describe("a second comment on the line of a separator", () => {
  it("after a field's `;`: the comment on the value's line keeps trailing, the other goes on its own line", () => {
    check('name: "m" # a\n; # b\nmax_batch_size: 1\n', 'name: "m"  # a\n# b\nmax_batch_size: 1\n');
  });

  it("after a list element's comma: the same", () => {
    check(
      'input [ { name: "a" } # a\n, # b\n{ name: "b" } ]\n',
      'input [\n  {\n    name: "a"\n  },  # a\n  # b\n  {\n    name: "b"\n  }\n]\n',
    );
  });
});

describe("which comments are fmt directives", () => {
  it("a directive indented with a tab", () => {
    const region = `\t${OFF}\nmax_batch_size:4\n\t${ON}`;
    check(`name:'m'\n${region}\n`, `name: "m"\n${region}\n`, { attachments: false });
  });

  it("a tab between `#` and the words", () => {
    const region = `#\tgen-repo: fmt off\nmax_batch_size:4\n${ON}`;
    check(`${region}\nname:'m'\n`, `${region}\nname: "m"\n`, { attachments: false });
  });

  it("not one written inside a field after code on its line (it moves above the field as a comment)", () => {
    check(`name:'m'\nmax_batch_size: ${OFF}\n4\n`, `name: "m"\n${OFF}\nmax_batch_size: 4\n`);
  });

  it("not one written after code", () => {
    check(`name: "m"  ${OFF}\nmax_batch_size:4\n`, `name: "m"  ${OFF}\nmax_batch_size: 4\n`);
  });
});

describe("a region that a directive inside a field stretches over the whole field", () => {
  it("ends with the comment after the field, after a tab, its trailing blanks removed", () => {
    check(
      `name\n${OFF}\n:\n${ON}\n"m"\t# c  \nmax_batch_size:4\n`,
      `name\n${OFF}\n:\n${ON}\n"m"\t# c\nmax_batch_size: 4\n`,
      { attachments: false },
    );
  });

  it("ends with that comment at the end of a file without a last newline", () => {
    check(`name\n${OFF}\n:\n${ON}\n"m" # c`, `name\n${OFF}\n:\n${ON}\n"m" # c\n`, { attachments: false });
  });

  it("starts at the field even when a region inside the field was read first", () => {
    const field = `input{\n${OFF}\nname:"x"\n${ON}\n}\n${OFF}\n${ON}\n;`;
    check(`${field}\nmax_batch_size:1\n`, `${field}\nmax_batch_size: 1\n`, { attachments: false });
  });
});

describe("readSyntaxTree refuses bad syntax where protoc does", () => {
  // The messages are ours (written by hand); line and column are where protoc reports its first error.
  it.each([
    ['name: "m" 5\n', 'expected a field name, got "5"'],
    ['input < name: "x" }\n', 'expected ">", got "}"'],
    ["input [ {} {} ]\n", 'expected "," or "]", got "{"'],
    ["name: ]\n", 'expected a value for "name", got "]"'],
    ['name: "abc\n', "String literals cannot cross line boundaries."],
    ["name:", 'expected a value for "name", got end of input'],
    ["input [ {}", 'expected "," or "]", got end of input'],
  ])("%j", (text, message) => {
    const read = readSyntaxTree(text);
    expect(read.tree).toBeUndefined();
    expect(read.diagnostics.map((d) => [d.code, d.message])).toEqual([["PB-SYNTAX", message]]);
    if (withProtoc) {
      const protoc = protocEncode(text);
      expect(protoc.ok).toBe(false);
      const d = read.diagnostics[0];
      expect([d?.line, d?.column]).toEqual([protoc.error?.line, protoc.error?.column]);
    }
  });
});

describe("the file's own body as editPbtxt sees it (read-tree's root)", () => {
  // A field added to the top level of a file is not indented, whatever the file's first line looks like.
  it.each([
    ["a comment", "# only a comment\n"],
    ["an indented comment", "  # indented comment\n"],
  ])("a field added to a file holding only %s", (_name, given) => {
    const edited = editPbtxt(given, (config) => {
      config.max_batch_size = 8;
    });
    expect(edited.text).toBe(`${given}max_batch_size: 8\n`);
    if (withProtoc) expect(protocEncode(edited.text).bytes.equals(protocEncode("max_batch_size: 8").bytes)).toBe(true);
  });
});

describe("a scalar as the last element of a message list (a field the schema does not know)", () => {
  // The parser refuses such a list for a known field, so protoc cannot read it: the tree is read and printed alone.
  function formatTree(text: string, messages: MessageListStyle): string {
    const read = readSyntaxTree(text);
    if (read.tree === undefined) throw new Error(JSON.stringify(read.diagnostics));
    return formatSyntaxTree(read.tree, { messages });
  }

  it("prints no comma after it (keep)", () => {
    expect(formatTree("bar: [{a:1}, 2]\n", "keep")).toBe("bar [\n  {\n    a: 1\n  },\n  2\n]\n");
  });

  it("keeps the comment after the `]` on its line (blocks)", () => {
    expect(formatTree("bar: [{a:1}, 2] # t\n", "blocks")).toBe("bar {\n  a: 1\n}\nbar: 2  # t\n");
    expect(formatTree("bar: [{a:1}, 2 # e\n] # t\n", "blocks")).toBe("bar {\n  a: 1\n}\nbar: 2  # e\n# t\n");
  });
});
