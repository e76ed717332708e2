import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { parseMessage } from "../textformat/parser.js";
import type {
  BodyItem,
  CommentText,
  FieldNode,
  ListComment,
  ListElement,
  ListNode,
  MessageNode,
  SyntaxTree,
} from "./cst.js";
import { readSyntaxTree } from "./read-tree.js";
import { indent } from "../textformat/indent.js";

/**
 * The formatter: a syntax tree printed in the canonical layout of
 * `printConfig` (2-space indent, one field per line, `name: value`,
 * `name { … }`, repeated scalars as one `[ a, b ]` list), with every comment
 * kept where it was written and fields in the order the user wrote them.
 *
 * - Own-line comments stay on their own line before whatever followed them,
 *   re-indented to its depth; a same-line comment stays on its line, two
 *   spaces after the code (`count: 2  # one per GPU`).
 * - Blank lines between items shrink to one; none after `{`, before `}`, at
 *   the start or end of the file.
 * - Consecutive occurrences of a repeated scalar (`dims: 3 dims: 224`) merge
 *   into one list unless a comment sits between them; one occurrence prints
 *   as `dims: [ 3 ]`, as `printConfig` does.
 * - Repeated messages (and maps) are kept as written, `input [ {…}, {…} ]`
 *   or one `input {…}` block per element, unless `messages` asks for
 *   `blocks` or `lists` everywhere.
 * - `# gen-repo: fmt off` on its own line starts a region printed byte for
 *   byte, up to and including the line of `# gen-repo: fmt on` in the same
 *   message (or the end of that message when there is none).
 * - Values keep their spelling, with the exceptions listed in `spell-value.ts`.
 */

/** How repeated message fields are laid out: as written, one block per element, or one `[ … ]` list. */
export type MessageListStyle = "keep" | "blocks" | "lists";

export interface FormatOptions {
  /** Layout of repeated message fields. Default `keep`. */
  messages?: MessageListStyle;
  /** File name used in diagnostics. */
  file?: string;
  /** Message type of the text, relative to package `inference`. Default `ModelConfig`. */
  messageType?: string;
}

export interface FormatResult {
  /** The formatted text; the input unchanged when it does not parse. */
  text: string;
  /** False when the input does not parse: nothing was formatted. */
  ok: boolean;
  /** The parser's errors and warnings. */
  diagnostics: Diagnostic[];
  /** Whether `text` differs from the input. */
  changed: boolean;
}


function trail(comment: CommentText | undefined): string {
  return comment === undefined ? "" : `  ${comment}`;
}

function isRepeatedMessage(field: FieldNode): boolean {
  const info = field.info;
  if (info) return info.kind === "map" || (info.kind === "message" && info.repeated);
  return field.value.kind === "list" && field.value.items.some((i) => i.kind === "message");
}

function isRepeatedScalar(field: FieldNode): boolean {
  const info = field.info;
  if (info) return info.kind !== "map" && info.kind !== "message" && info.repeated;
  return field.value.kind === "list" && !isRepeatedMessage(field);
}

function listHasComments(list: ListNode): boolean {
  if (list.openTrailing !== undefined) return true;
  for (const item of list.items) if (item.kind === "comment" || item.trailing !== undefined) return true;
  return false;
}

function lastElementIndex(items: readonly (ListElement | ListComment)[]): number {
  for (let i = items.length - 1; i >= 0; i--) if ((items[i] as ListElement | ListComment).kind !== "comment") return i;
  return -1;
}

/** Appends one occurrence's values to a merged list. */
function appendOccurrence(target: ListNode, field: FieldNode, isFirst: boolean, isLast: boolean): void {
  if (!isFirst) for (const text of field.inner) target.items.push({ kind: "comment", text });
  const value = field.value;
  if (value.kind === "list") {
    if (!isFirst && value.openTrailing !== undefined) target.items.push({ kind: "comment", text: value.openTrailing });
    for (const item of value.items) target.items.push(item);
    if (!isLast && field.trailing !== undefined) target.items.push({ kind: "comment", text: field.trailing });
  } else {
    // A block's same-line comment follows its closing brace: it becomes the element's.
    // A copy: formatting never changes the tree it prints.
    target.items.push({ ...value, trailing: isLast && value.kind === "scalar" ? undefined : field.trailing });
  }
}

class Emitter {
  out = "";

  constructor(private readonly style: MessageListStyle) {}

