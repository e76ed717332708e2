import protobuf from "protobufjs";
import { loadSchemaRoot } from "./load-schema.js";

/**
 * Small read-only views over protobufjs reflection. The reader, printer,
 * JSON mapping and code generator are all driven by these, never by
 * hand-written field lists, so the schema file is the single source of truth.
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
  "double", "float", "int32", "int64", "uint32", "uint64", "sint32", "sint64",
  "fixed32", "fixed64", "sfixed32", "sfixed64", "bool", "string", "bytes",
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
  /** The value side of the map, described as a singular field named `value`. */
  readonly value: ScalarFieldInfo | EnumFieldInfo | MessageFieldInfo;
  readonly repeated: false;
}

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

const messageCache = new Map<string, MessageInfo>();
const enumCache = new Map<string, EnumInfo>();

function relativeName(reflected: protobuf.ReflectionObject): string {
  return reflected.fullName.replace(/^\.inference\./, "").replace(/^\./, "");
}

function enumInfo(reflected: protobuf.Enum): EnumInfo {
  const key = reflected.fullName;
  const cached = enumCache.get(key);
  if (cached) return cached;
  const values = new Map<string, number>(Object.entries(reflected.values));
  const byNumber = new Map<number, string>();
  for (const [name, number] of values) if (!byNumber.has(number)) byNumber.set(number, name);
  const info: EnumInfo = {
    name: relativeName(reflected),
    values,
    names: [...values.keys()],
    nameOf: (value) => byNumber.get(value),
  };
  enumCache.set(key, info);
  return info;
}

function valueField(
  common: FieldCommon,
  type: string,
  resolved: protobuf.Type | protobuf.Enum | null,
  repeated: boolean,
): ScalarFieldInfo | EnumFieldInfo | MessageFieldInfo {
  if (SCALAR_TYPES.has(type)) return { ...common, kind: "scalar", scalar: type as ScalarType, repeated };
  if (resolved instanceof protobuf.Enum) return { ...common, kind: "enum", enumType: enumInfo(resolved), repeated };
  if (resolved instanceof protobuf.Type) {
    // Message info is built lazily: the schema has no recursion today, but a
    // getter keeps this safe if it ever does.
    const target = resolved;
    let memo: MessageInfo | undefined;
    return {
      ...common,
      kind: "message",
      get messageType() {
        memo ??= messageInfoOf(target);
        return memo;
      },
      repeated,
    };
  }
  throw new Error(`triton-repo: unresolved type ${type} for field ${common.name}`);
}

function messageInfoOf(type: protobuf.Type): MessageInfo {
  const key = type.fullName;
  const cached = messageCache.get(key);
  if (cached) return cached;
  const fields: FieldInfo[] = [];
  const byName = new Map<string, FieldInfo>();
  const oneofs = new Map<string, string[]>();
  const info: MessageInfo = {
    name: relativeName(type),
    fullName: key.replace(/^\./, ""),
    fields,
    comment: type.comment ?? undefined,
    field: (name) => byName.get(name),
    oneofs,
  };
  messageCache.set(key, info);
  type.fieldsArray.forEach((field, index) => {
    field.resolve();
    const oneof = field.partOf?.name;
    const common: FieldCommon = { name: field.name, number: field.id, index, oneof, comment: field.comment ?? undefined };
    let described: FieldInfo;
    if (field instanceof protobuf.MapField) {
      const value = valueField({ ...common, name: "value", number: 2, index: 1, oneof: undefined }, field.type, field.resolvedType, false);
      described = { ...common, kind: "map", keyType: field.keyType as ScalarType, value, repeated: false };
    } else {
      described = valueField(common, field.type, field.resolvedType, field.repeated);
    }
    fields.push(described);
    byName.set(field.name, described);
    if (oneof) {
      const members = oneofs.get(oneof) ?? [];
      members.push(field.name);
      oneofs.set(oneof, members);
    }
  });
  return info;
}

/** The descriptor of a message of the schema, by name (`ModelConfig`, `ModelWarmup.Input`). */
export function messageInfo(name = "ModelConfig"): MessageInfo {
  // Every parse starts here: skip protobufjs's name lookup after the first time.
  const known = messageByName.get(name);
  if (known) return known;
  const type = loadSchemaRoot().lookupType(name.startsWith("inference.") ? name : `inference.${name}`);
  const info = messageInfoOf(type);
  messageByName.set(name, info);
  return info;
}

const messageByName = new Map<string, MessageInfo>();

/** Every enum of the schema, by its package-relative name. */
export function enumByName(name: string): EnumInfo {
  return enumInfo(loadSchemaRoot().lookupEnum(name.startsWith("inference.") ? name : `inference.${name}`));
}

export function isInt64Scalar(type: ScalarType): boolean {
  return type === "int64" || type === "uint64" || type === "sint64" || type === "fixed64" || type === "sfixed64";
}
