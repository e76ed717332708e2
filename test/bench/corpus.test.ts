import { rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateLargeConfig } from "../../bench/corpus/large-config.js";
import { generateRepository } from "../../bench/corpus/repository.js";
import { createProtocWorkspace, protocEncode, wrapCorpus } from "../../bench/peers/protoc.js";
import { protocAvailable } from "../support/oracles.js";

/**
 * The benchmark corpus is only worth timing if it is what Triton users
 * write: every generated config must be accepted by protoc (the reader Triton
 * links), and the same seed must give the same bytes on every run.
 */
describe("bench corpus generator", () => {
  it("is deterministic, and a smaller repository is the start of a larger one", () => {
    const first = generateRepository(300).map((model) => model.config);
    const again = generateRepository(300).map((model) => model.config);
    expect(again).toEqual(first);
    // The last unit may be cut differently (an ensemble needs three places), the rest is shared.
    const larger = generateRepository(1000).map((model) => model.config);
    expect(larger.slice(0, 297)).toEqual(first.slice(0, 297));
  });

  it("gives every model a unique name and mixes the kinds the benchmark claims", () => {
    const models = generateRepository(1000);
    expect(new Set(models.map((model) => model.name)).size).toBe(1000);
    const kinds = new Set(models.map((model) => model.kind));
    expect([...kinds].sort()).toEqual(["ensemble", "onnx", "python", "python-decoupled", "python-sequence"]);
    for (const model of models) {
      if (model.kind.startsWith("python"))
        expect(model.files.some((file) => file.path.endsWith("/model.py"))).toBe(true);
      if (model.kind === "ensemble") expect(model.directories).toContain("1");
    }
  });

  it("uses the spellings the readers under test must handle", () => {
    const text = generateRepository(1000)
      .map((model) => model.config)
      .join("\n");
    const spellings: Array<[string, RegExp]> = [
      ["own-line comment", /^\s*# /m],
      ["trailing comment", /\S\s+# /],
      ["[ ] list of scalars", /dims: \[ /],
      ["[ ] list of messages", /^\s*input:? \[$/m],
      ["repeated scalar one by one", /dims: -?\d+\n\s*dims: /],
      ["single quotes", /: '/],
      ["hex or octal escape", /\\(x[0-9a-f]{2}|[0-7]{3})/],
      ["adjacent strings", /" "/],
      ["hex integer", /: 0x[0-9a-f]+/],
      ["negative integer", /: -1\b/],
      ["angle brackets", /<$/m],
      ["separators", /[;,]$/m],
      ["float exponent or suffix", /\d(e-?\d+|f)\b/],
      ["64-bit integer", /: 5000000000\b/],
      ["non-ASCII UTF-8", /[^\x00-\x7f]/],
    ];
    for (const [name, pattern] of spellings) expect(pattern.test(text), name).toBe(true);
  });

  it.skipIf(!protocAvailable())("writes only configs protoc accepts (1,000 models and the 20,000-input config)", () => {
    const workspace = createProtocWorkspace();
    const corpus = generateRepository(1000).map((model) => model.config);
    try {
      expect(protocEncode(workspace, wrapCorpus(corpus)).length).toBeGreaterThan(0);
      expect(protocEncode(workspace, wrapCorpus([generateLargeConfig(20_000)])).length).toBeGreaterThan(0);
    } finally {
      // Test workers may end without an exit event, so the workspace is removed here.
      rmSync(workspace.dir, { recursive: true, force: true });
    }
  });
});
