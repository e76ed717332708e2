import { SCHEMA_DATA } from "../../generated/schema-data.js";
import type { EnumData, FieldData, SchemaData } from "./schema-data.js";

/**
 * Small read-only views over the schema. The reader, printer, JSON mapping,
 * validator and code generator are all driven by these, never by hand-written
 * field lists, so the schema file stays the single source of truth: codegen
 * builds these views from the parsed `.proto`, every command from the data
 * that codegen wrote from it.
 */

export type ScalarType =
  | "double"
  | "float"
  | "int32"
  | "int64"
  | "uint32"
  | "uint64"
  | "sint32"
  | "sint64"
  | "fixed32"
  | "fixed64"
  | "sfixed32"
  | "sfixed64"
  | "bool"
  | "string"
  | "bytes";

const SCALAR_TYPES: ReadonlySet<string> = new Set([
  "double",
  "float",
  "int32",
  "int64",
  "uint32",
  "uint64",
  "sint32",
  "sint64",
  "fixed32",
  "fixed64",
  "sfixed32",
  "sfixed64",
  "bool",
  "string",
  "bytes",
]);

export interface EnumInfo {
  /** Name relative to the package, dotted for nested enums (`ModelInstanceGroup.Kind`). */
  readonly name: string;
  readonly values: ReadonlyMap<string, number>;
  readonly names: readonly string[];
  nameOf(value: number): string | undefined;
}

interface FieldCommon {
  readonly name: string;
  readonly number: number;
  /** Position in the message's declaration order. */
  readonly index: number;
  readonly oneof: string | undefined;
  readonly comment: string | undefined;
}

export interface ScalarFieldInfo extends FieldCommon {
  readonly kind: "scalar";
  readonly scalar: ScalarType;
  readonly repeated: boolean;
}
export interface EnumFieldInfo extends FieldCommon {
  readonly kind: "enum";
  readonly enumType: EnumInfo;
  readonly repeated: boolean;
}
export interface MessageFieldInfo extends FieldCommon {
  readonly kind: "message";
  readonly messageType: MessageInfo;
  readonly repeated: boolean;
}
export interface MapFieldInfo extends FieldCommon {
  readonly kind: "map";
  readonly keyType: ScalarType;
  /** The key side of the map, described as a singular field named `key` (field 1 of the entry message). */
  readonly key: ScalarFieldInfo;
  /** The value side of the map, described as a singular field named `value`. */
  readonly value: ScalarFieldInfo | EnumFieldInfo | MessageFieldInfo;
  readonly repeated: false;
}

/**
 * A field of a message, told apart by `kind`. At run time every descriptor
 * also carries the other kinds' properties, set to undefined (see
 * describeField): read only what the kind declares.
 */
export type FieldInfo = ScalarFieldInfo | EnumFieldInfo | MessageFieldInfo | MapFieldInfo;

export interface MessageInfo {
  /** Name relative to the package (`ModelConfig`, `ModelWarmup.Input`). */
  readonly name: string;
  readonly fullName: string;
  readonly fields: readonly FieldInfo[];
  readonly comment: string | undefined;
  field(name: string): FieldInfo | undefined;
  /** Oneof name → its member field names, in declaration order. */
  readonly oneofs: ReadonlyMap<string, readonly string[]>;
}

/** Messages and enums of one schema, described; built from {@link SchemaData}. */
export interface SchemaRegistry {
  readonly messages: readonly MessageInfo[];
  readonly enums: readonly EnumInfo[];
  message(name: string): MessageInfo | undefined;
  enum(name: string): EnumInfo | undefined;
}

function describeEnum(data: EnumData): EnumInfo {
  const values = new Map<string, number>(data.values);
  const byNumber = new Map<number, string>();
  for (const [name, number] of data.values) if (!byNumber.has(number)) byNumber.set(number, name);
  return { name: data.name, values, names: [...values.keys()], nameOf: (value) => byNumber.get(value) };
}

/** What a field's kind adds to the common properties. */
interface FieldParts {
  scalar?: ScalarType;
  enumType?: EnumInfo;
  keyType?: ScalarType;
  key?: ScalarFieldInfo;
  value?: ScalarFieldInfo | EnumFieldInfo | MessageFieldInfo;
}

/** The key side of every map: field 1 of the entry message. */
const MAP_KEY: FieldCommon = { name: "key", number: 1, index: 0, oneof: undefined, comment: undefined };

/**
 * Every field descriptor is made here, with every property of every kind in
 * the same order (undefined where the kind has none). All descriptors then
 * share one object shape, and the reader and printer, which read them for
 * every field they meet, stay on V8's fast path: with one shape per kind
 * reading the corpus took 17% longer and printing it 22%.
 */
