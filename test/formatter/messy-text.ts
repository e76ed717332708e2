// Test support: writes a message as protobuf text the way people (and other
// tools) do, with every syntax variant protoc accepts chosen at random, and a
// numbered comment (`# c17 …`) in random places, so a test can check that
// the formatter keeps the message and every comment. Also builds random
// messages from the schema's descriptors. Driven by a seeded generator so
// fast-check can replay a failure from its seed.
import { type FieldInfo, type MessageInfo, isInt64Scalar } from "../../src/schema/descriptors.js";
import { quoteString } from "../../src/pbtxt/escape.js";
import { formatDouble, formatFloat, formatInt64 } from "../../src/pbtxt/numbers.js";
import type { FieldValue, MessageValue } from "../../src/pbtxt/types.js";
import { Random } from "../../bench/corpus/random.js";

type ValueField = Exclude<FieldInfo, { kind: "map" }>;

const COMMENT_TAILS = [
  "",
  " note",
  " with \"quotes\" and 'single'",
  " { unbalanced [",
  " # nested hash",
  " ünïcödé ✓",
  "x",
  // Only \n ends a comment: these stay inside it.
  " line\u2028sep para\u2029sep",
  " cr\rinside",
];

export class MessyWriter {
  out = "";
  private comments = 0;
  /** Every comment written, in order. */
  readonly written: string[] = [];

  constructor(
    private readonly rng: Random,
    private readonly commentRate = 0.15,
  ) {}

  private comment(): string {
    const text = `# c${this.comments++}${this.rng.pick(COMMENT_TAILS)}`;
    this.written.push(text);
    return text;
  }

  /** Whitespace between two tokens, sometimes with a comment or a blank line. */
  private gap(): void {
    const r = this.rng.next();
    if (r < this.commentRate / 2) this.out += ` ${this.comment()}\n`;
    else if (r < this.commentRate) this.out += `\n${this.comment()}\n`;
    else if (r < this.commentRate + 0.05) this.out += "\n\n";
    else this.out += this.rng.chance(0.5) ? " " : "\n";
  }

  message(type: MessageInfo, value: MessageValue): void {
    const parts: [FieldInfo, FieldValue][] = [];
    for (const field of type.fields) {
      const v = value[field.name];
      if (v !== undefined) parts.push([field, v]);
    }
    // Field order carries no meaning between different fields: shuffle it.
    for (let i = parts.length - 1; i > 0; i--) {
      const j = this.rng.below(i + 1);
      [parts[i], parts[j]] = [parts[j] as [FieldInfo, FieldValue], parts[i] as [FieldInfo, FieldValue]];
    }
    for (const [field, v] of parts) this.field(field, v);
  }

  private separator(): void {
    const r = this.rng.next();
    if (r < 0.1) this.out += ";";
    else if (r < 0.2) this.out += ",";
    this.gap();
  }

  private field(field: FieldInfo, value: FieldValue): void {
    if (field.kind === "map") {
      const entries = Object.entries(value as Record<string, FieldValue>);
      const entryText = (key: string, v: FieldValue): void => {
        const keyText = field.keyType === "string" ? quoteString(key) : key;
        const writeKey = (): void => {
          this.out += `key:`;
          this.gap();
          this.out += keyText;
          this.gap();
        };
        const writeValue = (): void => {
          if (field.value.kind === "message") {
            this.out += "value";
            this.gap();
            this.braced(field.value.messageType, v as MessageValue);
          } else {
            this.out += "value:";
            this.gap();
            this.scalar(field.value, v);
          }
          this.gap();
        };
        this.out += "{";
        this.gap();
        if (this.rng.chance(0.5)) {
          writeKey();
          writeValue();
        } else {
          writeValue();
          writeKey();
        }
        this.out += "}";
      };
      if (entries.length > 1 && this.rng.chance(0.3)) {
        this.out += `${field.name} [`;
        this.gap();
        entries.forEach(([k, v], i) => {
          if (i > 0) {
            this.out += ",";
            this.gap();
          }
          entryText(k, v);
          this.gap();
        });
        this.out += "]";
        this.separator();
        return;
      }
      for (const [k, v] of entries) {
        this.out += field.name;
        this.gap();
        entryText(k, v);
        this.separator();
      }
      return;
    }
    if (field.repeated) {
      const items = value as FieldValue[];
      let i = 0;
      while (i < items.length || (items.length === 0 && i === 0)) {
        // A run of the elements as one list, or one element as a plain field.
        const asList = items.length === 0 || this.rng.chance(0.6);
        const count = asList ? 1 + this.rng.below(items.length - i) : 1;
        this.out += field.kind === "message" && this.rng.chance(0.5) ? field.name : `${field.name}:`;
        this.gap();
        if (asList) {
          this.out += "[";
          this.gap();
          for (let k = 0; k < count && i < items.length; k++, i++) {
            if (k > 0) {
              this.out += ",";
              this.gap();
            }
            this.single(field, items[i] as FieldValue);
            this.gap();
          }
          this.out += "]";
          if (items.length === 0) i = 1;
        } else {
          this.single(field, items[i] as FieldValue);
          i++;
        }
        this.separator();
      }
      return;
    }
    this.out += field.kind === "message" && this.rng.chance(0.5) ? field.name : `${field.name}:`;
    this.gap();
    this.single(field, value);
    this.separator();
  }

  private single(field: ValueField, value: FieldValue): void {
    if (field.kind === "message") this.braced(field.messageType, value as MessageValue);
    else this.scalar(field, value);
  }

