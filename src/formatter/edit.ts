import { type Diagnostic, isDiagnosticError } from "../diagnostics/diagnostic.js";
import { type FieldInfo, type MapFieldInfo, type MessageInfo, messageInfo } from "../schema/descriptors.js";
import { messagesEqual, toProtoJSON } from "../pbtxt/json.js";
import { parseMessage } from "../pbtxt/parser.js";
import { printMessage } from "../pbtxt/printer.js";
import type { FieldValue, MessageValue } from "../pbtxt/types.js";
import type { FieldNode, MessageBody, MessageNode } from "./cst.js";
import { readChecked } from "./read-tree.js";
import { TextEditor } from "./text-editor.js";

/**
 * Programmatic edits that keep the file as its author wrote it: the mutation
 * runs on the parsed value, then the difference between the old and the new
 * value is written back as splices of the original text. Unchanged fields
 * keep their bytes, comments and layout; a changed scalar has only its value
 * replaced (`max_batch_size: 8  # why` keeps `# why`); a changed message is
 * edited inside, field by field; new fields are printed canonically after
 * the nearest field that precedes them in the schema, at the indentation of
 * their siblings; removed fields lose their lines (their own same-line
 * comment with them, comments on lines above them stay).
 */

export interface EditOptions {
  /** File name used in diagnostics. */
  file?: string;
  /** Message type of the text, relative to package `inference`. Default `ModelConfig`. */
  messageType?: string;
}

export interface EditResult {
  /** The edited text; the input unchanged when `ok` is false. */
  text: string;
  /** False when the input does not parse, the mutation produced a value the schema refuses, or the edit could not be written in place. */
  ok: boolean;
  diagnostics: Diagnostic[];
  changed: boolean;
}

function indentLines(printed: string, indent: string): string {
  if (indent === "") return printed;
  // Lines end at \n only: a string value may hold U+2028 or \r, which a regex's `^` in m mode takes for line ends.
  return printed.replace(/(^|\n)(?=[^\n])/g, `$1${indent}`);
}

function fieldJson(type: MessageInfo, name: string, value: FieldValue | undefined): string {
  if (value === undefined) return "";
  return JSON.stringify(toProtoJSON({ [name]: value }, type.name)[name] ?? null);
}

function fieldItems(body: MessageBody, name: string): FieldNode[] {
  const out: FieldNode[] = [];
  for (const item of body.items) if (item.kind === "field" && item.name === name) out.push(item);
  return out;
}

class Reconciler {
  /** Written fields removed whole: no anchors for insertions. */
  private readonly gone = new Set<FieldNode>();

  constructor(
    private readonly text: string,
    private readonly editor: TextEditor,
  ) {}

  private removeField(node: FieldNode): void {
    this.gone.add(node);
    this.editor.remove(node.start, node.end);
  }

  /** Indentation of the fields of `body`: that of an existing field, else one step deeper than the line that opens it. */
  private childIndent(body: MessageBody): string {
    for (const item of body.items) {
      if (item.kind === "field" && this.editor.startsLine(item.start)) return this.editor.indentOf(item.start);
    }
    return body.open < 0 ? "" : `${this.editor.indentOf(body.open)}  `;
  }

  private printed(type: MessageInfo, name: string, value: FieldValue, indent: string): string {
    return indentLines(printMessage({ [name]: value }, { messageType: type.name }), indent);
  }

  /** The value text of a singular scalar field, as the printer writes it. */
  private scalarText(type: MessageInfo, name: string, value: FieldValue): string {
    const line = printMessage({ [name]: value }, { messageType: type.name });
    return line.slice(line.indexOf(":") + 2, line.length - 1);
  }