function describeField(
  common: FieldCommon,
  kind: FieldInfo["kind"],
  repeated: boolean,
  parts: FieldParts,
): FieldInfo & { messageType: MessageInfo | undefined } {
  const described = {
    name: common.name,
    number: common.number,
    index: common.index,
    oneof: common.oneof,
    comment: common.comment,
    kind,
    scalar: parts.scalar,
    enumType: parts.enumType,
    messageType: undefined as MessageInfo | undefined,
    keyType: parts.keyType,
    key: parts.key,
    value: parts.value,
    repeated,
  };
  return described as unknown as FieldInfo & { messageType: MessageInfo | undefined };
}

/** Builds the descriptor views of a schema. Throws on a dangling type reference: a codegen bug, not a user error. */
export function describeSchema(data: SchemaData): SchemaRegistry {
  const enums = new Map(data.enums.map((e) => [e.name, describeEnum(e)]));
  const messages = new Map<string, MessageInfo>();
  const lookupMessage = (name: string): MessageInfo => {
    const found = messages.get(name);
    if (!found) throw new Error(`triton-repo: schema data names an unknown message ${name}`);
    return found;
  };
  // Message fields whose type is looked up once every message is described.
  const unresolved: { field: { messageType: MessageInfo | undefined }; type: string }[] = [];
  const valueField = (
    common: FieldCommon,
    field: FieldData,
    repeated: boolean,
  ): ScalarFieldInfo | EnumFieldInfo | MessageFieldInfo => {
    if (field.typeKind === "scalar") {
      if (!SCALAR_TYPES.has(field.type)) throw new Error(`triton-repo: unknown scalar type ${field.type}`);
      return describeField(common, "scalar", repeated, { scalar: field.type as ScalarType }) as ScalarFieldInfo;
    }
    if (field.typeKind === "enum") {
      const enumType = enums.get(field.type);
      if (!enumType) throw new Error(`triton-repo: schema data names an unknown enum ${field.type}`);
      return describeField(common, "enum", repeated, { enumType }) as EnumFieldInfo;
    }
    // Resolved once every message is described: a message may refer to one declared after it. A plain
    // property, not a getter: a getter would give every message field an object shape of its own.
    const described = describeField(common, "message", repeated, {});
    unresolved.push({ field: described, type: field.type });
    return described as MessageFieldInfo;
  };
  for (const message of data.messages) {
    const fields: FieldInfo[] = [];
    const byName = new Map<string, FieldInfo>();
    const oneofs = new Map<string, string[]>();
    message.fields.forEach((field, index) => {
      const common: FieldCommon = {
        name: field.name,
        number: field.number,
        index,
        oneof: field.oneof,
        comment: field.comment,
      };
      const keyType = field.keyType as ScalarType | undefined;
      const described: FieldInfo =
        keyType !== undefined
          ? (describeField(common, "map", false, {
              keyType,
              key: describeField(MAP_KEY, "scalar", false, { scalar: keyType }) as ScalarFieldInfo,
              value: valueField({ ...common, name: "value", number: 2, index: 1, oneof: undefined }, field, false),
            }) as MapFieldInfo)
          : valueField(common, field, field.repeated === true);
      fields.push(described);
      byName.set(field.name, described);
      if (field.oneof !== undefined) {
        const members = oneofs.get(field.oneof) ?? [];
        members.push(field.name);
        oneofs.set(field.oneof, members);
      }
    });
    messages.set(message.name, {
      name: message.name,
      fullName: `inference.${message.name}`,
      fields,
      comment: message.comment,
      field: (name) => byName.get(name),
      oneofs,
    });
  }
  for (const { field, type } of unresolved) field.messageType = lookupMessage(type);
  return {
    messages: [...messages.values()],
    enums: [...enums.values()],
    message: (name) => messages.get(name),
    enum: (name) => enums.get(name),
  };
}

let runtimeRegistry: SchemaRegistry | undefined;

/** Triton's schema as the generated data describes it (see `npm run codegen`). */
export function schemaRegistry(): SchemaRegistry {
  runtimeRegistry ??= describeSchema(SCHEMA_DATA);
  return runtimeRegistry;
}

function packageRelative(name: string): string {
  return name.startsWith("inference.") ? name.slice("inference.".length) : name;
}

/** The descriptor of a message of the schema, by name (`ModelConfig`, `ModelWarmup.Input`). */
export function messageInfo(name = "ModelConfig"): MessageInfo {
  const found = schemaRegistry().message(packageRelative(name));
  if (!found) throw new Error(`triton-repo: no message ${name} in the schema`);
  return found;
}

/** Every enum of the schema, by its package-relative name. */
export function enumByName(name: string): EnumInfo {
  const found = schemaRegistry().enum(packageRelative(name));
  if (!found) throw new Error(`triton-repo: no enum ${name} in the schema`);
  return found;
}

export function isInt64Scalar(type: ScalarType): boolean {
  return type === "int64" || type === "uint64" || type === "sint64" || type === "fixed64" || type === "sfixed64";
}
