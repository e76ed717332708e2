import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { SYNTAX_CODES, type SyntaxCode } from "../diagnostics/codes.js";
import { SourceText } from "../diagnostics/source-text.js";
import { closestMatch } from "../diagnostics/suggest.js";
import {
  type EnumFieldInfo,
  type FieldInfo,
  type MapFieldInfo,
  type ScalarFieldInfo,
  type ScalarType,
  messageInfo,
} from "../schema/descriptors.js";
import { Lexer, TokenType } from "./lexer.js";
import { INTEGER_RANGES } from "../schema/integer-ranges.js";
import { plainStringBody, unescapeStringToken } from "./escape.js";
import { decodeUtf8Bytes, encodeUtf8Text, holdsRawBytes } from "./utf8.js";
import { floatFromDouble, int64InMemory, integerTokenValue } from "./numbers.js";
import { type NameTable, enumTable, fieldTable, matchByName } from "./name-table.js";
import { PositionTable, createSourceInfo } from "./positions.js";
import { type FieldValue, type MessageValue, type ParseOptions, type ParseResult, setOwn } from "./types.js";
import {
  CH_COLON,
  CH_COMMA,
  CH_DOT,
  CH_GT,
  CH_LBRACE,
  CH_LBRACKET,
  CH_LT,
  CH_MINUS,
  CH_RBRACE,
  CH_RBRACKET,
  CH_SEMI,
} from "./chars.js";

/**
 * Schema-driven reader of protobuf text format, with the grammar and the
 * refusals of the C++ `TextFormat::Parser` that protoc and Triton use:
 * the same accepted syntax, the same error texts, at the same token. Like
 * protoc it stops at the first parse error (tokenizer errors before it are
 * all reported). It never throws and runs in time linear in the input; its
 * recursion depth is bounded by the schema's nesting, not by the input.
 */

/** Internal: unwinds the parse after the first error has been recorded. */
class StopParsing {}
const STOP = new StopParsing();

const INT32_MAX = INTEGER_RANGES.int32.max;
const UINT32_MAX = INTEGER_RANGES.uint32.max;
const INT64_MAX = INTEGER_RANGES.int64.max;
const UINT64_MAX = INTEGER_RANGES.uint64.max;

/** Lists up to this long are copied to their exact size after the parse (see TextParser.grown). */
const SHORT_LIST = 16;

/** A message type as the parser needs it; map entries get a synthetic one, without oneofs. */
interface ParseType {
  fullName: string;
  fields: readonly FieldInfo[];
  oneofs?: ReadonlyMap<string, readonly string[]>;
}

const entryTypes = new WeakMap<MapFieldInfo, ParseType>();

function mapEntryType(owner: ParseType, field: MapFieldInfo): ParseType {
  let entry = entryTypes.get(field);
  if (entry) return entry;
  // protoc names the synthetic entry message after the field: parameters → ParametersEntry.
  const camel = field.name.replace(/(^|_)([a-z0-9])/g, (_m, _u, c: string) => c.toUpperCase());
  entry = { fullName: `${owner.fullName}.${camel}Entry`, fields: [field.key, field.value] };
  entryTypes.set(field, entry);
  return entry;
}

/**
 * Whether protoc's reflection would say the field is not set yet, so that a
 * second value is allowed. proto3 scalars outside a oneof have no presence:
 * `HasField` is true when the value differs from zero, compared as the C++
 * type holds it: an integer or enum number against 0 (so `-0` and `0x0` and an
 * enum given by number 0 are zero), a bool against false, a string against
 * "" and a float or double by its bits (so `-0.0` and NaN count as set).
 */