  private braced(type: MessageInfo, value: MessageValue): void {
    const angle = this.rng.chance(0.2);
    this.out += angle ? "<" : "{";
    this.gap();
    this.message(type, value);
    this.out += angle ? ">" : "}";
  }

  private scalar(field: ValueField, value: FieldValue): void {
    if (field.kind === "enum") {
      const number = field.enumType.values.get(String(value));
      this.out += number !== undefined && this.rng.chance(0.3) ? String(number) : String(value);
      return;
    }
    if (field.kind !== "scalar") return;
    switch (field.scalar) {
      case "string":
      case "bytes": {
        const text = String(value);
        const quoted = quoteString(text);
        if (this.rng.chance(0.3) && !/['"\\\x00-\x1f\x7f]/.test(text)) this.out += `'${text}'`;
        else if (this.rng.chance(0.2) && text.length > 1 && !/[\\\ud800-\udfff]/.test(text)) {
          const cut = 1 + this.rng.below(text.length - 1);
          this.out += `${quoteString(text.slice(0, cut))}`;
          this.gap();
          this.out += quoteString(text.slice(cut));
        } else this.out += quoted;
        return;
      }
      case "bool":
        this.out +=
          value === true ? this.rng.pick(["true", "True", "t", "1"]) : this.rng.pick(["false", "False", "f", "0"]);
        return;
      case "float":
      case "double": {
        const text = field.scalar === "float" ? formatFloat(Number(value)) : formatDouble(Number(value));
        this.signed(text);
        return;
      }
      default: {
        const text = isInt64Scalar(field.scalar) ? formatInt64(value as number | bigint) : String(value);
        if (!text.startsWith("-") && this.rng.chance(0.2)) this.out += `0x${BigInt(text).toString(16)}`;
        else this.signed(text);
      }
    }
  }

  private signed(text: string): void {
    if (text.startsWith("-") && this.rng.chance(0.3)) {
      this.out += "-";
      this.gap();
      this.out += text.slice(1);
    } else {
      this.out += text;
    }
  }
}

/** Writes `value` as messy but valid text; returns the text and the comments it holds. */
export function messyText(
  type: MessageInfo,
  value: MessageValue,
  seed: number,
  commentRate = 0.15,
): { text: string; comments: string[] } {
  const writer = new MessyWriter(new Random(seed), commentRate);
  writer.message(type, value);
  return { text: writer.out, comments: writer.written };
}

const WORDS = [
  "",
  "a",
  "resnet50",
  "INPUT__0",
  "ünï",
  "tab\there",
  'q"uote',
  "back\\slash",
  "nl\nx",
  "cr\rx",
  "line\u2028sep",
  "para\u2029sep",
  "😀",
];

function randomScalar(field: ValueField, rng: Random): FieldValue {
  if (field.kind === "enum") return rng.pick(field.enumType.names);
  if (field.kind !== "scalar") return {};
  switch (field.scalar) {
    case "string":
    case "bytes":
      return rng.pick(WORDS);
    case "bool":
      return rng.chance(0.5);
    case "float":
      return Math.fround(rng.pick([0, 1.5, -2.25, 1e-7, 3.4e38, -0.1, rng.next() * 1000]));
    case "double":
      return rng.pick([0, 0.1, -1e300, 5e-324, rng.next() * 1e6]);
    case "uint32":
    case "fixed32":
      return rng.pick([0, 1, 4294967295, rng.below(1 << 30)]);
    case "int32":
    case "sint32":
    case "sfixed32":
      return rng.pick([0, -1, 2147483647, -2147483648, rng.below(1000)]);
    case "uint64":
    case "fixed64":
      return rng.pick<FieldValue>([0, 7, 18446744073709551615n, rng.below(1 << 30)]);
    default:
      return rng.pick<FieldValue>([0, -5, 9223372036854775807n, -9223372036854775808n, rng.below(100000)]);
  }
}

/** A random message of `type` with fields chosen by `rng`, at most `depth` levels deep. */
export function randomMessage(type: MessageInfo, rng: Random, depth = 3): MessageValue {
  const out: MessageValue = {};
  const usedOneofs = new Set<string>();
  for (const field of type.fields) {
    if (!rng.chance(depth === 3 ? 0.35 : 0.3)) continue;
    if (field.oneof !== undefined) {
      if (usedOneofs.has(field.oneof)) continue;
      usedOneofs.add(field.oneof);
    }
    if (field.kind === "map") {
      const map: Record<string, FieldValue> = {};
      const n = 1 + rng.below(3);
      for (let i = 0; i < n; i++) {
        const key = field.keyType === "string" ? `k${rng.below(5)}` : String(rng.below(5));
        map[key] =
          field.value.kind === "message"
            ? depth > 0
              ? randomMessage(field.value.messageType, rng, depth - 1)
              : {}
            : randomScalar(field.value, rng);
      }
      out[field.name] = map;
    } else if (field.kind === "message") {
      if (depth === 0) continue;
      if (field.repeated)
        out[field.name] = Array.from({ length: 1 + rng.below(3) }, () =>
          randomMessage(field.messageType, rng, depth - 1),
        );
      else out[field.name] = randomMessage(field.messageType, rng, depth - 1);
    } else if (field.repeated) {
      out[field.name] = Array.from({ length: rng.below(4) }, () => randomScalar(field, rng));
    } else {
      out[field.name] = randomScalar(field, rng);
    }
  }
  return out;
}
