// Every place a comment can be written keeps its comment, next to the code
// it was written next to. Table of [name, { given, want }].
import { describe, expect, it } from "vitest";
import { formatPbtxt } from "../../src/formatter/format.js";
import { commentAttachments } from "../support/comment-attachment.js";

const cases: [string, { given: string; want: string }][] = [
  ["own-line comment before a field", { given: '# the model\nname:"m"\n', want: '# the model\nname: "m"\n' }],
  ["trailing comment after a scalar", { given: "max_batch_size:8 # tuned\n", want: "max_batch_size: 8  # tuned\n" }],
  [
    "trailing comment after a separator",
    { given: "max_batch_size: 8; # tuned\nname: 'm'\n", want: 'max_batch_size: 8  # tuned\nname: "m"\n' },
  ],
  [
    "comment on the opening brace line",
    {
      given: "dynamic_batching { # on\n max_queue_delay_microseconds: 100 }\n",
      want: "dynamic_batching {  # on\n  max_queue_delay_microseconds: 100\n}\n",
    },
  ],
  [
    "comment after a closing brace",
    { given: "dynamic_batching {\n} # empty on purpose\n", want: "dynamic_batching {\n}  # empty on purpose\n" },
  ],
  [
    "own-line comment before a closing brace",
    {
      given: "dynamic_batching {\n  max_queue_delay_microseconds: 100\n    # more later\n}\n",
      want: "dynamic_batching {\n  max_queue_delay_microseconds: 100\n  # more later\n}\n",
    },
  ],
  [
    "comment alone in a message",
    { given: "dynamic_batching { \n# nothing yet\n }\n", want: "dynamic_batching {\n  # nothing yet\n}\n" },
  ],
  [
    "comments at the end of the file",
    { given: 'name: "m"\n\n# end\n# really\n', want: 'name: "m"\n\n# end\n# really\n' },
  ],
  ["a file of comments only", { given: "# nothing\n\n\n# here\n", want: "# nothing\n\n# here\n" }],
  [
    "comment between a name and its value moves above the field",
    { given: "max_batch_size: # why\n 8\n", want: "# why\nmax_batch_size: 8\n" },
  ],
  [
    "comment inside a scalar list makes it one element per line",
    {
      given: "input { dims: [ 3, # channels\n 224, 224 ] }\n",
      want: "input {\n  dims: [\n    3,  # channels\n    224,\n    224\n  ]\n}\n",
    },
  ],
  [
    "comment on the line of an opening bracket and before a closing one",
    {
      given: "input { dims: [ # shape\n 3\n # done\n ] }\n",
      want: "input {\n  dims: [  # shape\n    3\n    # done\n  ]\n}\n",
    },
  ],
  [
    "comments in a list of messages",
    {
      given: "input [ # all inputs\n { name: 'a' }, # first\n # second:\n { name: 'b' } ] # end\n",
      want: 'input [  # all inputs\n  {\n    name: "a"\n  },  # first\n  # second:\n  {\n    name: "b"\n  }\n]  # end\n',
    },
  ],
  [
    "blank lines between fields shrink to one, none at the edges of a block",
    {
      given: '\n\nname: "m"\n\n\n\nmax_batch_size: 1\ninput {\n\n  name: "a"\n\n}\n\n',
      want: 'name: "m"\n\nmax_batch_size: 1\ninput {\n  name: "a"\n}\n',
    },
  ],
  [
    "a comment separated by a blank line stays separated",
    { given: '# header\n\nname: "m"\n', want: '# header\n\nname: "m"\n' },
  ],
  [
    "repeated scalars merge into one list, but not across a comment",
    {
      given: "input { dims: 1 dims: 2\n # the last one\n dims: 3 }\n",
      want: "input {\n  dims: [ 1, 2 ]\n  # the last one\n  dims: [ 3 ]\n}\n",
    },
  ],
  [
    "a trailing comment on the last merged occurrence trails the list",
    { given: "input { dims: 1 dims: 2 # hw\n }\n", want: "input {\n  dims: [ 1, 2 ]  # hw\n}\n" },
  ],
  [
    "comment lines keep their text, trailing blanks trimmed",
    { given: "#no space   \r\nname: 'm'\r\n", want: '#no space\nname: "m"\n' },
  ],
];

describe("comments keep their place", () => {
  it.each(cases)("%s", (_name, { given, want }) => {
    const result = formatPbtxt(given);
    expect(result.diagnostics).toEqual([]);
    expect(result.text).toBe(want);
    expect(formatPbtxt(result.text).text).toBe(want);
    expect(commentAttachments(result.text)).toEqual(commentAttachments(given));
  });

  it("a comment inside a list element goes before that element, not above the field", () => {
    const given = "input { dims: [ 1, - # why\n 2 ] }\n";
    const want = "input {\n  dims: [\n    1,\n    # why\n    -2\n  ]\n}\n";
    expect(formatPbtxt(given).text).toBe(want);
    expect(commentAttachments(want)).toEqual(["leading input[0].dims[1]: # why"]);
  });
});