function isUnsetScalar(field: FieldInfo, value: FieldValue): boolean {
  if (field.kind === "enum")
    return value === 0 || (typeof value === "string" && field.enumType.values.get(value) === 0);
  if (field.kind !== "scalar") return false;
  switch (field.scalar) {
    case "string":
    // the schema has no bytes field (generated/schema-data.ts), so this label is never reached
    // Stryker disable next-line StringLiteral: equivalent, see above
    case "bytes":
      return value === "";
    case "bool":
      return value === false;
    case "float":
    // float still falls through to this case, and the only double field (buckets) is repeated, where no duplicate
    // check asks
    // Stryker disable next-line StringLiteral: equivalent, see above
    case "double":
      return value === 0 && !Object.is(value, -0);
    default:
      return value === 0 || value === 0n;
  }
}

function isHexOrOctal(text: string): boolean {
  return text.length > 1 && text.charCodeAt(0) === 48 && /[0-9xX]/.test(text[1] as string);
}

class TextParser {
  private readonly lexer: Lexer;
  private readonly source: SourceText;
  private readonly file: string | undefined;
  readonly diagnostics: Diagnostic[] = [];
  readonly positions: PositionTable | undefined;
  private failed = false;

  constructor(text: string, options: ParseOptions & { recordPositions?: boolean }) {
    this.file = options.file;
    this.source = new SourceText(text, options.file);
    this.positions = options.recordPositions ? new PositionTable() : undefined;
    this.lexer = new Lexer(text, (e) => this.report(e.code, e.message, e.offset));
  }

  parse(type: ParseType): MessageValue {
    const root: MessageValue = {};
    try {
      this.lexer.next();
      const names = fieldTable(type);
      while (this.lexer.type !== TokenType.End) this.field(type, names, root);
      // nothing in the parse throws but STOP (fail() is the only throw), so the rethrow is never taken
      // Stryker disable next-line BlockStatement: equivalent, see above
    } catch (e) {
      if (e !== STOP) throw e;
    }
    this.trimGrownLists();
    return root;
  }

  /**
   * Lists that grew past one element, as pairs of holder and field name. V8
   * grows an array by half its length plus 16 slots, so a list of two dims
   * holds room for seventeen; most lists are that short, and parsed configs
   * are kept (a repository's worth of them, while validating), so short
   * lists are copied to their exact size once the parse is done.
   */
  private readonly grown: (MessageValue | string)[] = [];

  private trimGrownLists(): void {
    const grown = this.grown;
    for (let i = 0; i < grown.length; i += 2) {
      const holder = grown[i] as MessageValue;
      const name = grown[i + 1] as string;
      const list = holder[name] as FieldValue[];
      if (list.length <= SHORT_LIST) holder[name] = list.slice();
    }
  }

  /** Whether the text holds bytes that are not UTF-8 anywhere; asked once, at the first string. */
  private rawBytes: boolean | undefined;
  // an undefined answer makes unescapeStringToken's mayHoldRawBytes default to true, which only costs a scan per token
  // Stryker disable next-line BlockStatement: equivalent, see above
  private textHoldsRawBytes(): boolean {
    // the field then stays undefined, and unescapeStringToken's mayHoldRawBytes defaults to true: same values, only
    // slower
    // Stryker disable next-line AssignmentOperator: equivalent, see above
    this.rawBytes ??= holdsRawBytes(this.lexer.text);
    return this.rawBytes;
  }

  get ok(): boolean {
    return !this.failed;
  }

  sourceText(): SourceText {
    return this.source;
  }

  // ---- diagnostics -------------------------------------------------------

  report(code: SyntaxCode, message: string, offset: number, hint?: string): void {
    const { line, column } = this.source.position(offset);
    const severity = SYNTAX_CODES[code].severity;
    if (severity === "error") this.failed = true;
    const d: Diagnostic = { code, severity, message, line, column };
    if (this.file !== undefined) d.file = this.file;
    if (hint !== undefined) d.hint = hint;
    this.diagnostics.push(d);
  }

  /** Records an error at the current token, as C++ `ReportError` does, and stops. */
  private fail(code: SyntaxCode, message: string, hint?: string): never {
    this.report(code, message, this.lexer.start, hint);
    throw STOP;
  }

