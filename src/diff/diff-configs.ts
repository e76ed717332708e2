import { type FieldInfo, type MessageInfo, messageInfo } from "../schema/descriptors.js";
import { type JsonObject, type JsonValue, toProtoJSON } from "../pbtxt/json.js";
import { compareMapKeys } from "../pbtxt/numbers.js";
import type { ModelConfig } from "../../generated/model-config.js";
import type { MessageValue } from "../pbtxt/types.js";
import { defaultText, fieldText, valueText } from "./render-value.js";

/**
 * The semantic difference of two configurations, field by field. Both sides
 * are compared in the protobuf JSON mapping, so formatting, comments, field
 * order, map entry order and explicit defaults (`max_batch_size: 0`) make no
 * difference, exactly as for protobuf's MessageDifferencer that Triton uses.
 * Repeated fields are compared element by element (`input[1].dims[0]`), a
 * repeated scalar whose length changed as a whole list; map entries by key.
 */

export type ChangeKind = "added" | "removed" | "changed";

export interface ConfigChange {
  /** Field path, as diagnostics write it: `instance_group[0].count`, `parameters["K"].string_value`. */
  path: string;
  kind: ChangeKind;
  /** The value before and after in the JSON mapping; absent when the field was unset on that side. */
  before?: JsonValue;
  after?: JsonValue;
  /** The same values in text-format spelling (`(unset)` for an absent message or element; the default for a scalar). */
  beforeText: string;
  afterText: string;
}

const UNSET = "(unset)";

type ValueField = Exclude<FieldInfo, { kind: "map" }>;

function same(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function join(path: string, name: string): string {
  return path === "" ? name : `${path}.${name}`;
}

class Differ {
  readonly changes: ConfigChange[] = [];

  message(type: MessageInfo, a: JsonObject, b: JsonObject, path: string): void {
    for (const field of type.fields) {
      const x = a[field.name];
      const y = b[field.name];
      // A shortcut: a field unset on both sides records nothing below either (no keys, empty lists, equal values).
      // Stryker disable next-line ConditionalExpression: equivalent, see above
      if (x === undefined && y === undefined) continue;
      const here = join(path, field.name);
      if (field.kind === "map") {
        const xa = (x ?? {}) as JsonObject;
        const yb = (y ?? {}) as JsonObject;
        const keys = [...new Set([...Object.keys(xa), ...Object.keys(yb)])].sort((p, q) =>
          compareMapKeys(field.keyType, p, q),
        );
        for (const key of keys) this.element(field.value, xa[key], yb[key], `${here}[${JSON.stringify(key)}]`);
      } else if (field.repeated) {
        const xs = (x ?? []) as JsonValue[];
        const ys = (y ?? []) as JsonValue[];
        if (field.kind !== "message" && xs.length !== ys.length) {
          this.record(here, x, y, fieldText(field, xs), fieldText(field, ys));
          continue;
        }
        // With <=, the extra index is unset on both sides, which element() skips as equal.
        // Stryker disable next-line EqualityOperator: equivalent, see above
        for (let i = 0; i < Math.max(xs.length, ys.length); i++) this.element(field, xs[i], ys[i], `${here}[${i}]`);
      } else if (field.kind === "message") {
        this.element(field, x, y, here);
      } else if (!same(x, y)) {
        const fallback = defaultText(field);
        this.record(
          here,
          x,
          y,
          x === undefined ? fallback : valueText(field, x),
          y === undefined ? fallback : valueText(field, y),
        );
      }
    }
  }

  /** One message, list element or map value. */
  private element(field: ValueField, x: JsonValue | undefined, y: JsonValue | undefined, path: string): void {
    if (same(x, y)) return;
    if (x !== undefined && y !== undefined && field.kind === "message") {
      this.message(field.messageType, x as JsonObject, y as JsonObject, path);
      return;
    }
    this.record(
      path,
      x,
      y,
      x === undefined ? UNSET : valueText(field, x),
      y === undefined ? UNSET : valueText(field, y),
    );
  }

  private record(
    path: string,
    x: JsonValue | undefined,
    y: JsonValue | undefined,
    beforeText: string,
    afterText: string,
  ): void {
    const change: ConfigChange = {
      path,
      kind: x === undefined ? "added" : y === undefined ? "removed" : "changed",
      beforeText,
      afterText,
    };
    if (x !== undefined) change.before = x;
    if (y !== undefined) change.after = y;
    this.changes.push(change);
  }
}

/**
 * Every field that differs between two messages (default type
 * `ModelConfig`), in declaration order. Empty when protobuf equality holds.
 */
export function diffConfigs(
  before: ModelConfig | MessageValue,
  after: ModelConfig | MessageValue,
  messageType = "ModelConfig",
): ConfigChange[] {
  const differ = new Differ();
  differ.message(
    messageInfo(messageType),
    toProtoJSON(before as MessageValue, messageType),
    toProtoJSON(after as MessageValue, messageType),
    "",
  );
  return differ.changes;
}