  body(items: readonly BodyItem[], depth: number): void {
    const pad = indent(depth);
    let blank = false;
    let any = false;
    let i = 0;
    while (i < items.length) {
      const item = items[i] as BodyItem;
      if (item.kind === "blank") {
        if (any) blank = true;
        i++;
        continue;
      }
      if (blank) {
        this.out += "\n";
        blank = false;
      }
      any = true;
      if (item.kind === "comment") {
        this.out += `${pad}${item.text}\n`;
        i++;
      } else if (item.kind === "verbatim") {
        this.out += `${item.text}\n`;
        i++;
      } else {
        i = this.fieldRun(items, i, depth);
      }
    }
  }

  /** Prints the field at `items[start]`, merged with the occurrences that follow it when the layout asks; returns the next index. */
  private fieldRun(items: readonly BodyItem[], start: number, depth: number): number {
    const first = items[start] as FieldNode;
    if (isRepeatedScalar(first)) {
      const run = [first];
      let end = start;
      for (let j = start + 1; j < items.length; j++) {
        const item = items[j] as BodyItem;
        if (item.kind === "blank") continue;
        const previous = run[run.length - 1] as FieldNode;
        if (item.kind !== "field" || item.name !== first.name || previous.trailing !== undefined || item.inner.length > 0) break;
        run.push(item);
        end = j;
      }
      if (run.length > 1) {
        this.field(this.merge(run), depth);
        return end + 1;
      }
    } else if (isRepeatedMessage(first)) {
      if (this.style === "lists") return this.listRun(items, start, depth);
      if (this.style === "blocks" && first.value.kind === "list" && first.value.items.length > 0) {
        this.blocks(first, first.value, depth);
        return start + 1;
      }
    }
    this.field(first, depth);
    return start + 1;
  }

  private merge(run: readonly FieldNode[]): FieldNode {
    const first = run[0] as FieldNode;
    const last = run[run.length - 1] as FieldNode;
    const list: ListNode = {
      kind: "list",
      items: [],
      openTrailing: first.value.kind === "list" ? first.value.openTrailing : undefined,
      start: first.start,
      end: last.end,
    };
    run.forEach((field, k) => appendOccurrence(list, field, k === 0, k === run.length - 1));
    return { ...first, value: list, trailing: last.trailing, end: last.end };
  }

  /** `lists` layout: this occurrence and the next ones of the same field, with the comments between them, as one list. */
  private listRun(items: readonly BodyItem[], start: number, depth: number): number {
    const first = items[start] as FieldNode;
    const run: FieldNode[] = [first];
    const between: (readonly CommentText[])[] = [[]];
    let end = start;
    let pending: CommentText[] = [];
    for (let j = start + 1; j < items.length; j++) {
      const item = items[j] as BodyItem;
      if (item.kind === "blank") continue;
      if (item.kind === "comment") {
        pending.push(item.text);
        continue;
      }
      if (item.kind !== "field" || item.name !== first.name) break;
      run.push(item);
      between.push(pending);
      pending = [];
      end = j;
    }
    if (run.length === 1 && first.value.kind === "list") {
      this.field(first, depth);
      return start + 1;
    }
    const list: ListNode = { kind: "list", items: [], openTrailing: undefined, start: first.start, end: 0 };
    run.forEach((field, k) => {
      for (const text of between[k] ?? []) list.items.push({ kind: "comment", text });
      if (k === 0 && field.value.kind === "list") list.openTrailing = field.value.openTrailing;
      appendOccurrence(list, field, k === 0, k === run.length - 1);
    });
    const last = run[run.length - 1] as FieldNode;
    this.field({ ...first, value: list, trailing: last.value.kind === "list" ? last.trailing : undefined }, depth);
    return end + 1;
  }

  /** `blocks` layout: one `name { … }` per element of a written list. */
  private blocks(field: FieldNode, list: ListNode, depth: number): void {
    const pad = indent(depth);
    for (const text of field.inner) this.out += `${pad}${text}\n`;
    if (list.openTrailing !== undefined) this.out += `${pad}${list.openTrailing}\n`;
    const lastIndex = lastElementIndex(list.items);
    list.items.forEach((item, k) => {
      if (item.kind === "comment") {
        this.out += `${pad}${item.text}\n`;
      } else if (item.kind === "message") {
        const own = k === lastIndex && item.trailing === undefined ? field.trailing : item.trailing;
        this.block(field.name, item, own, depth);
      }
    });
    const lastElement = list.items[lastIndex] as ListElement | undefined;
    if (field.trailing !== undefined && lastElement?.trailing !== undefined) this.out += `${pad}${field.trailing}\n`;
  }

