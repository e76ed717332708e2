import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/pbtxt/parser.js";
import type { MessageValue } from "../../src/pbtxt/types.js";
import type { EntryKind, ModelFolder } from "../../src/repository/types.js";
import { parseVersionName, scanVersions, selectVersions } from "../../src/validate/versions.js";

/**
 * RL-8 (version directory names) and RL-9 (version policies) at the level of
 * the functions, with expectations taken from Triton's VersionsToLoad
 * (core, model_lifecycle.cc) and C++ `std::stoll`:
 * - names longer than one character starting with `0` are skipped;
 * - `stoll` skips the C-locale blanks (space, \t, \n, \v, \f, \r), takes one
 *   optional sign, needs at least one digit right there, reads every digit
 *   that follows and ignores the rest; it throws invalid_argument (caught:
 *   "fails to convert") or out_of_range (uncaught) outside int64;
 * - `latest` walks the versions from the highest down and stops at
 *   num_versions; `specific` keeps listed versions in a std::set (ascending);
 *   `all` (and no policy) keeps every version.
 */

const config = (text: string): MessageValue => {
  const parsed = parseConfig(text);
  expect(parsed.diagnostics).toEqual([]);
  return parsed.value;
};

function folder(dirs: ReadonlyArray<string | [string, EntryKind]>): ModelFolder {
  return {
    name: "m",
    path: "/nowhere/m",
    relPath: "m",
    entries: dirs.map((d) => {
      const [name, kind] = typeof d === "string" ? [d, "directory" as const] : d;
      return { name, kind, symlink: false };
    }),
    subdirs: new Map(),
    config: undefined,
    configRelPath: "m/config.pbtxt",
  };
}

describe("parseVersionName: std::stoll over the directory name", () => {
  it("reads every digit, not only the first", () => {
    expect(parseVersionName("12")).toEqual({ version: 12 });
    expect(parseVersionName("305abc")).toEqual({ version: 305 });
    expect(parseVersionName("7")).toEqual({ version: 7 });
  });

  it("needs the digits at the start (after blanks and a sign): 'v1' and 'abc12' fail to convert", () => {
    for (const dir of ["v1", "abc12", ".1", "_2", "x 3"])
      expect(parseVersionName(dir)).toEqual({
        ignored: `ignore version directory '${dir}' which fails to convert to integral number`,
      });
  });

  it("skips each C-locale blank stoll skips, vertical tab included, and nothing else", () => {
    for (const blank of [" ", "\t", "\n", "\v", "\f", "\r"])
      expect(parseVersionName(`${blank}4`)).toEqual({ version: 4 });
    // 'V' is not a blank: stoll stops at it.
    expect(parseVersionName("V4")).toMatchObject({ ignored: expect.stringContaining("fails to convert") });
  });

  it("takes one sign", () => {
    expect(parseVersionName("+3")).toEqual({ version: 3 });
    expect(parseVersionName("-1")).toEqual({ version: -1 });
    expect(parseVersionName("+-1")).toMatchObject({ ignored: expect.stringContaining("fails to convert") });
  });

  it("ignores names of more than one character starting with 0, keeps '0'", () => {
    expect(parseVersionName("0")).toEqual({ version: 0 });
    expect(parseVersionName("01")).toEqual({
      ignored: "ignore version directory '01' which contains leading zeros in its directory name",
    });
  });

  it("accepts the int64 bounds themselves", () => {
    // 2^63 - 1 and -2^63 fit in int64: stoll returns them (a JS number rounds them, still a version).
    expect(parseVersionName("9223372036854775807")).toEqual({ version: 2 ** 63 });
    expect(parseVersionName("-9223372036854775808")).toEqual({ version: -(2 ** 63) });
    expect(parseVersionName("-9223372036854775807")).toEqual({ version: -(2 ** 63) });
    expect(parseVersionName("-9223372036854775806")).toMatchObject({ version: expect.any(Number) });
  });

  it("marks numbers one past either int64 bound as out of range (stoll throws std::out_of_range)", () => {
    expect(parseVersionName("9223372036854775808")).toEqual({ outOfRange: true });
    expect(parseVersionName("-9223372036854775809")).toEqual({ outOfRange: true });
    expect(parseVersionName("99999999999999999999999")).toEqual({ outOfRange: true });
  });
});

describe("scanVersions: which subdirectories are versions", () => {
  it("sorts each directory into versions, ignored and out of range", () => {
    const scan = scanVersions(
      folder([
        "1",
        "2abc",
        "01",
        "x",
        "9223372036854775808",
        "-9223372036854775809",
        "configs",
        "warmup",
        "initial_state",
        ["3", "file"],
      ]),
    );
    expect(scan.versions).toEqual([
      { dir: "1", version: 1, canonical: true },
      { dir: "2abc", version: 2, canonical: false },
    ]);
    expect(scan.ignored.map((i) => i.dir)).toEqual(["01", "x"]);
    expect(scan.outOfRange).toEqual(["9223372036854775808", "-9223372036854775809"]);
  });
});

describe("selectVersions: RL-9 as VersionsToLoad resolves it", () => {
  it("latest: the n highest, ascending, whatever order the directories come in", () => {
    const latest = (n: number) => config(`version_policy { latest { num_versions: ${n} } }`);
    expect(selectVersions(latest(2), [3, 1, 10, 2])).toEqual({
      selected: [3, 10],
      missing: [],
      neverSelects: false,
      phantom: [],
    });
    expect(selectVersions(latest(1), [3, 1, 10, 2]).selected).toEqual([10]);
    expect(selectVersions(latest(5), [3, 1, 2]).selected).toEqual([1, 2, 3]);
    expect(selectVersions(latest(1), [2, 2, 1]).selected).toEqual([2]);
  });

  it("latest {} (num_versions 0) selects nothing and can never select anything", () => {
    expect(selectVersions(config("version_policy { latest {} }"), [1, 2])).toEqual({
      selected: [],
      missing: [],
      neverSelects: true,
      phantom: [],
    });
  });

  it("all, and no policy, select every version once, ascending", () => {
    for (const text of ["version_policy { all {} }", "version_policy {}", ""])
      expect(selectVersions(config(text), [3, 1, 3, 2])).toEqual({
        selected: [1, 2, 3],
        missing: [],
        neverSelects: false,
        phantom: [],
      });
  });

  it("specific: the listed versions present, ascending as in a std::set, whatever the listing order", () => {
    const specific = config("version_policy { specific { versions: [3, 1, 2, 7] } }");
    expect(selectVersions(specific, [1, 2, 3])).toEqual({
      selected: [1, 2, 3],
      missing: [7],
      neverSelects: false,
      phantom: [],
    });
    expect(selectVersions(config("version_policy { specific { versions: [10, 9] } }"), [9, 10]).selected).toEqual([
      9, 10,
    ]);
  });

  it("specific {} can never select anything", () => {
    expect(selectVersions(config("version_policy { specific {} }"), [1])).toEqual({
      selected: [],
      missing: [],
      neverSelects: true,
      phantom: [],
    });
  });
});
