import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type {
  BodyItem,
  CommentText,
  FieldNode,
  ListComment,
  ListElement,
  ListNode,
  MessageNode,
  MessageBody,
  SyntaxTree,
  TextRegion,
} from "./cst.js";
import { readChecked } from "./read-tree.js";
import { indent } from "../pbtxt/indent.js";
import { TextBuilder } from "../pbtxt/text-builder.js";
import { CH_HASH, CH_LF, CH_SPACE, CH_TAB } from "../pbtxt/chars.js";

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
 *   byte, up to and including the line of `# gen-repo: fmt on`, wherever the
 *   two sit in the nesting (see `read-tree.ts` for the exact span). Every
 *   piece of output (a line, a brace, a comma) is printed only when its
 *   source is outside the regions; the region's text takes the place of the
 *   first piece inside it. Next to a region nothing is regrouped (no merged
 *   `dims`, no blocks-to-list), and a brace whose partner is inside a region
 *   keeps its spelling, so the text around a region is the same tokens as
 *   the source, only laid out, and the region still reads as it did.
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
  // Stryker disable next-line UnaryOperator: with no element, items[1] is a comment or absent: callers check kinds
  return -1;
}

/** Appends one occurrence's values to a merged list. */
function appendOccurrence(target: ListNode, field: FieldNode, isFirst: boolean, isLast: boolean): void {
  if (!isFirst) for (const text of field.inner) target.items.push({ kind: "comment", text, start: -1 });
  const value = field.value;
  if (value.kind === "list") {
    if (!isFirst && value.openTrailing !== undefined)
      target.items.push({ kind: "comment", text: value.openTrailing, start: -1 });
    for (const item of value.items) target.items.push(item);
    if (!isLast && field.trailing !== undefined) {
      // The `]` it followed is gone: the comment trails the list's last element when that has no
      // same-line comment yet (a copy, the tree stays as read), as a comment after a comma does;
      // else it goes on its own line.
      const k = lastElementIndex(target.items);
      const last = target.items[k];
      if (last !== undefined && last.kind !== "comment" && last.trailing === undefined && value.items.length > 0)
        target.items[k] = { ...last, trailing: field.trailing };
      else target.items.push({ kind: "comment", text: field.trailing, start: -1 });
    }
  } else {
    // A block's same-line comment follows its closing brace: it becomes the element's.
    // A copy: formatting never changes the tree it prints.
    target.items.push({ ...value, trailing: isLast && value.kind === "scalar" ? undefined : field.trailing });
  }
}

/** A comma to print on a line of its own (its element is in a region), and where it was written. */
interface PendingComma {
  at: number;
  line: string;
}

/** A region while printing, with whether its text is out yet. */
interface PrintRegion extends TextRegion {
  text: string;
  printed: boolean;
}

class Emitter {
  readonly out = new TextBuilder();
  /** A blank line is due before the next line printed. */
  private blank = false;
  private readonly regions: PrintRegion[];

  constructor(
    private readonly style: MessageListStyle,
    private readonly text: string,
    regions: readonly TextRegion[],
  ) {
    this.regions = regions.map((r) => ({
      start: r.start,
      end: r.end,
      text: text.slice(r.start, r.end),
      printed: false,
    }));
  }

  // ---- regions -------------------------------------------------------------

  private line(s: string): void {
    if (this.blank) {
      this.out.add("\n");
      this.blank = false;
    }
    this.out.add(s);
    this.out.add("\n");
  }

