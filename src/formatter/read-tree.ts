import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { SourceText } from "../diagnostics/source-text.js";
import { type FieldInfo, type MapFieldInfo, messageInfo } from "../schema/descriptors.js";
import { Lexer, TokenType } from "../pbtxt/lexer.js";
import { fieldTable, matchByName } from "../pbtxt/name-table.js";
import { parseMessage } from "../pbtxt/parser.js";
import type { MessageValue } from "../pbtxt/types.js";
import type {
  BlankItem,
  BodyType,
  CommentText,
  FieldNode,
  ListElement,
  ListNode,
  MessageBody,
  MessageNode,
  ScalarNode,
  SyntaxTree,
  TextRegion,
} from "./cst.js";
import { doubleQuoted, spellWord } from "./spell-value.js";
import {
  CH_COLON,
  CH_COMMA,
  CH_CR,
  CH_GT,
  CH_HASH,
  CH_LBRACE,
  CH_LBRACKET,
  CH_LF,
  CH_LT,
  CH_MINUS,
  CH_RBRACE,
  CH_RBRACKET,
  CH_SEMI,
  CH_SPACE,
  CH_TAB,
} from "../pbtxt/chars.js";

/**
 * Reads text into the concrete syntax tree of `cst.ts`, on the same tokenizer
 * as the parser (so it splits tokens exactly as protoc does) with comments
 * recorded. It checks syntax only; whether the values fit the schema is the
 * parser's job, and `formatPbtxt` runs the parser first. One pass over the
 * tokens, each gap between two tokens scanned once for newlines: linear time.
 * Never throws for bad input: the first syntax error comes back as a diagnostic.
 *
 * fmt-off regions are spans of lines, whatever the nesting: a region starts
 * at the line of a `# gen-repo: fmt off` comment written on a line of its own
 * and ends at the end of the matching `# gen-repo: fmt on` (also on a line of
 * its own), even when the two sit in different messages or lists. Directives
 * nest: after two `off`, it takes two `on` to end the region, so no text
 * between an `off` and an `on` is ever formatted. Without its `on`, a region
 * runs to the end of the message or list (or file) around each `off` it holds,
 * and past every `on` it holds. A directive written inside a field, between
 * its name and its value, stretches the region over the whole field (the
 * formatter moves such comments, so they cannot mark a line of their own).
 */

const FMT_OFF = "gen-repo: fmt off";
const FMT_ON = "gen-repo: fmt on";

// Shared, never mutated: most fields have no inner comments, and blank lines
// carry no data. Not frozen: V8 iterates and stores frozen objects on slow
// paths, which made formatting a large file several times slower.
const NO_COMMENTS: readonly CommentText[] = [];
const NO_OFFSETS: readonly number[] = [];
const BLANK: BlankItem = { kind: "blank" };
/** What a field holds until its value is read. */
const NO_VALUE: ScalarNode = { kind: "scalar", text: "", start: 0, end: 0, trailing: undefined };

function addInner(field: FieldNode, text: CommentText, start: number): void {
  if (field.inner === NO_COMMENTS) {
    field.inner = [text];
    field.innerStarts = [start];
  } else {
    (field.inner as CommentText[]).push(text);
    (field.innerStarts as number[]).push(start);
  }
}

