import type { EnumInfo, FieldInfo } from "../schema/descriptors.js";
import { identifierHash } from "./lexer.js";

/**
 * Known names (fields of a message, values of an enum) matched against a
 * token where it stands in the text. Known names then never become fresh
 * strings cut out of the input, and the values read share the schema's
 * strings, which keeps reading large configs light on memory.
 *
 * The table is keyed by the hash the lexer computes while it scans an
 * identifier, so finding a name costs one probe and one comparison in place;
 * a miss (an unknown name) is then reported by the caller.
 */
export interface NameTable<T> {
  /** Open addressing: slot `hash & mask`, then the next slots, until an empty one. */
  readonly slots: ({ name: string; hash: number; item: T } | undefined)[];
  readonly mask: number;
}

function nameTable<T>(entries: readonly (readonly [string, T])[]): NameTable<T> {
  // At most half full, so a probe sequence is short and always ends at an empty slot.
  let size = 4;
  while (size < entries.length * 2) size *= 2;
  const slots: NameTable<T>["slots"] = new Array(size).fill(undefined);
  const mask = size - 1;
  for (const [name, item] of entries) {
    const hash = identifierHash(name);
    let slot = hash & mask;
    while (slots[slot] !== undefined) slot = (slot + 1) & mask;
    slots[slot] = { name, hash, item };
  }
  return { slots, mask };
}

/**
 * The item whose name is exactly text[start, end), given the identifier's
 * hash from the lexer; compared in place, without slicing.
 */
export function matchByName<T>(
  table: NameTable<T>,
  hash: number,
  text: string,
  start: number,
  end: number,
): T | undefined {
  const { slots, mask } = table;
  for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
    const entry = slots[slot];
    if (entry === undefined) return undefined;
    if (entry.hash === hash && entry.name.length === end - start && text.startsWith(entry.name, start))
      return entry.item;
  }
}

const fieldTables = new WeakMap<object, NameTable<FieldInfo>>();

/** The field names of a message (or of a map entry) in a table, built once per type. */
export function fieldTable(type: { readonly fields: readonly FieldInfo[] }): NameTable<FieldInfo> {
  let table = fieldTables.get(type);
  if (!table) {
    table = nameTable(type.fields.map((f) => [f.name, f] as const));
    fieldTables.set(type, table);
  }
  return table;
}

const enumTables = new WeakMap<EnumInfo, NameTable<string>>();

/** The value names of an enum in a table, built once per enum. */
export function enumTable(info: EnumInfo): NameTable<string> {
  let table = enumTables.get(info);
  if (!table) {
    table = nameTable(info.names.map((n) => [n, n] as const));
    enumTables.set(info, table);
  }
  return table;
}
