import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MessageValue } from "../../src/pbtxt/types.js";
import { effectiveConfig, validateConfig } from "../../src/validate/index.js";

/** The library entry points take any value and answer with data, never an exception. */

describe("validateConfig", () => {
  it("accepts an already-read message and reports paths without positions", () => {
    const ds = validateConfig({ name: "m", backend: "python", max_batch_size: -2 });
    expect(ds.map((d) => [d.code, d.path, d.line])).toEqual([["MC-14", "max_batch_size", undefined]]);
  });

  it("gives positions from the text and sorts by line", () => {
    const ds = validateConfig(
      'name: "m"\nbackend: "python"\nmax_batch_size: -1\ndynamic_batching { preferred_batch_size: [0] }\n',
    );
    expect(ds.map((d) => [d.code, d.line])).toEqual([
      ["MC-14", 3],
      ["MC-51", 4],
    ]);
    expect(ds[0]?.column).toBe(1);
    expect(ds[1]?.column).toBeGreaterThan(1);
  });

  it("never throws on values of the wrong shape", () => {
    fc.assert(
      fc.property(fc.object({ maxDepth: 3 }), (value) => {
        const ds = validateConfig(value as MessageValue, { modelName: "m" });
        expect(Array.isArray(ds)).toBe(true);
        expect(typeof effectiveConfig(value as MessageValue, { modelName: "m" })).toBe("object");
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(Array.isArray(validateConfig(text))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("does not change the config it is given", () => {
    const config: MessageValue = {
      name: "m",
      backend: "onnxruntime",
      instance_group: [{ kind: "KIND_CPU" }],
      dynamic_batching: {},
    };
    const before = JSON.stringify(config);
    validateConfig(config, { gpus: [0] });
    effectiveConfig(config, { gpus: [0] });
    expect(JSON.stringify(config)).toBe(before);
  });
});