/** Internal: unwinds the read after a syntax error. */
class StopReading {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

const entryTypes = new WeakMap<MapFieldInfo, BodyType>();

/** The `key`/`value` message a map entry is written as. */
export function mapEntryType(field: MapFieldInfo): BodyType {
  let entry = entryTypes.get(field);
  if (entry) return entry;
  const key = field.key;
  const fields: FieldInfo[] = [key, field.value];
  entry = {
    name: `${field.name} entry`,
    fields,
    field: (name) => (name === "key" ? key : name === "value" ? field.value : undefined),
  };
  entryTypes.set(field, entry);
  return entry;
}

/** The body type of a message-valued field, or undefined for a scalar one. */
export function bodyTypeOf(info: FieldInfo | undefined): BodyType | undefined {
  if (info?.kind === "message") return info.messageType;
  if (info?.kind === "map") return mapEntryType(info);
  return undefined;
}

/** The comment's words after `#`, for matching the formatter's directives. */
function directive(text: string): string {
  let i = 1;
  while (i < text.length && (text.charCodeAt(i) === CH_SPACE || text.charCodeAt(i) === CH_TAB)) i++;
  return text.slice(i);
}

/** Per-body bookkeeping: who a same-line comment belongs to. */
interface BodyState {
  body: MessageBody;
  /** The field or open brace a comment on the same line as the previous token belongs to. */
  last: FieldNode | MessageBody | undefined;
}

/** A `fmt off` or `fmt on` comment as read. */
interface Directive {
  off: boolean;
  /** Start of the directive's line, and end of the comment. */
  start: number;
  end: number;
  /** For `off`: the end of the last token or comment of the enclosing body or list. */
  limit: number;
  /** The field the directive was written inside (between its name and its value), if any. */
  field: FieldNode | undefined;
}

class TreeReader {
  private readonly lexer: Lexer;
  private readonly text: string;
  private readonly comments: { start: number; end: number }[];
  private consumed = 0;
  /** End of the token before the current one. */
  private prevEnd = 0;
  /** End of the last comment read. */
  private lastCommentEnd = 0;
  /** Every directive, in source order. */
  // Stryker disable next-line ArrayDeclaration: a stray first entry is read at depth 0, where only an `off` counts
  private readonly directives: Directive[] = [];
  /** The `off` directives whose enclosing body or list is still being read. */
  // Stryker disable next-line ArrayDeclaration: a stray first entry lies below every mark, never updated
  private readonly unclosed: Directive[] = [];

  constructor(text: string) {
    this.text = text;
    this.lexer = new Lexer(
      text,
      (e) => {
        throw new StopReading(e.offset, e.message);
      },
      { keepComments: true },
    );
    // Stryker disable next-line ArrayDeclaration: with keepComments the lexer always has a comments array
    this.comments = this.lexer.comments ?? [];
  }

  read(type: BodyType): MessageBody {
    this.lexer.next();
    const root: MessageBody = { type, items: [], open: -1, close: this.text.length, openTrailing: undefined };
    this.body(root, true);
    return root;
  }

  // ---- tokens and gaps -----------------------------------------------------

  private advance(): void {
    this.prevEnd = this.lexer.end;
    this.lexer.next();
  }

  private fail(message: string): never {
    throw new StopReading(this.lexer.start, message);
  }

  private found(): string {
    return this.lexer.type === TokenType.End ? "end of input" : `"${this.lexer.tokenText()}"`;
  }

  /** The next comment of the current gap (the caller checks there is one). */
  private takeComment(): { start: number; end: number } {
    const c = this.comments[this.consumed++] as { start: number; end: number };
    this.lastCommentEnd = c.end;
    return c;
  }

  private commentText(c: { start: number; end: number }): CommentText {
    let end = c.end;
    while (end > c.start + 1 && this.text.charCodeAt(end - 1) <= CH_SPACE) end--;
    return this.text.slice(c.start, end);
  }

  private newlines(from: number, to: number): number {
    let n = 0;
    const text = this.text;
    for (let i = from; i < to; i++) if (text.charCodeAt(i) === CH_LF) n++;
    return n;
  }

  /** Comments between two tokens of one field: kept, printed before the field. */
  private innerGap(field: FieldNode): void {
    while (this.consumed < this.comments.length) {
      const c = this.takeComment();
      const text = this.commentText(c);
      this.noteDirective(c.start, text, field);
      addInner(field, text, c.start);
    }
  }

  /** Comments inside a list element's value: own-line comments of the list, before the element. */
  private elementGap(list: ListNode, field: FieldNode): void {
    while (this.consumed < this.comments.length) {
      const c = this.takeComment();
      const text = this.commentText(c);
      // A directive here is inside the field, as one between its other tokens is.
      this.noteDirective(c.start, text, field);
      list.items.push({ kind: "comment", text, start: c.start });
    }
  }

  /** After a field's value, before its `;`/`,`: a same-line comment trails the field. */
  private afterValueGap(field: FieldNode): void {
    let from = this.prevEnd;
    while (this.consumed < this.comments.length) {
      const c = this.takeComment();
      const text = this.commentText(c);
      if (field.trailing === undefined && this.newlines(from, c.start) === 0) field.trailing = text;
      else {
        this.noteDirective(c.start, text, field);
        addInner(field, text, c.start);
      }
      from = c.end;
    }
  }