  body(body: MessageBody, type: MessageInfo, before: MessageValue, after: MessageValue): void {
    const removed = new Set<string>();
    const added: { field: FieldInfo; value: FieldValue }[] = [];
    for (const field of type.fields) {
      const name = field.name;
      const x = before[name];
      const y = after[name];
      if (fieldJson(type, name, x) === fieldJson(type, name, y) && (x === undefined) === (y === undefined)) continue;
      const written = fieldItems(body, name);
      if (y === undefined || (Array.isArray(y) && y.length === 0 && field.kind !== "map")) {
        for (const node of written) this.removeField(node);
        removed.add(name);
        continue;
      }
      if (written.length === 0) {
        added.push({ field, value: y });
        continue;
      }
      if (field.kind === "map")
        this.map(body, type, field, written, (x ?? {}) as Record<string, FieldValue>, y as Record<string, FieldValue>);
      else if (field.kind === "message" && field.repeated)
        this.messages(body, type, field, written, (x ?? []) as MessageValue[], y as MessageValue[]);
      else if (field.kind === "message")
        this.nested(written, field.messageType, (x ?? {}) as MessageValue, y as MessageValue);
      else if (field.repeated) this.scalarList(type, name, written, y);
      else this.scalar(type, name, written, y);
    }
    if (added.length > 0) this.insert(body, type, added, removed);
  }

  /**
   * New fields, each after the last written field that precedes it in the
   * schema (else before the first field, above the comments that describe
   * it). Fields being removed are no anchors; fields sharing an anchor are
   * inserted together, in schema order.
   */
  private insert(
    body: MessageBody,
    type: MessageInfo,
    added: readonly { field: FieldInfo; value: FieldValue }[],
    removed: ReadonlySet<string>,
  ): void {
    const indent = this.childIndent(body);
    const kept: { node: FieldNode; index: number; at: number }[] = [];
    body.items.forEach((item, at) => {
      if (item.kind === "field" && !removed.has(item.name) && !this.gone.has(item)) {
        kept.push({ node: item, index: type.field(item.name)?.index ?? Number.MAX_SAFE_INTEGER, at });
      }
    });
    const groups = new Map<FieldNode | undefined, string>();
    for (const { field, value } of added) {
      let anchor: FieldNode | undefined;
      for (const k of kept) if (k.index < field.index) anchor = k.node;
      groups.set(anchor, (groups.get(anchor) ?? "") + this.printed(type, field.name, value, indent));
    }
    for (const [anchor, lines] of groups) {
      if (anchor) {
        this.editor.insertAfter(anchor.end, lines, body.close);
      } else if (kept.length > 0) {
        let at = (kept[0] as { at: number }).at;
        while (at > 0 && body.items[at - 1]?.kind === "comment") at--;
        const item = body.items[at];
        this.editor.insertBefore(
          item?.kind === "comment" ? item.start : (kept[0] as { node: FieldNode }).node.start,
          lines,
        );
      } else {
        this.intoEmpty(body, lines);
      }
    }
  }

  /** Lines into a body without fields: before its closing brace, or at the end of the file. */
  private intoEmpty(body: MessageBody, lines: string): void {
    if (body.open < 0) {
      const end = this.text.length;
      this.editor.replace(end, end, end > 0 && !this.text.endsWith("\n") ? `\n${lines}` : lines);
    } else if (this.editor.startsLine(body.close)) {
      this.editor.insertBefore(body.close, lines);
    } else {
      this.editor.replace(body.close, body.close, `\n${lines}${this.editor.indentOf(body.open)}`);
    }
  }

  private scalar(type: MessageInfo, name: string, written: FieldNode[], value: FieldValue): void {
    const last = written[written.length - 1] as FieldNode;
    for (const node of written) if (node !== last) this.removeField(node);
    this.editor.replaceValue(last.value.start, last.value.end, this.scalarText(type, name, value));
  }

  private scalarList(type: MessageInfo, name: string, written: FieldNode[], value: FieldValue): void {
    const first = written[0] as FieldNode;
    for (const node of written) if (node !== first) this.removeField(node);
    this.editor.replaceValue(first.value.start, first.value.end, this.scalarText(type, name, value));
  }

  private nested(written: FieldNode[], type: MessageInfo, before: MessageValue, after: MessageValue): void {
    // A singular message is always written as one block; the parser refuses a second one.
    const node = written[written.length - 1] as FieldNode;
    if (node.value.kind === "message") this.body(node.value, type, before, after);
  }

