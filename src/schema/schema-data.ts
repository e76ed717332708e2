/**
 * The schema as plain data: what the reader, printer, JSON mapping and
 * validator need of `schemas/model_config.proto`, with every type reference
 * already resolved to a package-relative name. `npm run codegen` writes it to
 * `generated/schema-data.ts`, so that no command parses the `.proto` file (or
 * loads protobufjs) at start-up; a pre-commit hook pays that on every commit.
 */

/** One field. `type` is a scalar type name, or the package-relative name of an enum or message. */
export interface FieldData {
  readonly name: string;
  readonly number: number;
  readonly type: string;
  readonly typeKind: "scalar" | "enum" | "message";
  readonly repeated?: true;
  readonly oneof?: string;
  /** Present on map fields: the key's scalar type; `type` is then the value's. */
  readonly keyType?: string;
  readonly comment?: string;
}

export interface MessageData {
  readonly name: string;
  readonly fields: readonly FieldData[];
  readonly comment?: string;
}

export interface EnumData {
  readonly name: string;
  /** Value names and numbers in declaration order (aliases included). */
  readonly values: readonly (readonly [string, number])[];
  readonly comment?: string;
}

/** Every message and enum in declaration order, each message followed by the types nested in it. */
export interface SchemaData {
  readonly messages: readonly MessageData[];
  readonly enums: readonly EnumData[];
}