  /** The region holding offset `at` (-1: a piece the formatter made, never in a region). */
  private regionAt(at: number): PrintRegion | undefined {
    const regions = this.regions;
    let lo = 0;
    let hi = regions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const r = regions[mid] as PrintRegion;
      if (r.end <= at) lo = mid + 1;
      else if (r.start > at) hi = mid;
      else return r;
    }
    return undefined;
  }

  /**
   * Whether the piece written at `at` is printed. Inside a region it is not:
   * the region's text is printed instead, once, in place of its first piece.
   */
  private shown(at: number): boolean {
    const r = this.regionAt(at);
    if (r === undefined) return true;
    if (!r.printed) {
      r.printed = true;
      this.line(r.text);
    }
    this.blank = false;
    return false;
  }

  /** Whether source text from `start` to `end` meets a region. */
  private touches(start: number, end: number): boolean {
    // The first region ending after `start` (regions are sorted and disjoint).
    const regions = this.regions;
    let lo = 0;
    let hi = regions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((regions[mid] as PrintRegion).end <= start) lo = mid + 1;
      else hi = mid;
    }
    const r = regions[lo];
    return r !== undefined && r.start < end;
  }

  /** A brace whose partner lies on the other side of a region's edge keeps its spelling (`<` with `>`). */
  private braces(node: MessageBody): [string, string] {
    if (
      this.regions.length === 0 ||
      (this.regionAt(node.open) === undefined) === (this.regionAt(node.close) === undefined)
    )
      return ["{", "}"];
    return [this.text.charAt(node.open), this.text.charAt(node.close)];
  }

  /** Whether a list element's comma is on a later line than the element, and the element's same-line comment follows the comma. */
  private trailsComma(elementEnd: number, comma: number): boolean {
    const text = this.text;
    let i = elementEnd;
    while (i < comma && (text.charCodeAt(i) === CH_SPACE || text.charCodeAt(i) === CH_TAB)) i++;
    if (text.charCodeAt(i) === CH_HASH) return false;
    for (; i < comma; i++) if (text.charCodeAt(i) === CH_LF) return true;
    // Stryker disable next-line BooleanLiteral: unreachable: a region edge (a line of its own) lies between the two
    return false;
  }

  /**
   * The end of a list element: the comma (when one is due and outside the
   * regions) and the element's same-line comment, on the element's line. When
   * the element is in a region and its comma is not, the comma gets a line of
   * its own, returned to be printed after the list's comments written before it.
   */
  private elementEnd(
    list: ListNode,
    element: number,
    isLast: boolean,
    item: ListElement,
    pad: string,
    code: string,
    codeShown: boolean,
  ): PendingComma | undefined {
    const comma = isLast ? -1 : (list.commas[element] ?? -1);
    const commaShown = !isLast && this.regionAt(comma) === undefined;
    const split = comma >= 0 && this.trailsComma(item.end, comma);
    if (codeShown)
      this.line(`${pad}${code}${commaShown ? "," : ""}${commaShown || !split ? trail(item.trailing) : ""}`);
    else if (commaShown) return { at: comma, line: `${pad},${split ? trail(item.trailing) : ""}` };
    return undefined;
  }

  /** Prints a comma left pending by `elementEnd` unless the next piece (at `next`, -1: an element) was written before it. */
  private flushComma(pending: PendingComma | undefined, next: number): PendingComma | undefined {
    if (pending === undefined || (next >= 0 && next < pending.at)) return pending;
    this.line(pending.line);
    return undefined;
  }

  // ---- layout --------------------------------------------------------------

  body(items: readonly BodyItem[], depth: number): void {
    const pad = indent(depth);
    let any = false;
    let i = 0;
    while (i < items.length) {
      const item = items[i] as BodyItem;
      if (item.kind === "blank") {
        if (any) this.blank = true;
        i++;
        continue;
      }
      any = true;
      if (item.kind === "comment") {
        if (this.shown(item.start)) this.line(`${pad}${item.text}`);
        i++;
      } else if (item.kind === "verbatim") {
        this.line(item.text);
        i++;
      } else {
        i = this.fieldRun(items, i, depth);
      }
    }
    this.blank = false;
  }

  private touchesField(field: FieldNode): boolean {
    return this.touches(field.start, field.end);
  }

  /** Prints the field at `items[start]`, merged with the occurrences that follow it when the layout asks; returns the next index. */
  private fieldRun(items: readonly BodyItem[], start: number, depth: number): number {
    const first = items[start] as FieldNode;
    // Next to a region nothing is regrouped: the region's text must keep fitting what surrounds it.
    const free = !this.touchesField(first);
    if (free && isRepeatedScalar(first)) {
      const run = [first];
      let end = start;
      for (let j = start + 1; j < items.length; j++) {
        const item = items[j] as BodyItem;
        if (item.kind === "blank") continue;
        const previous = run[run.length - 1] as FieldNode;
        if (
          item.kind !== "field" ||
          item.name !== first.name ||
          previous.trailing !== undefined ||
          item.inner.length > 0
        )
          break;
        if (this.touchesField(item)) break;
        run.push(item);
        end = j;
      }
      if (run.length > 1) {
        this.field(this.merge(run), depth);
        return end + 1;
      }
    } else if (free && isRepeatedMessage(first)) {
      if (this.style === "lists") return this.listRun(items, start, depth);
      // A list without an element stays a list: as blocks it would print nothing, and a comment after its `]`
      // would have no block to trail.
      if (this.style === "blocks" && first.value.kind === "list" && lastElementIndex(first.value.items) >= 0) {
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
      // Stryker disable next-line StringLiteral: the printer picks scalarList from the field, not from this kind
      kind: "list",
      // Stryker disable next-line ArrayDeclaration: elements are appended after it; a string has no kind or trailing
      items: [],
      openTrailing: first.value.kind === "list" ? first.value.openTrailing : undefined,
      commas: [],
      start: first.start,
      end: last.end,
    };
    run.forEach((field, k) => {
      appendOccurrence(list, field, k === 0, k === run.length - 1);
    });
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
      if (item.kind === "comment" && !this.touches(item.start, item.end)) {
        pending.push(item.text);
        continue;
      }
      if (item.kind !== "field" || item.name !== first.name || this.touchesField(item)) break;
      run.push(item);
      between.push(pending);
      pending = [];
      end = j;
    }
    // Stryker disable next-line StringLiteral,BlockStatement: rebuilding one list gives the same list
    if (run.length === 1 && first.value.kind === "list") {
      this.field(first, depth);
      return start + 1;
    }
    const list: ListNode = { kind: "list", items: [], openTrailing: undefined, commas: [], start: first.start, end: 0 };
    run.forEach((field, k) => {
      // Stryker disable next-line ArrayDeclaration: between has an entry for each field of the run
      for (const text of between[k] ?? []) list.items.push({ kind: "comment", text, start: -1 });
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
    for (const text of field.inner) this.line(`${pad}${text}`);
    if (list.openTrailing !== undefined) this.line(`${pad}${list.openTrailing}`);
    const lastIndex = lastElementIndex(list.items);
    list.items.forEach((item, k) => {
      if (item.kind === "comment") {
        this.line(`${pad}${item.text}`);
      } else if (item.kind === "message") {
        const own = k === lastIndex && item.trailing === undefined ? field.trailing : item.trailing;
        this.block(field.name, item, own, depth, true);
      } else if (item.kind === "scalar") {
        // A scalar among messages (a field the schema does not know): its own `name: value` line, in place.
        const own = k === lastIndex && item.trailing === undefined ? field.trailing : item.trailing;
        this.line(`${pad}${field.name}: ${item.text}${trail(own)}`);
      }
    });
    const lastElement = list.items[lastIndex] as ListElement | undefined;
    if (field.trailing !== undefined && lastElement?.trailing !== undefined) this.line(`${pad}${field.trailing}`);
  }

  private field(field: FieldNode, depth: number): void {
    // The header (inner comments, name, `:`, the opening brace) is one piece: a
    // directive written inside it stretches its region over the whole field.
    const head = this.shown(field.start);
    const pad = indent(depth);
    this.innerComments(field, head ? pad : indent(depth + 1));
    const value = field.value;
    if (value.kind === "scalar") {
      if (!head) return;
      if (isRepeatedScalar(field)) this.line(`${pad}${field.name}: [ ${value.text} ]${trail(field.trailing)}`);
      else this.line(`${pad}${field.name}: ${value.text}${trail(field.trailing)}`);
    } else if (value.kind === "message") {
      this.block(field.name, value, field.trailing, depth, head);
    } else if (isRepeatedMessage(field)) {
      this.messageList(field.name, value, field.trailing, depth, head);
    } else {
      this.scalarList(field.name, value, field.trailing, depth, head);
    }
  }

  /**
   * The comments written inside the field, on lines of their own before it;
   * those inside a region stay there. When the header is in a region, the
   * others (written after the region, between two strings of a list element,
   * say) go just after it, inside the field's brackets or braces.
   */
  private innerComments(field: FieldNode, pad: string): void {
    field.inner.forEach((text, k) => {
      // Stryker disable next-line UnaryOperator: innerStarts has an offset for each inner comment
      if (this.regionAt(field.innerStarts[k] ?? -1) === undefined) this.line(`${pad}${text}`);
    });
  }

  private block(
    name: string,
    node: MessageNode,
    trailing: CommentText | undefined,
    depth: number,
    head: boolean,
  ): void {
    const pad = indent(depth);
    const [open, close] = this.braces(node);
    if (head) this.line(`${pad}${name} ${open}${trail(node.openTrailing)}`);
    this.body(node.items, depth + 1);
    if (this.shown(node.close)) this.line(`${pad}${close}${trail(trailing)}`);
  }

  private scalarList(
    name: string,
    list: ListNode,
    trailing: CommentText | undefined,
    depth: number,
    head: boolean,
  ): void {
    const pad = indent(depth);
    if (!listHasComments(list) && !this.touches(list.start, list.end)) {
      let line = `${pad}${name}: [ `;
      let k = 0;
      for (const item of list.items) {
        if (item.kind !== "scalar") continue;
        if (k++ > 0) line += ", ";
        line += item.text;
      }
      this.line(`${line}${k > 0 ? " " : ""}]${trail(trailing)}`);
      return;
    }
    const inner = indent(depth + 1);
    const lastIndex = lastElementIndex(list.items);
    if (head) this.line(`${pad}${name}: [${trail(list.openTrailing)}`);
    let element = 0;
    let comma: PendingComma | undefined;
    list.items.forEach((item, k) => {
      if (item.kind === "comment") {
        comma = this.flushComma(comma, item.start);
        if (this.shown(item.start)) this.line(`${inner}${item.text}`);
      } else if (item.kind === "scalar") {
        comma = this.flushComma(comma, -1);
        comma = this.elementEnd(list, element++, k === lastIndex, item, inner, item.text, this.shown(item.start));
      }
    });
    // Stryker disable next-line UnaryOperator: no comma is pending after the last element (a comma precedes an element)
    this.flushComma(comma, -1);
    if (this.shown(list.end - 1)) this.line(`${pad}]${trail(trailing)}`);
  }

  private messageList(
    name: string,
    list: ListNode,
    trailing: CommentText | undefined,
    depth: number,
    head: boolean,
  ): void {
    const pad = indent(depth);
    if (list.items.length === 0 && list.openTrailing === undefined && !this.touches(list.start, list.end)) {
      this.line(`${pad}${name} [ ]${trail(trailing)}`);
      return;
    }
    const inner = indent(depth + 1);
    const lastIndex = lastElementIndex(list.items);
    if (head) this.line(`${pad}${name} [${trail(list.openTrailing)}`);
    let element = 0;
    let comma: PendingComma | undefined;
    list.items.forEach((item, k) => {
      if (item.kind === "comment") {
        comma = this.flushComma(comma, item.start);
        if (this.shown(item.start)) this.line(`${inner}${item.text}`);
      } else if (item.kind === "message") {
        comma = this.flushComma(comma, -1);
        const [open, close] = this.braces(item);
        if (this.shown(item.start)) this.line(`${inner}${open}${trail(item.openTrailing)}`);
        this.body(item.items, depth + 2);
        comma = this.elementEnd(list, element++, k === lastIndex, item, inner, close, this.shown(item.close));
      } else if (item.kind === "scalar") {
        // Only a field the schema does not know can mix messages and scalars (the parser refuses it for a known
        // one); a scalar there keeps its place rather than being dropped.
        comma = this.flushComma(comma, -1);
        comma = this.elementEnd(list, element++, k === lastIndex, item, inner, item.text, this.shown(item.start));
        // Stryker disable next-line BlockStatement: unreachable, items are comments, messages or scalars
      } else {
        // Stryker disable next-line UpdateOperator: unreachable, items are comments, messages or scalars
        element++;
      }
    });
    // Stryker disable next-line UnaryOperator: no comma is pending after the last element (a comma precedes an element)
    this.flushComma(comma, -1);
    if (this.shown(list.end - 1)) this.line(`${pad}]${trail(trailing)}`);
  }
}

/** Prints a syntax tree in the formatter's layout. */
export function formatSyntaxTree(tree: SyntaxTree, options: Pick<FormatOptions, "messages"> = {}): string {
  // Stryker disable next-line StringLiteral: any style but blocks and lists lays out as keep
  const emitter = new Emitter(options.messages ?? "keep", tree.text, tree.regions);
  emitter.body(tree.root.items, 0);
  return emitter.out.text();
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
  const readOptions: { file?: string; messageType?: string } = {};
  if (options.file !== undefined) readOptions.file = options.file;
  if (options.messageType !== undefined) readOptions.messageType = options.messageType;
  const read = readChecked(text, readOptions);
  if (!read.ok) return { text, ok: false, diagnostics: read.diagnostics, changed: false };
  const out = formatSyntaxTree(read.tree, options);
  return { text: out, ok: true, diagnostics: read.diagnostics, changed: out !== text };
}