  /**
   * The current token as protoc quotes it: whole (however long), nothing at
   * the end of input. protoc's tokens are bytes, so a character outside ASCII
   * met outside a string is a one-byte symbol, its lead byte, which has no
   * text of its own: it shows as U+FFFD, as protoc's message does in any UTF-8
   * reader.
   */
  private describeCurrent(): string {
    const lexer = this.lexer;
    if (lexer.type === TokenType.End) return "";
    if (lexer.type === TokenType.Symbol && lexer.text.charCodeAt(lexer.start) >= 128) return "\ufffd";
    return lexer.tokenText();
  }

  // ---- token helpers -----------------------------------------------------

  private tryConsume(ch: number): boolean {
    if (this.lexer.isSymbol(ch)) {
      this.lexer.next();
      return true;
    }
    return false;
  }

  private consume(ch: number): void {
    if (!this.tryConsume(ch)) {
      const expected = String.fromCharCode(ch);
      const lexer = this.lexer;
      // A list that meets a closing brace or the end of input was never closed.
      const unclosedList =
        ch === CH_COMMA && (lexer.isSymbol(CH_RBRACE) || lexer.isSymbol(CH_GT) || lexer.type === TokenType.End);
      const code: SyntaxCode =
        ch === CH_COLON
          ? "PB-MISSING-COLON"
          : unclosedList || ch === CH_RBRACE || ch === CH_GT || ch === CH_LBRACE || ch === CH_LT
            ? "PB-DELIMITER"
            : "PB-SYNTAX";
      const hint = unclosedList ? 'close the list with "]"' : ch === CH_COLON ? 'write "name: value"' : undefined;
      this.fail(code, `Expected "${expected}", found "${this.describeCurrent()}".`, hint);
    }
  }

  // ---- grammar -----------------------------------------------------------

  private field(type: ParseType, names: NameTable<FieldInfo>, target: MessageValue): void {
    const lexer = this.lexer;
    const nameStart = lexer.start;
    if (lexer.isSymbol(CH_LBRACKET)) this.extension(type);
    if (lexer.type !== TokenType.Identifier) {
      this.fail("PB-SYNTAX", `Expected identifier, got: ${this.describeCurrent()}`);
    }
    // Match the token against the schema's own name strings: no string is
    // cut out of the text for a known name, and values share the schema's.
    const field = matchByName(names, lexer.hash, lexer.text, lexer.start, lexer.end);
    const name = field ? field.name : lexer.tokenText();
    lexer.next();
    if (!field) {
      const guess = closestMatch(
        name,
        type.fields.map((f) => f.name),
      );
      this.fail(
        "PB-UNKNOWN-FIELD",
        `Message type "${type.fullName}" has no field named "${name}".`,
        guess ? `did you mean "${guess}"?` : `fields of ${type.fullName}: ${type.fields.map((f) => f.name).join(", ")}`,
      );
    }

    const existing = field.repeated || field.kind === "map" ? undefined : target[name];
    if (existing !== undefined) {
      // proto3 scalars have no presence: protoc only refuses a second value
      // when the first one differs from the default.
      const hasField = field.oneof !== undefined || !isUnsetScalar(field, existing);
      if (hasField)
        this.fail("PB-DUPLICATE", `Non-repeated field "${name}" is specified multiple times.`, "remove one of the two");
      this.report(
        "PB-OVERWRITE-DEFAULT",
        `field "${name}" is set again after being set to its default value; the second value wins`,
        nameStart,
        "remove the first one",
      );
    }
    if (field.oneof !== undefined) {
      // a field with a oneof name belongs to a message type whose oneofs map lists it; map entry types have no oneofs
      // Stryker disable next-line ArrayDeclaration,OptionalChaining: equivalent, see above
      const members = type.oneofs?.get(field.oneof) ?? [];
      const other = members.find((m) => target[m] !== undefined);
      if (other !== undefined) {
        this.fail(
          "PB-ONEOF",
          `Field "${name}" is specified along with field "${other}", another member of oneof "${field.oneof}".`,
          `only one of ${members.join(", ")} can be set`,
        );
      }
    }

    const isMessage = field.kind === "message" || field.kind === "map";
    if (isMessage) this.tryConsume(CH_COLON);
    else this.consume(CH_COLON);

    if ((field.repeated || field.kind === "map") && lexer.isSymbol(CH_LBRACKET)) {
      lexer.next();
      if (!this.tryConsume(CH_RBRACKET)) {
        for (;;) {
          this.value(type, field, target, nameStart);
          if (this.tryConsume(CH_RBRACKET)) break;
          this.consume(CH_COMMA);
        }
      } else if (target[name] === undefined && field.kind !== "map") {
        // `dims: [ ]` is written on purpose (a scalar tensor); keep it visible.
        target[name] = [];
        this.positions?.record(target, name, nameStart, nameStart);
      }
    } else {
      this.value(type, field, target, nameStart);
    }
    // One `;` or `,` may end a field.
    if (lexer.isSymbol(CH_SEMI) || lexer.isSymbol(CH_COMMA)) lexer.next();
  }

