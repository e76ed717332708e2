import type { EnumInfo, FieldInfo } from "../schema/descriptors.js";

/**
 * Known names (fields of a message, values of an enum) matched against a
 * token where it stands in the text. Known names then never become fresh
 * strings cut out of the input, and the values read share the schema's
 * strings, which keeps reading large configs light on memory.
 */

/** Names grouped by length, so a token is compared with the few names of its length only. */
export type NameTable<T> = Map<number, { name: string; item: T }[]>;

function nameTable<T>(entries: Iterable<[string, T]>): NameTable<T> {
  const table: NameTable<T> = new Map();
  for (const [name, item] of entries) {
    const group = table.get(name.length);
    if (group) group.push({ name, item });
    else table.set(name.length, [{ name, item }]);
  }
  return table;
}

/** The item whose name is exactly text[start, end), compared in place without slicing. */
export function matchByName<T>(table: NameTable<T>, text: string, start: number, end: number): T | undefined {
  const group = table.get(end - start);
  if (!group) return undefined;
  for (const entry of group) if (text.startsWith(entry.name, start)) return entry.item;
  return undefined;
}

const fieldTables = new WeakMap<object, NameTable<FieldInfo>>();

/** The field names of a message (or of a map entry) in a table, built once per type. */
export function fieldTable(type: { readonly fields: readonly FieldInfo[] }): NameTable<FieldInfo> {
  let table = fieldTables.get(type);
  if (!table) {
    table = nameTable(type.fields.map((f) => [f.name, f] as [string, FieldInfo]));
    fieldTables.set(type, table);
  }
  return table;
}

const enumTables = new WeakMap<EnumInfo, NameTable<string>>();

/** The value names of an enum in a table, built once per enum. */
export function enumTable(info: EnumInfo): NameTable<string> {
  let table = enumTables.get(info);
  if (!table) {
    table = nameTable(info.names.map((n) => [n, n] as [string, string]));
    enumTables.set(info, table);
  }
  return table;
}