  /** The gap before a field or a closing brace: comments and blank lines become items. */
  private bodyGap(state: BodyState): void {
    const { body } = state;
    let from = this.prevEnd;
    let first = true;
    while (this.consumed < this.comments.length) {
      const c = this.takeComment();
      const lines = this.newlines(from, c.start);
      const text = this.commentText(c);
      if (first && lines === 0 && state.last !== undefined) {
        if (state.last === body) {
          if (body.openTrailing === undefined) {
            body.openTrailing = text;
            from = c.end;
            // Stryker disable next-line BooleanLiteral: the next comment is on a later line, so lines > 0
            first = false;
            continue;
          }
        } else if ((state.last as FieldNode).trailing === undefined) {
          (state.last as FieldNode).trailing = text;
          from = c.end;
          // Stryker disable next-line BooleanLiteral: the next comment is on a later line, so lines > 0
          first = false;
          continue;
        }
      }
      // Stryker disable next-line BooleanLiteral: the next comment is on a later line, so lines > 0
      first = false;
      if (lines >= 2) body.items.push(BLANK);
      this.noteDirective(c.start, text, undefined);
      body.items.push({ kind: "comment", text, start: c.start, end: c.end });
      from = c.end;
    }
    if (this.newlines(from, this.lexer.start) >= 2) body.items.push(BLANK);
  }

  private lineStart(offset: number): number {
    let i = offset;
    while (i > 0) {
      const c = this.text.charCodeAt(i - 1);
      if (c === CH_LF) break;
      i--;
    }
    return i;
  }

  /** Whether the text from `from` to `to` is blanks only. */
  private onlyBlanks(from: number, to: number): boolean {
    for (let i = from; i < to; i++) {
      const c = this.text.charCodeAt(i);
      if (c !== CH_SPACE && c !== CH_TAB && c !== CH_CR) return false;
    }
    return true;
  }

  /** Records a comment that is a directive written on a line of its own (elsewhere it is an ordinary comment). */
  private noteDirective(start: number, text: CommentText, field: FieldNode | undefined): void {
    const words = directive(text);
    const off = words === FMT_OFF;
    if (!off && words !== FMT_ON) return;
    const line = this.lineStart(start);
    if (!this.onlyBlanks(line, start)) return;
    const end = start + text.length;
    const d: Directive = { off, start: line, end, limit: end, field };
    this.directives.push(d);
    if (off) this.unclosed.push(d);
  }

  /** A body or list ends: the `off` directives read in it since `mark` learn where it ends. */
  private closeConstruct(mark: number): void {
    const end = Math.max(this.prevEnd, this.lastCommentEnd);
    for (let i = mark; i < this.unclosed.length; i++) (this.unclosed[i] as Directive).limit = end;
    this.unclosed.length = mark;
  }

  /** Where a region must start to hold the whole of `field`: its line when nothing precedes it there. */
  private fieldStart(field: FieldNode): number {
    const line = this.lineStart(field.start);
    return this.onlyBlanks(line, field.start) ? line : field.start;
  }

  /** Where a region must end to hold the whole of `field`: with the comment after it on its line, if any. */
  private fieldEnd(field: FieldNode): number {
    const text = this.text;
    let i = field.end;
    while (i < text.length && (text.charCodeAt(i) === CH_SPACE || text.charCodeAt(i) === CH_TAB)) i++;
    if (text.charCodeAt(i) !== CH_HASH) return field.end;
    let end = text.indexOf("\n", i);
    if (end < 0) end = text.length;
    while (end > i + 1 && text.charCodeAt(end - 1) <= CH_SPACE) end--;
    return end;
  }

  /** The fmt-off regions, from the directives read (see the module comment). */
  regions(): TextRegion[] {
    const spans: TextRegion[] = [];
    let depth = 0;
    let start = 0;
    let reach = 0;
    for (const d of this.directives) {
      if (d.off) {
        if (depth === 0) {
          start = d.field === undefined ? d.start : this.fieldStart(d.field);
          reach = 0;
        }
        depth++;
        reach = Math.max(reach, d.limit, d.field === undefined ? d.end : this.fieldEnd(d.field));
      } else if (depth > 0) {
        const end = d.field === undefined ? d.end : this.fieldEnd(d.field);
        reach = Math.max(reach, end);
        if (--depth === 0) spans.push({ start, end });
      }
    }
    if (depth > 0) spans.push({ start, end: reach });
    // A directive inside a field stretches its region back to the field's line, which may overlap the previous region.
    spans.sort((a, b) => a.start - b.start);
    const merged: TextRegion[] = [];
    for (const span of spans) {
      const last = merged[merged.length - 1];
      if (last !== undefined && span.start <= last.end) last.end = Math.max(last.end, span.end);
      else merged.push({ ...span });
    }
    return merged;
  }