  /** Removes some elements of a repeated field written as blocks and lists, with the commas between them. */
  private removeElements(written: FieldNode[], removed: ReadonlySet<MessageNode>): void {
    for (const owner of written) {
      const value = owner.value;
      if (value.kind === "message") {
        if (removed.has(value)) this.removeField(owner);
        continue;
      }
      if (value.kind !== "list") continue;
      const nodes = value.items.flatMap((i) => (i.kind === "message" ? [i] : []));
      const firstKept = nodes.findIndex((n) => !removed.has(n));
      if (firstKept < 0) {
        if (nodes.length > 0) this.removeField(owner);
        continue;
      }
      nodes.forEach((node, i) => {
        if (!removed.has(node)) return;
        // Each element goes with one comma: the one before it when a kept element
        // precedes it, else the one after it. Comments between elements stay.
        const comma =
          i > firstKept ? this.editor.commaAfter((nodes[i - 1] as MessageNode).end) : this.editor.commaAfter(node.end);
        this.editor.removeElement(node.start, node.end, comma, i < firstKept);
      });
    }
  }

  private messages(
    body: MessageBody,
    type: MessageInfo,
    field: FieldInfo & { kind: "message" },
    written: FieldNode[],
    before: MessageValue[],
    after: MessageValue[],
  ): void {
    const elements: { node: MessageNode; field: FieldNode }[] = [];
    for (const node of written) {
      if (node.value.kind === "message") elements.push({ node: node.value, field: node });
      else if (node.value.kind === "list") {
        for (const item of node.value.items) if (item.kind === "message") elements.push({ node: item, field: node });
      }
    }
    const elementType = field.messageType;
    const common = Math.min(before.length, after.length, elements.length);
    for (let i = 0; i < common; i++) {
      const a = before[i] as MessageValue;
      const b = after[i] as MessageValue;
      if (!messagesEqual(a, b, elementType.name))
        this.body((elements[i] as { node: MessageNode }).node, elementType, a, b);
    }
    // Elements past the end of the new list go, with their lines or their commas.
    this.removeElements(written, new Set(elements.slice(after.length).map((e) => e.node)));
    if (after.length > elements.length) {
      const added = after.slice(elements.length);
      const last = written[written.length - 1] as FieldNode;
      this.editor.insertAfter(last.end, this.printed(type, field.name, added, this.childIndent(body)), body.close);
    }
  }

  private map(
    body: MessageBody,
    type: MessageInfo,
    field: MapFieldInfo,
    written: FieldNode[],
    before: Record<string, FieldValue>,
    after: Record<string, FieldValue>,
  ): void {
    const entries: { node: MessageNode; field: FieldNode; key: string }[] = [];
    for (const node of written) {
      const nodes =
        node.value.kind === "message"
          ? [node.value]
          : node.value.kind === "list"
            ? node.value.items.flatMap((i) => (i.kind === "message" ? [i] : []))
            : [];
      for (const entry of nodes) {
        const parsed = parseMessage(`${field.name} ${this.text.slice(entry.start, entry.end)}`, {
          messageType: type.name,
          positions: false,
        });
        const key = Object.keys((parsed.value[field.name] ?? {}) as object)[0];
        if (key !== undefined) entries.push({ node: entry, field: node, key });
      }
    }
    const removed = new Set<MessageNode>();
    for (const e of entries) if (!(e.key in after)) removed.add(e.node);
    const added: Record<string, FieldValue> = {};
    let anyAdded = false;
    for (const [key, value] of Object.entries(after)) {
      if (!(key in before)) {
        added[key] = value;
        anyAdded = true;
        continue;
      }
      if (
        fieldJson(type, field.name, { [key]: before[key] as FieldValue }) ===
        fieldJson(type, field.name, { [key]: value })
      )
        continue;
      const mine = entries.filter((e) => e.key === key);
      const winner = mine[mine.length - 1];
      if (!winner) continue;
      for (const e of mine) if (e !== winner) removed.add(e.node);
      this.mapValue(type, field, winner, before[key] as FieldValue, value);
    }
    this.removeElements(written, removed);
    if (anyAdded) {
      const last = written[written.length - 1] as FieldNode;
      this.editor.insertAfter(last.end, this.printed(type, field.name, added, this.childIndent(body)), body.close);
    }
  }

