import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { SourceText } from "../diagnostics/source-text.js";
import { type FieldInfo, type MapFieldInfo, type ScalarFieldInfo, messageInfo } from "../schema/descriptors.js";
import { Lexer, TokenType } from "../textformat/lexer.js";
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
} from "./cst.js";
import { doubleQuoted, spellWord } from "./spell-value.js";
import { CH_COLON, CH_COMMA, CH_GT, CH_LBRACE, CH_LBRACKET, CH_LF, CH_LT, CH_MINUS, CH_RBRACE, CH_RBRACKET, CH_SEMI, CH_SPACE, CH_TAB } from "../textformat/chars.js";

/**
 * Reads text into the concrete syntax tree of `cst.ts`, on the same tokenizer
 * as the parser (so it splits tokens exactly as protoc does) with comments
 * recorded. It checks syntax only; whether the values fit the schema is the
 * parser's job, and `formatPbtxt` runs the parser first. One pass over the
 * tokens, each gap between two tokens scanned once for newlines: linear time.
 * Never throws for bad input: the first syntax error comes back as a diagnostic.
 */


const FMT_OFF = "gen-repo: fmt off";
const FMT_ON = "gen-repo: fmt on";

// Shared, never mutated: most fields have no inner comments, and blank lines
// carry no data. Not frozen: V8 iterates and stores frozen objects on slow
// paths, which made formatting a large file several times slower.
const NO_COMMENTS: readonly CommentText[] = [];
const BLANK: BlankItem = { kind: "blank" };
/** What a field holds until its value is read. */
const NO_VALUE: ScalarNode = { kind: "scalar", text: "", start: 0, end: 0, trailing: undefined };

function addInner(field: FieldNode, text: CommentText): void {
  if (field.inner === NO_COMMENTS) field.inner = [text];
  else (field.inner as CommentText[]).push(text);
}

/** Internal: unwinds the read after a syntax error. */
class StopReading {
  constructor(readonly offset: number, readonly message: string) {}
}

const entryTypes = new WeakMap<MapFieldInfo, BodyType>();

/** The `key`/`value` message a map entry is written as. */
export function mapEntryType(field: MapFieldInfo): BodyType {
  let entry = entryTypes.get(field);
  if (entry) return entry;
  const key: ScalarFieldInfo = {
    kind: "scalar", scalar: field.keyType, repeated: false, name: "key", number: 1, index: 0, oneof: undefined, comment: undefined,
  };
  const fields: FieldInfo[] = [key, field.value];
  entry = { name: `${field.name} entry`, fields, field: (name) => (name === "key" ? key : name === "value" ? field.value : undefined) };
  entryTypes.set(field, entry);
  return entry;
}

const messageTypes = new WeakMap<FieldInfo, BodyType>();

/** The body type of a message-valued field, or undefined for a scalar one. */
export function bodyTypeOf(info: FieldInfo | undefined): BodyType | undefined {
  if (info?.kind === "message") {
    // Cached: the descriptor's getter rebuilds the type's full name on every call.
    let type = messageTypes.get(info);
    if (type === undefined) {
      type = info.messageType;
      messageTypes.set(info, type);
    }
    return type;
  }
  if (info?.kind === "map") return mapEntryType(info);
  return undefined;
}

/** The comment's words after `#`, for matching the formatter's directives. */
function directive(text: string): string {
  let i = 1;
  while (i < text.length && (text.charCodeAt(i) === CH_SPACE || text.charCodeAt(i) === CH_TAB)) i++;
  return text.slice(i);
}

/** Per-body bookkeeping: who a same-line comment belongs to, and an open fmt-off region. */
interface BodyState {
  body: MessageBody;
  /** The field or open brace a comment on the same line as the previous token belongs to. */
  last: FieldNode | MessageBody | undefined;
  offStart: number;
  offIndex: number;
  lastCommentEnd: number;
}

class TreeReader {
  private readonly lexer: Lexer;
  private readonly text: string;
  private readonly comments: { start: number; end: number }[];
  private consumed = 0;
  /** End of the token before the current one. */
  private prevEnd = 0;