// The oracle of the properties' "every comment stays with its field": checked
// here by hand on one text with every kind of place.
describe("commentAttachments", () => {
  it("names the element each comment belongs to", () => {
    const text = [
      'name: "m" # a',
      "# b",
      "input [ # c",
      "  { dims: [ 1, - # d",
      " 2 ] }, # e",
      '  { name: "x" # f',
      "  # g",
      "  }",
      "] ; # i",
      "# h",
    ].join("\n");
    expect(commentAttachments(text)).toEqual(
      [
        "trailing name[0]: # a",
        "leading input[0]: # b",
        "leading input[0]: # c",
        "leading input[0].dims[1]: # d",
        "trailing input[0]: # e",
        "trailing input[1].name[0]: # f",
        "end of input[1]: # g",
        "trailing input[1]: # i",
        "end of file: # h",
      ].sort(),
    );
  });

  it("tells a trailing comment from the next field's leading one", () => {
    expect(commentAttachments("a: 1 # x\nb: 2\n")).toEqual(["trailing a[0]: # x"]);
    expect(commentAttachments("a: 1\n# x\nb: 2\n")).toEqual(["leading b[0]: # x"]);
  });

  it("counts values across blocks and lists, so merging and regrouping keep the names", () => {
    const blocks = 'input { name: "a" } # x\ninput { name: "b" }\n';
    const list = 'input [ { name: "a" }, # x\n { name: "b" } ]\n';
    expect(commentAttachments(blocks)).toEqual(["trailing input[0]: # x"]);
    expect(commentAttachments(list)).toEqual(commentAttachments(blocks));
    expect(commentAttachments("dims: 1 dims: 2 # x\n")).toEqual(commentAttachments("dims: [ 1, 2 ] # x\n"));
  });
});

const spellings: [string, { given: string; want: string }][] = [
  ["hex and octal integers are kept", { given: "max_batch_size: 0x10\n", want: "max_batch_size: 0x10\n" }],
  [
    "float spellings are kept",
    {
      given:
        "model_warmup { inputs { key: 'x' value { dims: 1 } } }\noptimization { gather_kernel_buffer_threshold: 010 }\n",
      want: 'model_warmup {\n  inputs {\n    key: "x"\n    value {\n      dims: [ 1 ]\n    }\n  }\n}\noptimization {\n  gather_kernel_buffer_threshold: 010\n}\n',
    },
  ],
  [
    "a minus sign joins its number",
    {
      given: "ensemble_scheduling { step { model_version: - 1 } }\n",
      want: "ensemble_scheduling {\n  step {\n    model_version: -1\n  }\n}\n",
    },
  ],
  [
    "single quotes become double quotes, escapes kept",
    { given: "name: 'it''s \\'x\\' \"y\" \\303\\251'\n", want: 'name: "it" "s \'x\' \\"y\\" \\303\\251"\n' },
  ],
  [
    "booleans are canonical",
    {
      given: "model_transaction_policy { decoupled: True }\n",
      want: "model_transaction_policy {\n  decoupled: true\n}\n",
    },
  ],
  [
    "an enum number becomes its name",
    { given: "input { data_type: 11 }\n", want: "input {\n  data_type: TYPE_FP32\n}\n" },
  ],
  [
    "angle brackets and optional colons are canonical",
    { given: "instance_group: < count: 1 >\n", want: "instance_group {\n  count: 1\n}\n" },
  ],
];

describe("value spellings", () => {
  it.each(spellings)("%s", (_name, { given, want }) => {
    expect(formatPbtxt(given).text).toBe(want);
  });
});

describe("layouts of repeated messages", () => {
  const blocks = 'input {\n  name: "a"\n}  # first\n# b next\ninput {\n  name: "b"\n}\n';
  const lists = 'input [\n  {\n    name: "a"\n  },  # first\n  # b next\n  {\n    name: "b"\n  }\n]\n';

  it("keep leaves each as written", () => {
    expect(formatPbtxt(blocks).text).toBe(blocks);
    expect(formatPbtxt(lists).text).toBe(lists);
  });

  it("lists joins blocks, with the comments between them", () => {
    expect(formatPbtxt(blocks, { messages: "lists" }).text).toBe(lists);
  });

  it("blocks splits lists, with their comments", () => {
    expect(formatPbtxt(lists, { messages: "blocks" }).text).toBe(blocks);
  });

  it("lists gives a comment after a joined list's ] to its last element", () => {
    const given = 'input [ { name: "a" } ] # a\ninput { name: "b" }\n';
    const want = 'input [\n  {\n    name: "a"\n  },  # a\n  {\n    name: "b"\n  }\n]\n';
    expect(formatPbtxt(given, { messages: "lists" }).text).toBe(want);
    expect(commentAttachments(want)).toEqual(commentAttachments(given));
  });
});

describe("text that does not parse", () => {
  it("comes back unchanged with the parser's diagnostics", () => {
    const given = "name: 'm'\ninput { dims: [ 1 }\n";
    const result = formatPbtxt(given, { file: "config.pbtxt" });
    expect(result.ok).toBe(false);
    expect(result.text).toBe(given);
    expect(result.diagnostics[0]).toMatchObject({ severity: "error", file: "config.pbtxt", line: 2, column: 19 });
  });
});