  /**
   * `[ext.name]`: valid syntax, but Triton's schema has no extensions. The
   * name is read as protoc 3.21 reads it outside an Any message: identifiers
   * joined by dots, then `]` (so a `/` of a type URL is refused at the `/`).
   */
  private extension(type: ParseType): never {
    this.lexer.next();
    let name = this.identifier();
    while (this.tryConsume(CH_DOT)) name += `.${this.identifier()}`;
    this.consume(CH_RBRACKET);
    this.fail("PB-EXTENSION", `Extension "${name}" is not defined or is not an extension of "${type.fullName}".`);
  }

  private identifier(): string {
    const lexer = this.lexer;
    if (lexer.type !== TokenType.Identifier)
      this.fail("PB-SYNTAX", `Expected identifier, got: ${this.describeCurrent()}`);
    const text = lexer.tokenText();
    lexer.next();
    return text;
  }

  private value(type: ParseType, field: FieldInfo, target: MessageValue, nameStart: number): void {
    const valueStart = this.lexer.start;
    if (field.kind === "map") {
      const entryType = mapEntryType(type, field);
      const entry = this.message(entryType);
      const keyValue = entry.key;
      const key =
        keyValue === undefined
          ? field.keyType === "string"
            ? ""
            : field.keyType === "bool"
              ? "false"
              : "0"
          : String(keyValue);
      let map = target[field.name] as Record<string, FieldValue> | undefined;
      if (!map) {
        map = {};
        target[field.name] = map;
      }
      if (Object.hasOwn(map, key)) {
        this.report(
          "PB-DUPLICATE-KEY",
          `map key ${JSON.stringify(key)} of "${field.name}" is given twice; the last entry wins`,
          valueStart,
          "remove one of the entries",
        );
      }
      setOwn(map, key, entry.value ?? defaultMapValue(field));
      // The value object keeps its own positions (it is the same object), so
      // paths such as parameters["K"].string_value resolve too.
      this.positions?.recordMapEntry(target, field.name, key, nameStart, valueStart);
      return;
    }
    let value: FieldValue;
    if (field.kind === "message") value = this.message(field.messageType);
    else if (field.kind === "enum") value = this.enumValue(field);
    else value = this.scalar(field);
    if (field.repeated) {
      const list = target[field.name] as FieldValue[] | undefined;
      if (list) {
        list.push(value);
        if (list.length === 2) this.grown.push(target, field.name);
      } else target[field.name] = [value];
    } else {
      target[field.name] = value;
    }
    this.positions?.record(target, field.name, nameStart, valueStart);
  }

