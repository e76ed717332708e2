// `# gen-repo: fmt off` … `# gen-repo: fmt on` regions are printed byte for
// byte, whatever the nesting they cross; everything around them is still
// formatted, and the result is still the same message for our parser and
// for protoc.
import fc from "fast-check";
import { decodeWire, valueTree } from "../support/wire-values.js";
import { describe, expect, it } from "vitest";
import { formatPbtxt, type MessageListStyle } from "../../src/formatter/format.js";
import { messageInfo } from "../../src/schema/descriptors.js";
import { parseConfig } from "../../src/pbtxt/parser.js";
import { protocAvailable } from "../support/oracles.js";
import { protocEncode } from "../support/protoc.js";
import { commentAttachments } from "../support/comment-attachment.js";
import { FMT_OFF, FMT_ON, withDirectives } from "./fmt-off-text.js";
import { Random } from "../../bench/corpus/random.js";
import { messyText, randomMessage } from "./messy-text.js";

const OFF = FMT_OFF;
const ON = FMT_ON;
const withProtoc = protocAvailable();

/** The message protoc reads from `text`, as a value tree decoded by the test-side wire reader. */
function protocReads(text: string): unknown {
  const protoc = protocEncode(text);
  expect(protoc.stderr, text).toBe("");
  return decodeWire(protoc.bytes);
}

function check(given: string, want: string, messages: MessageListStyle = "keep"): void {
  const result = formatPbtxt(given, { messages });
  expect(result.ok).toBe(true);
  expect(result.text).toBe(want);
  expect(formatPbtxt(result.text, { messages }).text).toBe(want);
  const message = valueTree(parseConfig(given).value);
  expect(valueTree(parseConfig(result.text).value)).toEqual(message);
  if (withProtoc) expect(protocReads(result.text)).toEqual(protocReads(given));
}

describe("fmt off regions", () => {
  it("keeps a top-level region byte for byte", () => {
    const region = `${OFF}\ninstance_group [ { count: 2   kind: KIND_GPU },\n                 { count: 1   kind: KIND_CPU } ]\n${ON}`;
    check(`name:'m'\n${region}\nmax_batch_size:4\n`, `name: "m"\n${region}\nmax_batch_size: 4\n`);
  });

  it("keeps the region's own indentation inside a message", () => {
    const region = `      ${OFF}\n   max_queue_delay_microseconds:100   # aligned\n        preferred_batch_size: [ 4,8 ]\n   ${ON}`;
    check(
      `dynamic_batching {\n${region}\n   preserve_ordering: true }\n`,
      `dynamic_batching {\n${region}\n  preserve_ordering: true\n}\n`,
    );
  });

  it("without fmt on, runs to the end of the enclosing message", () => {
    const region = "  #gen-repo: fmt off\n  max_queue_delay_microseconds:   100 # x";
    check(`dynamic_batching {\n${region}\n}\nname:'m'\n`, `dynamic_batching {\n${region}\n}\nname: "m"\n`);
  });

  it("without fmt on at the top level, runs to the end of the file", () => {
    const region = `${OFF}\nname:'m'\n\n\nmax_batch_size:   1`;
    check(`platform:'p'\n${region}\n\n`, `platform: "p"\n${region}\n`);
  });

  it("a same-line fmt off is an ordinary comment", () => {
    check(`name:'m' ${OFF}\nplatform:'p'\n`, `name: "m"  ${OFF}\nplatform: "p"\n`);
  });

  it("an fmt on without an fmt off is an ordinary comment", () => {
    check(`  ${ON}\nname:'m'\n`, `${ON}\nname: "m"\n`);
  });

  it("blank lines before a region are kept as one", () => {
    check(`name: "m"\n\n\n${OFF}\nplatform:"p"\n${ON}\n`, `name: "m"\n\n${OFF}\nplatform:"p"\n${ON}\n`);
  });

  it("blank lines after a region are kept as one", () => {
    check(`${OFF}\nplatform:"p"\n${ON}\n\n\nname:'m'\n`, `${OFF}\nplatform:"p"\n${ON}\n\nname: "m"\n`);
  });
});