  // ---- grammar -------------------------------------------------------------

  private body(body: MessageBody, isRoot: boolean): void {
    const lexer = this.lexer;
    const state: BodyState = { body, last: isRoot ? undefined : body };
    const mark = this.unclosed.length;
    for (;;) {
      this.bodyGap(state);
      if (lexer.type === TokenType.End) {
        if (!isRoot) this.fail('expected "}" to close the message, got end of input');
        break;
      }
      if (!isRoot && (lexer.isSymbol(CH_RBRACE) || lexer.isSymbol(CH_GT))) break;
      const field = this.field(body.type);
      body.items.push(field);
      state.last = field;
    }
    this.closeConstruct(mark);
  }

  private field(type: BodyType | undefined): FieldNode {
    const lexer = this.lexer;
    if (lexer.type !== TokenType.Identifier) this.fail(`expected a field name, got ${this.found()}`);
    // Found by the lexer's hash where the name is written, as the reader finds it (pbtxt/name-table.ts).
    const info =
      type === undefined ? undefined : matchByName(fieldTable(type), lexer.hash, lexer.text, lexer.start, lexer.end);
    const name = info === undefined ? lexer.tokenText() : info.name;
    const field: FieldNode = {
      kind: "field",
      name,
      info,
      value: NO_VALUE,
      inner: NO_COMMENTS,
      innerStarts: NO_OFFSETS,
      trailing: undefined,
      start: lexer.start,
      end: lexer.end,
    };
    this.advance();
    this.innerGap(field);
    if (lexer.isSymbol(CH_COLON)) {
      this.advance();
      this.innerGap(field);
    }
    if (lexer.isSymbol(CH_LBRACE) || lexer.isSymbol(CH_LT)) {
      field.value = this.message(bodyTypeOf(info));
    } else if (lexer.isSymbol(CH_LBRACKET)) {
      field.value = this.list(field);
    } else {
      field.value = this.scalar(field);
    }
    field.end = this.prevEnd;
    if (lexer.isSymbol(CH_SEMI) || lexer.isSymbol(CH_COMMA)) {
      this.afterValueGap(field);
      this.advance();
      field.end = this.prevEnd;
    }
    return field;
  }

  private message(type: BodyType | undefined): MessageNode {
    const lexer = this.lexer;
    const start = lexer.start;
    const close = lexer.isSymbol(CH_LT) ? CH_GT : CH_RBRACE;
    this.advance();
    const node: MessageNode = {
      kind: "message",
      type,
      items: [],
      open: start,
      close: 0,
      openTrailing: undefined,
      start,
      end: 0,
      trailing: undefined,
    };
    this.body(node, false);
    if (!lexer.isSymbol(close)) this.fail(`expected "${String.fromCharCode(close)}", got ${this.found()}`);
    node.close = lexer.start;
    node.end = lexer.end;
    this.advance();
    return node;
  }

  private list(field: FieldNode): ListNode {
    const lexer = this.lexer;
    const list: ListNode = { kind: "list", items: [], openTrailing: undefined, commas: [], start: lexer.start, end: 0 };
    const elementType = bodyTypeOf(field.info);
    const mark = this.unclosed.length;
    this.advance();
    let last: ListElement | undefined;
    for (;;) {
      this.listGap(list, last);
      if (lexer.isSymbol(CH_RBRACKET)) break;
      if (last !== undefined) {
        if (!lexer.isSymbol(CH_COMMA)) this.fail(`expected "," or "]", got ${this.found()}`);
        list.commas.push(lexer.start);
        this.advance();
        this.listGap(list, last);
      }
      last = lexer.isSymbol(CH_LBRACE) || lexer.isSymbol(CH_LT) ? this.message(elementType) : this.scalar(field, list);
      list.items.push(last);
    }
    this.closeConstruct(mark);
    list.end = lexer.end;
    this.advance();
    return list;
  }

