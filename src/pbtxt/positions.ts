import type { SourceText } from "../diagnostics/source-text.js";
import type { MessageValue, PathSegment, SourceInfo, SourceLocation } from "./types.js";

/**
 * Where each field of each message object was written. Kept beside the
 * values (a WeakMap keyed by the message objects) as flat arrays of
 * `[name, nameOffset, valueOffset, …]`, one triple per value written, so the
 * values stay plain objects and recording costs three array slots per value.
 * Map entries are recorded under `field + "\0" + key`.
 */
export class PositionTable {
  private readonly table = new WeakMap<object, (string | number)[]>();
  // Consecutive records mostly go to the same message: skip the WeakMap then.
  private lastTarget: object | undefined;
  // Stryker disable next-line ArrayDeclaration: equivalent: read only when target === lastTarget, never before a set
  private lastList: (string | number)[] = [];

  record(target: object, name: string, nameOffset: number, valueOffset: number): void {
    let list: (string | number)[] | undefined;
    // Stryker disable next-line ConditionalExpression: equivalent: the WeakMap holds the same list; this only skips it
    if (target === this.lastTarget) list = this.lastList;
    else {
      list = this.table.get(target);
      if (!list) {
        list = [];
        this.table.set(target, list);
      }
      this.lastTarget = target;
      this.lastList = list;
    }
    list.push(name, nameOffset, valueOffset);
  }

  recordMapEntry(target: object, name: string, key: string, nameOffset: number, valueOffset: number): void {
    this.record(target, `${name}\u0000${key}`, nameOffset, valueOffset);
  }

  /**
   * The `occurrence`-th record of `name` in `target` (0-based, or the last one), with whether its name is shared
   * (list syntax). With `elements`, the record of an empty `[ ]` is left out: it holds no element, so counting
   * it would give `dims[0]` of `dims: [ ] dims: 4` the place of the `[ ]`.
   */
  find(
    target: object,
    name: string,
    occurrence: number | "last",
    elements = false,
  ): { nameOffset: number; valueOffset: number; shared: boolean } | undefined {
    const list = this.table.get(target);
    if (!list) return undefined;
    const hits: number[] = [];
    // Stryker disable next-line EqualityOperator: equivalent: list[list.length] is undefined, which is never a name
    for (let i = 0; i < list.length; i += 3) {
      // an empty `[ ]` is recorded with its value at its name, where no value starts
      if (list[i] === name && !(elements && list[i + 1] === list[i + 2])) hits.push(i);
    }
    const i = occurrence === "last" ? hits[hits.length - 1] : hits[occurrence];
    if (i === undefined) return undefined;
    const nameOffset = list[i + 1] as number;
    // Values written in one `[ ]` share their name's offset, and only they do (every other value has a name
    // token of its own); they are recorded one after another. The names are not compared: a map entry's
    // record is named by its key, so entries in one `[ ]` have different names but one name offset.
    // list[i - 2] before the first record is undefined, no offset.
    const shared = list[i - 2] === nameOffset || list[i + 4] === nameOffset;
    return { nameOffset, valueOffset: list[i + 2] as number, shared };
  }
}

const SEGMENT = /([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\[([^\]]*)\]|(\.)/gy;

/** `input[1].dims[0]`, `parameters["KEY"]` → segments. Returns undefined for a malformed path. */
export function parsePath(path: string): PathSegment[] | undefined {
  const segments: PathSegment[] = [];
  SEGMENT.lastIndex = 0;
  while (SEGMENT.lastIndex < path.length) {
    const m = SEGMENT.exec(path);
    if (!m) return undefined;
    if (m[1] !== undefined) segments.push(m[1]);
    else if (m[2] !== undefined) segments.push(Number(m[2]));
    else if (m[3] !== undefined) segments.push({ key: JSON.parse(m[3]) as string });
    else if (m[4] !== undefined) segments.push({ key: m[4] });
  }
  return segments;
}

/** Formats segments back into a path string, as diagnostics write it. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (typeof s === "string") out += out === "" ? s : `.${s}`;
    else out += `[${JSON.stringify(s.key)}]`;
  }
  return out;
}

export function createSourceInfo(
  source: SourceText,
  recorded: () => { root: MessageValue; positions: PositionTable } | undefined,
): SourceInfo {
  const resolve = (path: string | readonly PathSegment[], wantValue: boolean): SourceLocation | undefined => {
    const table = recorded();
    if (!table) return undefined;
    const { root, positions } = table;
    const segments = typeof path === "string" ? parsePath(path) : path;
    // no path, or an empty one (then nothing is found below)
    if (!segments) return undefined;
    let current: unknown = root;
    let found: { nameOffset: number; valueOffset: number; shared: boolean } | undefined;
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i];
      // Records are named by field names, so a number or a key where a name belongs would find none: the check
      // narrows the type.
      // Stryker disable next-line ConditionalExpression: equivalent, see above
      if (typeof seg !== "string") return undefined;
      // a scalar has no fields, nor has a field not written; parsed values are never null (types.ts), so typeof
      // "object" is an object
      if (typeof current !== "object") return undefined;
      const next = segments[i + 1];
      const holder = current as Record<string, unknown>;
      if (typeof next === "number") {
        found = positions.find(holder, seg, next, true);
        current = (holder[seg] as unknown[] | undefined)?.[next];
        i++;
      } else if (typeof next === "object") {
        // a key given again replaces the entry (the last one wins, as protoc and Python read it): locate that one
        found = positions.find(holder, `${seg}\u0000${next.key}`, "last");
        current = (holder[seg] as Record<string, unknown> | undefined)?.[next.key];
        i++;
      } else {
        found = positions.find(holder, seg, 0);
        current = holder[seg];
      }
      // with none found, current is undefined too (every value read has a record): the next step or the check
      // below returns undefined
    }
    if (!found) return undefined;
    // a path ends on an element when its last step is an index or a key
    const endedOnElement = typeof segments[segments.length - 1] !== "string";
    let offset: number;
    if (wantValue) offset = found.valueOffset;
    else if (endedOnElement) offset = found.shared ? found.valueOffset : found.nameOffset;
    else offset = found.nameOffset;
    return { offset, ...source.position(offset) };
  };
  return {
    source,
    locate: (path) => resolve(path, false),
    locateValue: (path) => resolve(path, true),
  };
}
