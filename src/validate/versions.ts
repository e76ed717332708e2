import { type ModelFolder, RESERVED_MODEL_SUBDIRS } from "../repository/types.js";
import type { MessageValue } from "../pbtxt/types.js";
import { msg, num, numbers } from "../config/view.js";

/** Subdirectories Triton never reads as versions (RL-7). */

const INT64_MAX = 9223372036854775807n;

/** A directory Triton reads as a version. */
export interface VersionDir {
  /** The directory name. */
  dir: string;
  /** The version Triton reads from it. */
  version: number;
  /** Whether the name is a canonical version name (`0` or `[1-9][0-9]*`: not `1abc`, `+1` or `-1`; RL-8). */
  canonical: boolean;
}

/** The version directories of a model, as Triton reads them. */
export interface VersionScan {
  versions: VersionDir[];
  /** Directories Triton ignores, with the warning it logs. */
  ignored: Array<{ dir: string; reason: string }>;
  /** Names whose number does not fit in int64 (Triton throws: undefined behaviour). */
  outOfRange: string[];
}

/**
 * How Triton reads version directory names (RL-8, model_lifecycle.cc
 * VersionsToLoad): `0…` names longer than one character are ignored, others
 * go through C++ `stoll`, which skips leading blanks, takes a sign, and
 * ignores anything after the digits.
 */
export function parseVersionName(dir: string): { version?: number; ignored?: string; outOfRange?: boolean } {
  if (dir.length > 1 && dir.startsWith("0"))
    return { ignored: `ignore version directory '${dir}' which contains leading zeros in its directory name` };
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)/.exec(dir);
  if (!m) return { ignored: `ignore version directory '${dir}' which fails to convert to integral number` };
  const value = BigInt(`${m[1]}${m[2]}`);
  if (value > INT64_MAX || value < -INT64_MAX - 1n) return { outOfRange: true };
  return { version: Number(value) };
}

/** The spelling the catalogue calls canonical (RL-8): `0`, or digits without a leading zero. */
const CANONICAL_VERSION = /^(0|[1-9][0-9]*)$/;

/** RL-7/RL-8: which subdirectories of a model are versions, and which Triton ignores. */
export function scanVersions(folder: ModelFolder): VersionScan {
  const scan: VersionScan = { versions: [], ignored: [], outOfRange: [] };
  for (const entry of folder.entries) {
    if (entry.kind !== "directory" || RESERVED_MODEL_SUBDIRS.has(entry.name)) continue;
    const parsed = parseVersionName(entry.name);
    if (parsed.ignored !== undefined) scan.ignored.push({ dir: entry.name, reason: parsed.ignored });
    else if (parsed.outOfRange) scan.outOfRange.push(entry.name);
    // parseVersionName sets exactly one of ignored, outOfRange and version: here it is version.
    else
      scan.versions.push({
        dir: entry.name,
        version: parsed.version as number,
        canonical: CANONICAL_VERSION.test(entry.name),
      });
  }
  return scan;
}

/** What a version policy selects. */
export interface VersionSelection {
  /** Selected versions, ascending. */
  selected: number[];
  /** Versions a `specific` policy lists that have no directory (logged by Triton, not fatal alone). */
  missing: number[];
  /** Whether the policy can never select anything (`latest {}`, `specific {}`): reported as MC-15. */
  neverSelects: boolean;
  /**
   * Selected versions that have no directory: a `specific` policy that lists
   * a missing version twice selects it on the second listing (RL-9 quirk).
   */
  phantom: number[];
}

/** RL-9: the versions a policy selects among those present. An empty `version_policy {}` means all. */
export function selectVersions(config: MessageValue, available: readonly number[]): VersionSelection {
  const present = [...new Set(available)].sort((a, b) => a - b);
  const policy = msg(config, "version_policy");
  const latest = msg(policy, "latest");
  if (latest) {
    const n = num(latest, "num_versions");
    return { selected: n === 0 ? [] : present.slice(-n), missing: [], neverSelects: n === 0, phantom: [] };
  }
  const specific = msg(policy, "specific");
  if (specific) {
    const wanted = numbers(specific, "versions");
    // As VersionsToLoad does: a listed version is inserted into the set of existing
    // versions; only a failed insert selects it. A missing version is therefore
    // logged once and then, listed again, taken as present (catalogue RL-9, §6).
    const existing = new Set(present);
    const selected = new Set<number>();
    const missing: number[] = [];
    const phantom: number[] = [];
    for (const v of wanted) {
      if (existing.has(v)) {
        selected.add(v);
        if (missing.includes(v) && !phantom.includes(v)) phantom.push(v);
      } else {
        existing.add(v);
        missing.push(v);
      }
    }
    return { selected: [...selected].sort((a, b) => a - b), missing, neverSelects: wanted.length === 0, phantom };
  }
  // `all {}` and an empty `version_policy {}` both select every version.
  return { selected: present, missing: [], neverSelects: false, phantom: [] };
}