  private message(type: ParseType): MessageValue {
    const lexer = this.lexer;
    let close: number;
    if (this.tryConsume(CH_LT)) close = CH_GT;
    else {
      this.consume(CH_LBRACE);
      close = CH_RBRACE;
    }
    const result: MessageValue = {};
    const names = fieldTable(type);
    while (!lexer.isSymbol(CH_GT) && !lexer.isSymbol(CH_RBRACE)) {
      if (lexer.type === TokenType.End) {
        this.fail(
          "PB-DELIMITER",
          "Expected identifier, got: ",
          `the message is not closed: add "${String.fromCharCode(close)}"`,
        );
      }
      this.field(type, names, result);
    }
    this.consume(close);
    return result;
  }

  private enumValue(field: EnumFieldInfo): string | number {
    const lexer = this.lexer;
    const enumType = field.enumType;
    if (lexer.type === TokenType.Identifier) {
      const known = matchByName(enumTable(enumType), lexer.hash, lexer.text, lexer.start, lexer.end);
      const name = known ?? lexer.tokenText();
      lexer.next();
      if (known !== undefined) return known;
      const guess = closestMatch(name, enumType.names);
      this.fail(
        "PB-UNKNOWN-ENUM",
        `Unknown enumeration value of "${name}" for field "${field.name}".`,
        guess ? `did you mean "${guess}"?` : `expected one of: ${enumType.names.join(", ")}`,
      );
    }
    if (lexer.isSymbol(CH_MINUS) || lexer.type === TokenType.Integer) {
      const n = Number(this.signedInteger(INT32_MAX));
      // proto3 enums are open: protoc keeps a number the enum does not list.
      return enumType.nameOf(n) ?? n;
    }
    this.fail("PB-TYPE", `Expected integer or identifier, got: ${this.describeCurrent()}`);
  }

  private unsignedInteger(max: bigint): bigint {
    const lexer = this.lexer;
    if (lexer.type !== TokenType.Integer) this.fail("PB-TYPE", `Expected integer, got: ${this.describeCurrent()}`);
    const text = lexer.tokenText();
    const value = integerTokenValue(text);
    if (value > max) this.fail("PB-RANGE", `Integer out of range (${text})`);
    lexer.next();
    return value;
  }

  private signedInteger(max: bigint, negative = this.tryConsume(CH_MINUS)): bigint {
    const value = this.unsignedInteger(negative ? max + 1n : max);
    return negative ? -value : value;
  }

  /**
   * The common case without BigInt: a short decimal token (at most 15
   * digits, exact as a double) not above `limit`. Returns undefined, having
   * consumed nothing, when the exact path must decide.
   */
  // a shortcut; undefined sends every integer to the exact BigInt path, which gives the same value and errors
  // Stryker disable next-line BlockStatement: equivalent, see above
  private smallInteger(limit: number): number | undefined {
    const lexer = this.lexer;
    if (lexer.type !== TokenType.Integer) return undefined;
    const start = lexer.start;
    const end = lexer.end;
    // a longer len only sends more tokens to the exact BigInt path, which gives the same value
    // Stryker disable next-line ArithmeticOperator: equivalent, see above
    const len = end - start;
    // the exact path gives the same value; and without the bound, a value <= limit (<= 2^53 - 1) is exact in a double
    // anyway
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, see above
    if (len > 15) return undefined;
    const text = lexer.text;
    // Stryker disable next-line LogicalOperator: a lone "0" then takes the exact path, which also reads 0
    if (len > 1 && text.charCodeAt(start) === 48) return undefined;
    let value = 0;
    for (let i = start; i < end; i++) value = value * 10 + (text.charCodeAt(i) - 48);
    if (value > limit) return undefined;
    lexer.next();
    return value;
  }

