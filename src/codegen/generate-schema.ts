/**
 * Generates generated/model-config.schema.json: a JSON Schema (draft 2020-12)
 * accepting exactly the protobuf JSON mapping of a ModelConfig written with
 * the proto's own field names, as ajv checks configs that arrive as JSON or
 * YAML at run time and as editors offer completion for them.
 *
 * What it encodes, field type by field type:
 * - messages and enums: one `$defs` entry each (dotted proto name), messages
 *   with `additionalProperties: false`; int64, uint64, float and double have
 *   shared entries of those (lower-case) names;
 * - enum values: by name only (numbers are refused, so a config stays readable);
 * - 32-bit integers: JSON integers within the type's range;
 * - 64-bit integers: JSON integers within range, or decimal strings whose
 *   pattern admits exactly the values in range (./int-ranges.ts);
 * - float and double: numbers, or "NaN", "Infinity", "-Infinity"; a float
 *   must also fit a float32;
 * - bytes: base64 text; maps: objects, integer keys constrained by pattern;
 * - oneofs: at most one member present (`dependentSchemas` forbids the
 *   others once one is there).
 * `null`, which the mapping allows for "default", is refused: our readers
 * have no use for it and a null in a config is almost always a slip.
 */
import type { EnumInfo, FieldInfo, MessageInfo, ScalarFieldInfo, ScalarType } from "../schema/descriptors.js";
import { GENERATED_HEADER } from "./header.js";
import { type IntegerRange, decimalStringPattern, integerRange } from "./int-ranges.js";
import type { CodegenModel } from "./schema-model.js";

type Schema = { [keyword: string]: unknown };

/** The largest finite float32, the bound of a `float` field's magnitude. */
const FLOAT32_MAX = 3.4028234663852886e38;
const NON_FINITE = ["NaN", "Infinity", "-Infinity"];
const BASE64 = "^[A-Za-z0-9+/_-]*={0,2}$";

export const SCHEMA_ID = "urn:triton-repo:model-config.schema.json";

/** The `$ref` of a message or enum definition. */
export function defRef(protoName: string): string {
  return `#/$defs/${protoName}`;
}

/**
 * Scalars whose schema is long or worth a name get one shared `$defs` entry
 * (lower-case, so no message name can clash); the others are written inline.
 */
const SHARED_SCALARS: Readonly<Record<string, { description: string; schema: () => Schema }>> = {
  int64: {
    description: "A signed 64-bit integer: a JSON integer, or an exact decimal string when it does not fit a double.",
    schema: () => integerSchema(integerRange("int64")!),
  },
  uint64: {
    description:
      "An unsigned 64-bit integer: a JSON integer, or an exact decimal string when it does not fit a double.",
    schema: () => integerSchema(integerRange("uint64")!),
  },
  float: {
    description: 'A 32-bit float: a number within float32 range, or "NaN", "Infinity", "-Infinity".',
    schema: () => ({ anyOf: [{ type: "number", minimum: -FLOAT32_MAX, maximum: FLOAT32_MAX }, { enum: NON_FINITE }] }),
  },
  double: {
    description: 'A 64-bit float: a number, or "NaN", "Infinity", "-Infinity".',
    schema: () => ({ anyOf: [{ type: "number" }, { enum: NON_FINITE }] }),
  },
};

function integerSchema(range: IntegerRange): Schema {
  const asNumber: Schema = { type: "integer", minimum: Number(range.min), maximum: Number(range.max) };
  if (!range.is64) return asNumber;
  return { anyOf: [asNumber, { type: "string", pattern: decimalStringPattern(range) }] };
}

function scalarSchema(type: ScalarType): Schema {
  const range = integerRange(type);
  if (range !== undefined) {
    if (!range.is64) return integerSchema(range);
    return { $ref: defRef(range.min < 0n ? "int64" : "uint64") };
  }
  switch (type) {
    case "float":
    case "double":
      return { $ref: defRef(type) };
    case "bool":
      return { type: "boolean" };
    case "string":
      return { type: "string" };
    case "bytes":
      return { type: "string", pattern: BASE64 };
    default:
      throw new Error(`codegen: no JSON Schema for scalar type ${type}`);
  }
}