  private listGap(list: ListNode, last: ListElement | undefined): void {
    let from = this.prevEnd;
    let first = true;
    while (this.consumed < this.comments.length) {
      const c = this.takeComment();
      const text = this.commentText(c);
      if (first && this.newlines(from, c.start) === 0) {
        if (last === undefined && list.openTrailing === undefined) {
          list.openTrailing = text;
          from = c.end;
          // Stryker disable next-line BooleanLiteral: the next comment is on a later line, so never same-line
          first = false;
          continue;
        }
        if (last !== undefined && last.trailing === undefined) {
          last.trailing = text;
          from = c.end;
          // Stryker disable next-line BooleanLiteral: the next comment is on a later line, so never same-line
          first = false;
          continue;
        }
      }
      // Stryker disable next-line BooleanLiteral: the next comment is on a later line, so never same-line
      first = false;
      this.noteDirective(c.start, text, undefined);
      list.items.push({ kind: "comment", text, start: c.start });
      from = c.end;
    }
  }

  /**
   * A scalar value; `list` when it is a list element: a comment inside it
   * (`- # why` before the number) then goes on its own line before the
   * element, not above the whole field, where it would describe another one.
   */
  private scalar(field: FieldNode, list?: ListNode): ScalarNode {
    const lexer = this.lexer;
    const gap = (): void => (list === undefined ? this.innerGap(field) : this.elementGap(list, field));
    const start = lexer.start;
    if (lexer.type === TokenType.String) {
      let text = doubleQuoted(lexer.tokenText());
      this.advance();
      while (lexer.type === TokenType.String) {
        gap();
        text += ` ${doubleQuoted(lexer.tokenText())}`;
        this.advance();
      }
      return { kind: "scalar", text, start, end: this.prevEnd, trailing: undefined };
    }
    let sign = "";
    if (lexer.isSymbol(CH_MINUS)) {
      sign = "-";
      this.advance();
      gap();
    }
    const type = lexer.type;
    if (type !== TokenType.Integer && type !== TokenType.Float && type !== TokenType.Identifier) {
      this.fail(`expected a value for "${field.name}", got ${this.found()}`);
    }
    const text = spellWord(field.info, sign, lexer.tokenText(), type === TokenType.Integer);
    this.advance();
    return { kind: "scalar", text, start, end: this.prevEnd, trailing: undefined };
  }
}

export interface ReadTreeOptions {
  /** File name used in diagnostics. */
  file?: string;
  /** Message type of the text, relative to package `inference`. Default `ModelConfig`. */
  messageType?: string;
}

export interface ReadTreeResult {
  tree: SyntaxTree | undefined;
  diagnostics: Diagnostic[];
}

/**
 * Reads the concrete syntax tree of protobuf text. Returns no tree and one
 * `PB-SYNTAX` diagnostic when the text is not well-formed.
 */
export function readSyntaxTree(text: string, options: ReadTreeOptions = {}): ReadTreeResult {
  const reader = new TreeReader(text);
  try {
    const root = reader.read(messageInfo(options.messageType ?? "ModelConfig"));
    return { tree: { text, root, regions: reader.regions() }, diagnostics: [] };
  } catch (error: unknown) {
    if (!(error instanceof StopReading)) throw error;
    const { line, column } = new SourceText(text, options.file).position(error.offset);
    const d: Diagnostic = { code: "PB-SYNTAX", severity: "error", message: error.message, line, column };
    if (options.file !== undefined) d.file = options.file;
    return { tree: undefined, diagnostics: [d] };
  }
}

/**
 * What formatting and editing both start from: the message (the parser
 * decides whether the text is acceptable, as protoc would) and, for accepted
 * text, its syntax tree. On refusal, every diagnostic of both readings.
 */
export function readChecked(
  text: string,
  options: ReadTreeOptions = {},
):
  | { ok: true; value: MessageValue; tree: SyntaxTree; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] } {
  // Stryker disable next-line BooleanLiteral: positions only cost time, readChecked never reads them
  const parsed = parseMessage(text, { ...options, positions: false });
  if (!parsed.ok) return { ok: false, diagnostics: parsed.diagnostics };
  const read = readSyntaxTree(text, options);
  if (!read.tree) return { ok: false, diagnostics: [...parsed.diagnostics, ...read.diagnostics] };
  return { ok: true, value: parsed.value, tree: read.tree, diagnostics: parsed.diagnostics };
}