  private mapValue(
    type: MessageInfo,
    field: MapFieldInfo,
    entry: { node: MessageNode; field: FieldNode; key: string },
    before: FieldValue,
    after: FieldValue,
  ): void {
    const valueNode = fieldItems(entry.node, "value").pop();
    if (valueNode && field.value.kind === "message" && valueNode.value.kind === "message") {
      this.body(valueNode.value, field.value.messageType, before as MessageValue, after as MessageValue);
      return;
    }
    const printed = printMessage({ [field.name]: { [entry.key]: after } }, { messageType: type.name });
    if (valueNode && field.value.kind !== "message" && valueNode.value.kind === "scalar") {
      const line = printed.split("\n").find((l) => l.trimStart().startsWith("value:")) ?? "";
      this.editor.replaceValue(valueNode.value.start, valueNode.value.end, line.slice(line.indexOf(":") + 2));
      return;
    }
    // No written value to edit (it was the default): the entry printed anew.
    const indent = this.editor.indentOf(entry.node.start);
    const block = indentLines(printed.slice(printed.indexOf("{")), indent)
      .trimStart()
      .replace(/\n$/, "");
    this.editor.replace(entry.node.start, entry.node.end, block);
  }
}

/**
 * Applies `mutate` to the parsed configuration and writes the change back
 * into `text`, keeping every untouched line byte for byte and the comments
 * around changed fields (see the module comment). `mutate` edits the value
 * in place or returns a replacement. The result is checked: the new text
 * reads back as exactly the mutated value, or `ok` is false and the input is
 * returned unchanged with a `PB-EDIT` diagnostic.
 */
export function editPbtxt(
  text: string,
  // biome-ignore lint/suspicious/noConfusingVoidType: a callback that edits in place returns nothing at all
  mutate: (config: MessageValue) => MessageValue | undefined | void,
  options: EditOptions = {},
): EditResult {
  const messageType = options.messageType ?? "ModelConfig";
  const base: { file?: string; messageType: string } = { messageType };
  if (options.file !== undefined) base.file = options.file;
  const read = readChecked(text, base);
  if (!read.ok) return { text, ok: false, diagnostics: read.diagnostics, changed: false };

  const before = read.value;
  let after = structuredClone(before);
  const returned = mutate(after);
  if (returned && typeof returned === "object") after = returned;

  const failure = (message: string, extra: Diagnostic[] = []): EditResult => {
    const d: Diagnostic = { code: "PB-EDIT", severity: "error", message };
    if (options.file !== undefined) d.file = options.file;
    return { text, ok: false, diagnostics: [...extra, d], changed: false };
  };
  try {
    // The printer refuses fields the schema lacks, at any depth.
    printMessage(after, { messageType });
  } catch (error: unknown) {
    if (isDiagnosticError(error))
      return failure("the edited configuration does not fit the schema", [...error.diagnostics]);
    throw error;
  }
  const editor = new TextEditor(text);
  let out: string | undefined;
  try {
    new Reconciler(text, editor).body(read.tree.root, messageInfo(messageType), before, after);
    out = editor.apply();
  } catch (error: unknown) {
    if (isDiagnosticError(error))
      return failure("the edited configuration does not fit the schema", [...error.diagnostics]);
    throw error;
  }
  if (out === undefined) return failure("the edit could not be written in place; nothing was changed");
  const check = parseMessage(out, { ...base, positions: false });
  if (!check.ok || !messagesEqual(check.value, after, messageType)) {
    return failure("the edit could not be written in place without changing other fields; nothing was changed");
  }
  return { text: out, ok: true, diagnostics: [], changed: out !== text };
}