  constructor(text: string) {
    this.text = text;
    this.lexer = new Lexer(
      text,
      (e) => {
        throw new StopReading(e.offset, e.message);
      },
      { keepComments: true },
    );
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
      addInner(field, this.commentText(this.comments[this.consumed++] as { start: number; end: number }));
    }
  }

  /** After a field's value, before its `;`/`,`: a same-line comment trails the field. */
  private afterValueGap(field: FieldNode): void {
    let from = this.prevEnd;
    while (this.consumed < this.comments.length) {
      const c = this.comments[this.consumed++] as { start: number; end: number };
      const text = this.commentText(c);
      if (field.trailing === undefined && this.newlines(from, c.start) === 0) field.trailing = text;
      else addInner(field, text);
      from = c.end;
    }
  }

  /** The gap before a field or a closing brace: comments and blank lines become items. */
  private bodyGap(state: BodyState): void {
    const { body } = state;
    let from = this.prevEnd;
    let first = true;
    while (this.consumed < this.comments.length) {
      const c = this.comments[this.consumed++] as { start: number; end: number };
      const lines = this.newlines(from, c.start);
      const text = this.commentText(c);
      state.lastCommentEnd = c.end;
      if (first && lines === 0 && state.last !== undefined) {
        if (state.last === body) {
          if (body.openTrailing === undefined) {
            body.openTrailing = text;
            from = c.end;
            first = false;
            continue;
          }
        } else if ((state.last as FieldNode).trailing === undefined) {
          (state.last as FieldNode).trailing = text;
          from = c.end;
          first = false;
          continue;
        }
      }
      first = false;
      if (lines >= 2) body.items.push(BLANK);
      const words = directive(text);
      if (words === FMT_OFF && state.offStart < 0) {
        state.offStart = this.lineStart(c.start);
        state.offIndex = body.items.length;
      }
      body.items.push({ kind: "comment", text, start: c.start, end: c.end });
      if (words === FMT_ON && state.offStart >= 0) this.closeRegion(state, c.end);
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

  /** Replaces the items of an fmt-off region with the region's text. */
  private closeRegion(state: BodyState, end: number): void {
    const { body } = state;
    body.items.splice(state.offIndex, body.items.length - state.offIndex, {
      kind: "verbatim",
      text: this.text.slice(state.offStart, end),
      start: state.offStart,
      end,
    });
    state.offStart = -1;
  }

  // ---- grammar -------------------------------------------------------------

  private body(body: MessageBody, isRoot: boolean): void {
    const lexer = this.lexer;
    const state: BodyState = { body, last: isRoot ? undefined : body, offStart: -1, offIndex: 0, lastCommentEnd: -1 };
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
    if (state.offStart >= 0) {
      // No `fmt on` in this body: the region runs to its last token or comment.
      this.closeRegion(state, Math.max(this.prevEnd, state.lastCommentEnd));
    }
  }

  private field(type: BodyType | undefined): FieldNode {
    const lexer = this.lexer;
    if (lexer.type !== TokenType.Identifier) this.fail(`expected a field name, got ${this.found()}`);
    const name = lexer.tokenText();
    const info = type?.field(name);
    const field: FieldNode = {
      kind: "field",
      name,
      info,
      value: NO_VALUE,
      inner: NO_COMMENTS,
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
    const node: MessageNode = { kind: "message", type, items: [], open: start, close: 0, openTrailing: undefined, start, end: 0, trailing: undefined };
    this.body(node, false);
    if (!lexer.isSymbol(close)) this.fail(`expected "${String.fromCharCode(close)}", got ${this.found()}`);
    node.close = lexer.start;
    node.end = lexer.end;
    this.advance();
    return node;
  }

  private list(field: FieldNode): ListNode {
    const lexer = this.lexer;
    const list: ListNode = { kind: "list", items: [], openTrailing: undefined, start: lexer.start, end: 0 };
    const elementType = bodyTypeOf(field.info);
    this.advance();
    let last: ListElement | undefined;
    for (;;) {
      this.listGap(list, last);
      if (lexer.isSymbol(CH_RBRACKET)) break;
      if (last !== undefined) {
        if (!lexer.isSymbol(CH_COMMA)) this.fail(`expected "," or "]", got ${this.found()}`);
        this.advance();
        this.listGap(list, last);
      }
      last = lexer.isSymbol(CH_LBRACE) || lexer.isSymbol(CH_LT) ? this.message(elementType) : this.scalar(field);
      list.items.push(last);
    }
    list.end = lexer.end;
    this.advance();
    return list;
  }

  private listGap(list: ListNode, last: ListElement | undefined): void {
    let from = this.prevEnd;
    let first = true;
    while (this.consumed < this.comments.length) {
      const c = this.comments[this.consumed++] as { start: number; end: number };
      const text = this.commentText(c);
      if (first && this.newlines(from, c.start) === 0) {
        if (last === undefined && list.openTrailing === undefined) {
          list.openTrailing = text;
          from = c.end;
          first = false;
          continue;
        }
        if (last !== undefined && last.trailing === undefined) {
          last.trailing = text;
          from = c.end;
          first = false;
          continue;
        }
      }
      first = false;
      list.items.push({ kind: "comment", text });
      from = c.end;
    }
  }

  private scalar(field: FieldNode): ScalarNode {
    const lexer = this.lexer;
    const start = lexer.start;
    if (lexer.type === TokenType.String) {
      let text = doubleQuoted(lexer.tokenText());
      this.advance();
      while (lexer.type === TokenType.String) {
        this.innerGap(field);
        text += ` ${doubleQuoted(lexer.tokenText())}`;
        this.advance();
      }
      return { kind: "scalar", text, start, end: this.prevEnd, trailing: undefined };
    }
    let sign = "";
    if (lexer.isSymbol(CH_MINUS)) {
      sign = "-";
      this.advance();
      this.innerGap(field);
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
    return { tree: { text, root }, diagnostics: [] };
  } catch (error: unknown) {
    if (!(error instanceof StopReading)) throw error;
    const { line, column } = new SourceText(text, options.file).position(error.offset);
    const d: Diagnostic = { code: "PB-SYNTAX", severity: "error", message: error.message, line, column };
    if (options.file !== undefined) d.file = options.file;
    return { tree: undefined, diagnostics: [d] };
  }
}