describe("fmt off regions across braces and brackets", () => {
  it("keeps a region inside a list of messages (repro A)", () => {
    const region = `${OFF}\n{name:"b"   }\n${ON}`;
    check(`input [{name:"a"},\n${region}\n]\n`, `input [\n  {\n    name: "a"\n  },\n${region}\n]\n`);
  });

  it("keeps a region that starts inside a message and ends outside it (repro B)", () => {
    const region = `${OFF}\n}\ninput{name:"b"}\n${ON}`;
    check(`input {\n  name:"a"\n${region}\n`, `input {\n  name: "a"\n${region}\n`);
    check(`input {\n  name:"a"\n${region}\nname:'m'\n`, `input {\n  name: "a"\n${region}\nname: "m"\n`);
  });

  it("keeps a region inside a list of scalars", () => {
    const region = `${OFF}\n2,   3\n${ON}`;
    check(
      `input { name: "x" dims: [ 1,\n${region}\n] }\n`,
      `input {\n  name: "x"\n  dims: [\n    1,\n${region}\n  ]\n}\n`,
    );
  });

  it("ends a region at an fmt on inside a nested message", () => {
    const region = `${OFF}\ndynamic_batching {\n # gen-repo: fmt on`;
    check(
      `${region}\n  max_queue_delay_microseconds:1 }\nname:'m'\n`,
      `${region}\n  max_queue_delay_microseconds: 1\n}\nname: "m"\n`,
    );
  });

  it("without fmt on, runs to the end of the enclosing list", () => {
    const region = `${OFF}\n  {name:"b"   },\n  {name:"c"}`;
    check(
      `input [\n  {name:"a"},\n${region}\n]\nname:'m'\n`,
      `input [\n  {\n    name: "a"\n  },\n${region}\n]\nname: "m"\n`,
    );
  });

  it("without fmt on, runs to the end of a list of scalars", () => {
    const region = `  ${OFF}\n    2,3`;
    check(`input{name:'x'  dims: [1,\n${region}]}\n`, `input {\n  name: "x"\n  dims: [\n    1,\n${region}\n  ]\n}\n`);
  });

  it("nested directives: the region ends at the fmt on matching the first fmt off", () => {
    const region = `${OFF}\nplatform:'p'\n  ${OFF}\nmax_batch_size:1\n  ${ON}\nversion_policy{latest{num_versions:1}}\n${ON}`;
    check(`name:'m'\n${region}\nbackend:'b'\n`, `name: "m"\n${region}\nbackend: "b"\n`);
  });

  it("nested directives without enough fmt on keep everything after the first fmt off", () => {
    const region = `${OFF}\nplatform:'p'\n${OFF}\nmax_batch_size:1\n${ON}\nbackend:'b'`;
    check(`name:'m'\n${region}\n`, `name: "m"\n${region}\n`);
  });

  it("nested directives in different messages", () => {
    const region = `${OFF}\n  max_queue_delay_microseconds:1\n}\ninput {\n  ${OFF}\n  name:'x'\n  ${ON}\n  dims:[1]\n${ON}`;
    check(
      `dynamic_batching {\n${region}\n  data_type: 11 }\n`,
      `dynamic_batching {\n${region}\n  data_type: TYPE_FP32\n}\n`,
    );
  });

  it("a brace whose partner is in a region keeps its spelling", () => {
    const region = `${OFF}\n max_queue_delay_microseconds: 1 >\nname:'m'\n${ON}`;
    check(
      `dynamic_batching <\n  preserve_ordering:true\n${region}\n`,
      `dynamic_batching <\n  preserve_ordering: true\n${region}\n`,
    );
    const opening = `${OFF}\ndynamic_batching <\n${ON}`;
    check(`${opening}\n  preserve_ordering:true >\n`, `${opening}\n  preserve_ordering: true\n>\n`);
  });

  it("a comma after a region stays a comma", () => {
    const region = `${OFF}\n1\n${ON}`;
    check(
      `input{name:'x' dims: [\n${region}\n, 2  # two\n]}\n`,
      `input {\n  name: "x"\n  dims: [\n${region}\n    ,\n    2  # two\n  ]\n}\n`,
    );
    const messages = `${OFF}\n{name:"a"}\n${ON}`;
    check(`input [\n${messages}\n, {name:"b"}]\n`, `input [\n${messages}\n  ,\n  {\n    name: "b"\n  }\n]\n`);
  });

  it("a comma inside a region is not written twice", () => {
    const region = `${OFF}\n, 2\n${ON}`;
    check(
      `input{name:'x' dims: [ 1  # one\n${region}\n]}\n`,
      `input {\n  name: "x"\n  dims: [\n    1  # one\n${region}\n  ]\n}\n`,
    );
    // The comment after the comma is on the comma's line, so it stays in the region, once.
    const after = `${OFF}\n, # two\n2\n${ON}`;
    check(`input{name:'x' dims: [ 1\n${after}\n]}\n`, `input {\n  name: "x"\n  dims: [\n    1\n${after}\n  ]\n}\n`);
  });

  it("a comment after a comma outside the region stays with the comma", () => {
    const region = `${OFF}\n1\n${ON}`;
    check(
      `input{name:'x' dims: [\n${region}\n, # one\n2]}\n`,
      `input {\n  name: "x"\n  dims: [\n${region}\n    ,  # one\n    2\n  ]\n}\n`,
    );
  });

  it("a comma between two regions keeps a line of its own", () => {
    const first = `${OFF}\n{name:"a"}\n${ON}`;
    const second = ` ${OFF}\n{name:"b"}\n${ON}`;
    check(`input [\n${first}\n,\n${second}\n]\n`, `input [\n${first}\n  ,\n${second}\n]\n`);
  });

  it("a comment inside a list element after a region stays inside the list", () => {
    const region = `${OFF}\ndims: [ 1\n${ON}`;
    check(
      `input{name:'x'\n${region}\n, - # minus\n5]}\n`,
      `input {\n  name: "x"\n${region}\n    ,\n    # minus\n    -5\n  ]\n}\n`,
    );
  });

  it("a directive inside a field keeps the whole field", () => {
    const region = `max_batch_size\n  ${OFF}\n  :  4\n${ON}`;
    check(`name:'m'\n${region}\nplatform:'p'\n`, `name: "m"\n${region}\nplatform: "p"\n`);
    const ending = `${OFF}\nmax_batch_size\n  ${ON}\n  :  4  # four`;
    check(`${ending}\nplatform:'p'\n`, `${ending}\nplatform: "p"\n`);
  });

  it("does not merge repeated scalars or regroup messages across a region", () => {
    const region = `${OFF}\ndims: 2\n${ON}`;
    check(
      `input { name:'x' dims: 1\n${region}\ndims: 3 }\n`,
      `input {\n  name: "x"\n  dims: [ 1 ]\n${region}\n  dims: [ 3 ]\n}\n`,
    );
    const blocks = `${OFF}\ninput {name:"b"}\n${ON}`;
    check(
      `input {name:"a"}\n${blocks}\ninput {name:"c"}\n`,
      `input [\n  {\n    name: "a"\n  }\n]\n${blocks}\ninput [\n  {\n    name: "c"\n  }\n]\n`,
      "lists",
    );
    const list = `${OFF}\n{name:"b"},\n${ON}`;
    check(
      `input [{name:"a"},\n${list}\n{name:"c"}]\n`,
      `input [\n  {\n    name: "a"\n  },\n${list}\n  {\n    name: "c"\n  }\n]\n`,
      "blocks",
    );
  });
});