  private field(field: FieldNode, depth: number): void {
    const pad = indent(depth);
    for (const text of field.inner) this.out += `${pad}${text}\n`;
    const value = field.value;
    if (value.kind === "scalar") {
      if (isRepeatedScalar(field)) this.out += `${pad}${field.name}: [ ${value.text} ]${trail(field.trailing)}\n`;
      else this.out += `${pad}${field.name}: ${value.text}${trail(field.trailing)}\n`;
    } else if (value.kind === "message") {
      this.block(field.name, value, field.trailing, depth);
    } else if (isRepeatedMessage(field)) {
      this.messageList(field.name, value, field.trailing, depth);
    } else {
      this.scalarList(field.name, value, field.trailing, depth);
    }
  }

  private block(name: string, node: MessageNode, trailing: CommentText | undefined, depth: number): void {
    const pad = indent(depth);
    this.out += `${pad}${name} {${trail(node.openTrailing)}\n`;
    this.body(node.items, depth + 1);
    this.out += `${pad}}${trail(trailing)}\n`;
  }

  private scalarList(name: string, list: ListNode, trailing: CommentText | undefined, depth: number): void {
    const pad = indent(depth);
    if (!listHasComments(list)) {
      let line = `${pad}${name}: [ `;
      let k = 0;
      for (const item of list.items) {
        if (item.kind !== "scalar") continue;
        if (k++ > 0) line += ", ";
        line += item.text;
      }
      this.out += `${line}${k > 0 ? " " : ""}]${trail(trailing)}\n`;
      return;
    }
    const inner = indent(depth + 1);
    const lastIndex = lastElementIndex(list.items);
    this.out += `${pad}${name}: [${trail(list.openTrailing)}\n`;
    list.items.forEach((item, k) => {
      if (item.kind === "comment") this.out += `${inner}${item.text}\n`;
      else if (item.kind === "scalar") this.out += `${inner}${item.text}${k === lastIndex ? "" : ","}${trail(item.trailing)}\n`;
    });
    this.out += `${pad}]${trail(trailing)}\n`;
  }

  private messageList(name: string, list: ListNode, trailing: CommentText | undefined, depth: number): void {
    const pad = indent(depth);
    if (list.items.length === 0 && list.openTrailing === undefined) {
      this.out += `${pad}${name} [ ]${trail(trailing)}\n`;
      return;
    }
    const inner = indent(depth + 1);
    const lastIndex = lastElementIndex(list.items);
    this.out += `${pad}${name} [${trail(list.openTrailing)}\n`;
    list.items.forEach((item, k) => {
      if (item.kind === "comment") {
        this.out += `${inner}${item.text}\n`;
      } else if (item.kind === "message") {
        this.out += `${inner}{${trail(item.openTrailing)}\n`;
        this.body(item.items, depth + 2);
        this.out += `${inner}}${k === lastIndex ? "" : ","}${trail(item.trailing)}\n`;
      }
    });
    this.out += `${pad}]${trail(trailing)}\n`;
  }
}

/** Prints a syntax tree in the formatter's layout. */
export function formatSyntaxTree(tree: SyntaxTree, options: Pick<FormatOptions, "messages"> = {}): string {
  const emitter = new Emitter(options.messages ?? "keep");
  emitter.body(tree.root.items, 0);
  return emitter.out;
}

/**
 * Formats `config.pbtxt` text, keeping every comment (see the module comment
 * for the layout). The text is read by the parser first: text that does not
 * parse comes back unchanged with `ok: false` and the parser's diagnostics,
 * so the formatter never rewrites what protoc would refuse. Formatting never
 * changes the message protoc reads, and formatting its own output changes
 * nothing. Linear in the input.
 */
export function formatPbtxt(text: string, options: FormatOptions = {}): FormatResult {
  const parseOptions: { file?: string; messageType?: string; positions: boolean } = { positions: false };
  if (options.file !== undefined) parseOptions.file = options.file;
  if (options.messageType !== undefined) parseOptions.messageType = options.messageType;
  const parsed = parseMessage(text, parseOptions);
  if (!parsed.ok) return { text, ok: false, diagnostics: parsed.diagnostics, changed: false };
  const read = readSyntaxTree(text, parseOptions);
  if (!read.tree) return { text, ok: false, diagnostics: [...parsed.diagnostics, ...read.diagnostics], changed: false };
  const out = formatSyntaxTree(read.tree, options);
  return { text: out, ok: true, diagnostics: parsed.diagnostics, changed: out !== text };
}
