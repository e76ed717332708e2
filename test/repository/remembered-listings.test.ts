/**
 * `gen-repo validate` lists a folder once per run (withRememberedListings):
 * inside the run a second listing is the first one, outside it every listing
 * is read afresh, and runs nested in a run share its listings. The disk is
 * the oracle: a file added between two listings shows or not.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listDirectory, withRememberedListings } from "../../src/repository/probe.js";
import { makeTree, removeTrees } from "../validate/support/tree.js";

afterAll(removeTrees);

const names = (path: string): string[] => listDirectory(path).entries.map((e) => e.name);

describe("withRememberedListings", () => {
  it("lists a folder from disk once inside a run, afresh outside it", () => {
    const root = makeTree({ "a/": null });
    const [inside, after] = withRememberedListings(() => {
      const first = names(root);
      writeFileSync(join(root, "b"), "");
      return [first, names(root)];
    });
    expect(inside).toEqual(["a"]);
    expect(after).toEqual(["a"]);
    expect(names(root)).toEqual(["a", "b"]);
    writeFileSync(join(root, "c"), "");
    expect(names(root)).toEqual(["a", "b", "c"]);
  });

  it("a run nested in a run shares its listings, and the outer run keeps them after it", () => {
    const root = makeTree({ "a/": null });
    const seen = withRememberedListings(() => {
      const outer = names(root);
      const inner = withRememberedListings(() => {
        writeFileSync(join(root, "b"), "");
        return names(root);
      });
      writeFileSync(join(root, "c"), "");
      return [outer, inner, names(root)];
    });
    expect(seen).toEqual([["a"], ["a"], ["a"]]);
    expect(names(root)).toEqual(["a", "b", "c"]);
  });

  it("forgets the listings when the run throws", () => {
    const root = makeTree({ "a/": null });
    expect(() =>
      withRememberedListings(() => {
        names(root);
        throw new Error("stop");
      }),
    ).toThrow("stop");
    writeFileSync(join(root, "b"), "");
    expect(names(root)).toEqual(["a", "b"]);
  });
});