/** A messy config with directive lines at random places, and the spans that must come out byte for byte. */
function withRegions(seed: number): { text: string; value: unknown; comments: string[]; kept: string[] } {
  const type = messageInfo("ModelConfig");
  const rng = new Random(seed);
  const value = randomMessage(type, rng);
  const messy = messyText(type, value, seed ^ 0x2545f491, 0.2);
  const { text, kept } = withDirectives(messy.text, rng, 1 + rng.below(6));
  return { text, value: valueTree(value), comments: messy.comments, kept };
}

function numbered(text: string): string[] {
  return (text.match(/# c\d+[^\n]*/g) ?? []).sort();
}

describe("fmt off regions at random places", () => {
  it("keep the message, every comment and every region, and format idempotently", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.constantFrom<MessageListStyle>("keep", "blocks", "lists"),
        (seed, messages) => {
          const given = withRegions(seed);
          expect(parseConfig(given.text).ok, given.text).toBe(true);
          const result = formatPbtxt(given.text, { messages });
          expect(result.ok).toBe(true);
          expect(valueTree(parseConfig(result.text).value)).toEqual(given.value);
          expect(numbered(result.text)).toEqual([...given.comments].sort());
          expect(commentAttachments(result.text), given.text).toEqual(commentAttachments(given.text));
          for (const region of given.kept) expect(result.text, given.text).toContain(region);
          expect(formatPbtxt(result.text, { messages }).text).toBe(result.text);
        },
      ),
      { numRuns: 400 },
    );
  });

  it.runIf(withProtoc)("are read by protoc as the same message", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.constantFrom<MessageListStyle>("keep", "blocks", "lists"),
        (seed, messages) => {
          const given = withRegions(seed);
          const result = formatPbtxt(given.text, { messages });
          expect(protocReads(result.text)).toEqual(given.value);
        },
      ),
      { numRuns: 60 },
    );
  });
});