  /** A signed integer of at most `limit` (int32 or int64 range), as a number when exact, else a bigint. */
  private signedValue(limit: number, max: bigint): number | bigint {
    const negative = this.tryConsume(CH_MINUS);
    const small = this.smallInteger(limit);
    // 0 - 0 is +0: an integer field holds no negative zero.
    if (small !== undefined) return negative ? 0 - small : small;
    return this.signedInteger(max, negative);
  }

  private double(): number {
    const lexer = this.lexer;
    const negative = this.tryConsume(CH_MINUS);
    let value: number;
    // text is only read in the Integer, Float and Identifier branches, never at End
    // Stryker disable next-line StringLiteral: equivalent, see above
    const text = lexer.type === TokenType.End ? "" : lexer.tokenText();
    if (lexer.type === TokenType.Integer) {
      if (isHexOrOctal(text)) this.fail("PB-TYPE", `Expect a decimal number, got: ${this.describeCurrent()}`);
      value = Number(text);
      lexer.next();
    } else if (lexer.type === TokenType.Float) {
      // parseFloat reads the longest valid prefix, as strtod does, and ignores a trailing "f".
      value = Number.parseFloat(text);
      lexer.next();
    } else if (lexer.type === TokenType.Identifier) {
      const lower = text.toLowerCase();
      if (lower === "inf" || lower === "infinity") value = Number.POSITIVE_INFINITY;
      else if (lower === "nan") value = Number.NaN;
      else this.fail("PB-TYPE", `Expected double, got: ${this.describeCurrent().toLowerCase()}`);
      lexer.next();
    } else {
      this.fail("PB-TYPE", `Expected double, got: ${this.describeCurrent()}`);
    }
    return negative ? -value : value;
  }

  private scalar(field: ScalarFieldInfo): FieldValue {
    const lexer = this.lexer;
    const type: ScalarType = field.scalar;
    switch (type) {
      case "int32":
      // Stryker disable next-line StringLiteral: the schema has no sint32 field
      case "sint32":
      // Stryker disable next-line StringLiteral: the schema has no sfixed32 field
      case "sfixed32":
        return Number(this.signedValue(2147483647, INT32_MAX));
      case "uint32":
      // Stryker disable next-line StringLiteral: the schema has no fixed32 field
      case "fixed32":
        return this.smallInteger(4294967295) ?? Number(this.unsignedInteger(UINT32_MAX));
      case "int64":
      // Stryker disable next-line StringLiteral: the schema has no sint64 field
      case "sint64":
      // Stryker disable next-line StringLiteral: the schema has no sfixed64 field
      case "sfixed64": {
        // smallInteger reads at most 15 digits (< 10^15), far below either limit
        // Stryker disable next-line ArithmeticOperator: equivalent, see above
        const v = this.signedValue(Number.MAX_SAFE_INTEGER - 1, INT64_MAX);
        return typeof v === "bigint" ? int64InMemory(v) : v;
      }
      case "uint64":
      // Stryker disable next-line StringLiteral: the schema has no fixed64 field
      case "fixed64":
        return this.smallInteger(Number.MAX_SAFE_INTEGER) ?? int64InMemory(this.unsignedInteger(UINT64_MAX));
      case "float":
        return floatFromDouble(this.double());
      case "double":
        return this.double();
      case "bool": {
        if (lexer.type === TokenType.Integer) return this.unsignedInteger(1n) === 1n;
        if (lexer.type !== TokenType.Identifier)
          this.fail("PB-TYPE", `Expected identifier, got: ${this.describeCurrent()}`);
        const word = lexer.tokenText();
        lexer.next();
        if (word === "true" || word === "True" || word === "t") return true;
        if (word === "false" || word === "False" || word === "f") return false;
        return this.fail(
          "PB-TYPE",
          `Invalid value for boolean field "${field.name}". Value: "${word}".`,
          "expected true or false",
        );
      }
      // falls through: fail() never returns
      case "string":
      // the schema has no bytes field (generated/schema-data.ts), so this label is never reached
      // Stryker disable next-line StringLiteral: equivalent, see above
      case "bytes": {
        if (lexer.type !== TokenType.String) this.fail("PB-TYPE", `Expected string, got: ${this.describeCurrent()}`);
        const start = lexer.start;
        let out = "";
        let validUtf8 = true;
        const rawBytes = this.textHoldsRawBytes();
        while (lexer.type === TokenType.String) {
          // Most strings hold no escape: their value is then their body, one slice of the text.
          const plain = rawBytes ? undefined : plainStringBody(lexer.text, lexer.start, lexer.end);
          if (plain !== undefined) out += plain;
          else {
            const token = unescapeStringToken(lexer.tokenText(), rawBytes);
            validUtf8 &&= token.validUtf8;
            out += token.value;
          }
          lexer.next();
        }
        if (!validUtf8) {
          // protoc joins the bytes of adjacent strings: "\xc3" "\xa9" is "é".
          out = decodeUtf8Bytes(encodeUtf8Text(out));
          if (type === "string" && holdsRawBytes(out)) {
            this.report(
              "PB-UTF8",
              `string field "${field.name}" contains invalid UTF-8 data`,
              start,
              "use \\u escapes or plain UTF-8 text",
            );
          }
        }
        return out;
      }
    }
  }
}

