import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { realTriton, runClientPython, startTriton } from "../support/triton.js";

const triton = realTriton();

describe.skipIf(!triton)("the local real Triton", () => {
  const repo = mkdtempSync(join(tmpdir(), "triton-smoke-"));
  afterAll(() => rmSync(repo, { recursive: true, force: true }));
  mkdirSync(join(repo, "add_one", "1"), { recursive: true });
  writeFileSync(
    join(repo, "add_one", "config.pbtxt"),
    'backend: "python"\nmax_batch_size: 4\ninput { name: "x" data_type: TYPE_FP32 dims: [ 2 ] }\n' +
      'output { name: "y" data_type: TYPE_FP32 dims: [ 2 ] }\ninstance_group { kind: KIND_CPU count: 1 }\n',
  );
  writeFileSync(
    join(repo, "add_one", "1", "model.py"),
    [
      "import triton_python_backend_utils as pb_utils",
      "class TritonPythonModel:",
      "    def execute(self, requests):",
      "        return [pb_utils.InferenceResponse([pb_utils.Tensor('y', pb_utils.get_input_tensor_by_name(r, 'x').as_numpy() + 1)]) for r in requests]",
      "",
    ].join("\n"),
  );

  it("loads a Python-backend model and answers the real client over HTTP and gRPC", async () => {
    const server = await startTriton({ repositories: [repo] });
    const script = join(repo, "client.py");
    writeFileSync(
      script,
      [
        "import sys, numpy as np",
        "import tritonclient.http as h, tritonclient.grpc as g",
        "for mod, url in ((h, sys.argv[1]), (g, sys.argv[2])):",
        "    c = mod.InferenceServerClient(url)",
        "    i = mod.InferInput('x', [1, 2], 'FP32'); i.set_data_from_numpy(np.array([[1, 2]], dtype=np.float32))",
        "    print(c.infer('add_one', [i]).as_numpy('y').tolist())",
        "",
      ].join("\n"),
    );
    const run = await runClientPython([script, server.httpAddress, server.grpcAddress], { timeoutMs: 60_000 });
    expect(run.stderr).toBe("");
    expect(run.stdout.trim().split("\n")).toEqual(["[[2.0, 3.0]]", "[[2.0, 3.0]]"]);
    expect(await server.stop()).toBe(0);
  });
});