function singleValueSchema(field: FieldInfo): Schema {
  switch (field.kind) {
    case "scalar":
      return scalarSchema(field.scalar);
    case "enum":
      return { $ref: defRef(field.enumType.name) };
    case "message":
      return { $ref: defRef(field.messageType.name) };
    case "map":
      return mapSchema(field.keyType, field.value);
  }
}

function mapKeySchema(keyType: ScalarType): Schema | undefined {
  const range = integerRange(keyType);
  if (range !== undefined) return { pattern: decimalStringPattern(range) };
  if (keyType === "bool") return { enum: ["true", "false"] };
  return undefined;
}

function mapSchema(keyType: ScalarType, value: ScalarFieldInfo | FieldInfo): Schema {
  const schema: Schema = { type: "object" };
  const keys = mapKeySchema(keyType);
  if (keys !== undefined) schema.propertyNames = keys;
  schema.additionalProperties = singleValueSchema(value);
  return schema;
}

function fieldSchema(model: CodegenModel, message: MessageInfo, field: FieldInfo): Schema {
  const single = singleValueSchema(field);
  const body = field.kind !== "map" && field.repeated ? { type: "array", items: single } : single;
  return { description: model.fieldDoc(message, field), ...body };
}

function messageSchema(model: CodegenModel, message: MessageInfo): Schema {
  const properties: Record<string, Schema> = {};
  for (const field of message.fields) properties[field.name] = fieldSchema(model, message, field);
  const schema: Schema = {
    description: model.typeDoc(message.name),
    type: "object",
    properties,
    additionalProperties: false,
  };
  if (message.oneofs.size > 0) {
    const dependent: Record<string, Schema> = {};
    for (const members of message.oneofs.values()) {
      for (const member of members) {
        const others = Object.fromEntries(members.filter((m) => m !== member).map((m) => [m, false]));
        if (Object.keys(others).length > 0) dependent[member] = { properties: others };
      }
    }
    if (Object.keys(dependent).length > 0) schema.dependentSchemas = dependent;
  }
  return schema;
}

function enumSchema(model: CodegenModel, info: EnumInfo): Schema {
  return { description: model.typeDoc(info.name), type: "string", enum: [...info.names] };
}

/** The schema as a plain object, root `ModelConfig`. */
export function buildJsonSchema(model: CodegenModel): Schema {
  const defs: Record<string, Schema> = {};
  for (const [name, shared] of Object.entries(SHARED_SCALARS))
    defs[name] = { description: shared.description, ...shared.schema() };
  const define = (name: string, schema: Schema) => {
    if (defs[name] !== undefined) throw new Error(`codegen: two $defs entries named ${name}`);
    defs[name] = schema;
  };
  for (const info of model.enums) define(info.name, enumSchema(model, info));
  for (const message of model.messages) define(message.name, messageSchema(model, message));
  // A JSON config may name its schema for editor completion ("$schema": "…"); it is
  // not part of Triton's message, and readers skip it (only at the root).
  const root = defs.ModelConfig as { properties: Record<string, Schema> };
  root.properties = {
    $schema: {
      description:
        "The JSON Schema this file follows, for editors. Not part of Triton's configuration; ignored when read.",
      type: "string",
    },
    ...root.properties,
  };
  return {
    $comment: GENERATED_HEADER.join(" "),
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: SCHEMA_ID,
    title: "Triton Inference Server model configuration (config.pbtxt as protobuf JSON)",
    $ref: defRef("ModelConfig"),
    $defs: defs,
  };
}

/** The text of generated/model-config.schema.json: two-space JSON, LF, final newline. */
export function generateJsonSchema(model: CodegenModel): string {
  return `${JSON.stringify(buildJsonSchema(model), null, 2)}\n`;
}