function defaultMapValue(field: MapFieldInfo): FieldValue {
  const v = field.value;
  if (v.kind === "message") return {};
  // no map of the schema has enum values (they are string or message)
  // Stryker disable next-line LogicalOperator,StringLiteral: equivalent, see above
  if (v.kind === "enum") return v.enumType.names[0] ?? 0;
  switch (v.scalar) {
    case "string":
    // the schema has no bytes field (generated/schema-data.ts), so this label is never reached
    // Stryker disable next-line StringLiteral: equivalent, see above
    case "bytes":
      return "";
    // no map of the schema has bool values (they are string or message)
    // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, see above
    case "bool":
      // Stryker disable next-line BooleanLiteral: no map of the schema has bool values
      return false;
    // no map of the schema has numeric values (they are string or message)
    // Stryker disable next-line ConditionalExpression: equivalent, see above
    default:
      return 0;
  }
}

/**
 * Reads protobuf text of any message of the schema (default `ModelConfig`).
 * Never throws for bad input: problems come back as diagnostics.
 */
export function parseMessage(input: string | Uint8Array, options: ParseOptions = {}): ParseResult {
  const text = typeof input === "string" ? input : decodeUtf8Bytes(input);
  const info = messageInfo(options.messageType ?? "ModelConfig");
  const parser = new TextParser(text, options);
  const value = parser.parse(info);
  // Positions are recorded only when first asked for, by reading the text a
  // second time: most configs are valid and nobody asks, so the common path
  // pays nothing for them. The second reading sees the same text and builds
  // the same structure, so paths resolve exactly as in `value`.
  let table: { root: MessageValue; positions: PositionTable } | undefined;
  const positions = (): { root: MessageValue; positions: PositionTable } | undefined => {
    if (options.positions === false) return undefined;
    if (!table) {
      const again = new TextParser(text, { ...options, recordPositions: true });
      const root = again.parse(info);
      table = { root, positions: again.positions as PositionTable };
    }
    return table;
  };
  return {
    value,
    diagnostics: parser.diagnostics,
    ok: parser.ok,
    source: createSourceInfo(parser.sourceText(), positions),
  };
}

/**
 * Reads a `config.pbtxt`, given as its text or as the file's bytes. Only
 * bytes keep string contents that are not UTF-8 exactly as protoc keeps them
 * (see utf8.ts); text decoded by other means has already replaced them.
 * Never throws for bad input: problems come back as diagnostics.
 */
export function parseConfig(text: string | Uint8Array, options: ParseOptions = {}): ParseResult {
  return parseMessage(text, options);
}
