import { afterAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { validateRepository } from "../../src/validate/index.js";
import { type TreeSpec, makeTree, pythonModel, removeTrees } from "./support/tree.js";

/**
 * The Python model rules (PY-1, PY-2, PY-3, PY-6, TR-1, TR-5) at their
 * boundaries, with every field of the finding spelled out. Expected verdicts
 * come from the Python backend and Triton core (cited per block) and from
 * Python's own semantics (what a `return` gives back); hints are the
 * product's words and are asserted exactly.
 */

afterAll(removeTrees);

type Options = Parameters<typeof validateRepository>[1];

function run(spec: TreeSpec, options: Options = { gpus: [] }): Diagnostic[] {
  return validateRepository([makeTree(spec)], options).diagnostics;
}

const only = (ds: readonly Diagnostic[], code: string): Diagnostic[] => ds.filter((d) => d.code === code);

/**
 * PY-1, no class. pb_stub.cc takes the version as the path token before the
 * file and model_context.cc imports `<version>.<file name without .py>`, then
 * reads TritonPythonModel from it: Python's AttributeError names that module.
 */
describe("PY-1: no TritonPythonModel", () => {
  it("names the module '<version>.<stem>' of the version Triton loads, at 1:1, as an error", () => {
    const ds = run({ "mymod/config.pbtxt": 'backend: "python"\n', "mymod/3/model.py": "import os\n\nX = 1\n" });
    expect(only(ds, "PY-1")).toEqual([
      {
        code: "PY-1",
        severity: "error",
        message: "AttributeError: module '3.model' has no attribute 'TritonPythonModel'",
        file: "mymod/3/model.py",
        line: 1,
        column: 1,
        hint: "mymod/3/model.py does not define class TritonPythonModel: the Python backend instantiates a class of exactly that name",
      },
    ]);
  });

  it("uses default_model_filename's stem", () => {
    const ds = run({
      "net/config.pbtxt": 'backend: "python"\ndefault_model_filename: "net.py"\n',
      "net/1/net.py": "X = 1\n",
    });
    expect(only(ds, "PY-1").map((d) => d.message)).toEqual([
      "AttributeError: module '1.net' has no attribute 'TritonPythonModel'",
    ]);
  });
});

/** PY-1, no execute: catalogue PY-1 (a warning, an error under strict), at the class. */
describe("PY-1: no execute", () => {
  const noExecute = pythonModel(
    "m",
    "",
    "import os\n\nclass TritonPythonModel:\n    def initialize(self, args):\n        pass\n",
  );
  const expected = {
    code: "PY-1",
    message: "Python model m/1/model.py does not implement `execute` method.",
    file: "m/1/model.py",
    line: 3,
    column: 1,
    hint: "the model loads, then every request fails: add def execute(self, requests)",
  };
  it("is a warning by default and an error under strict", () => {
    expect(only(run(noExecute), "PY-1")).toEqual([{ ...expected, severity: "warning" }]);
    expect(only(run(noExecute, { gpus: [], strict: true }), "PY-1")).toEqual([{ ...expected, severity: "error" }]);
  });

  it("a decoupled model without execute gets PY-1 and nothing else from the return check", () => {
    const ds = run(
      pythonModel(
        "m",
        "model_transaction_policy { decoupled: true }",
        "class TritonPythonModel:\n    def initialize(self, args):\n        return None\n",
      ),
    );
    expect(ds.map((d) => d.code)).toEqual(["PY-1"]);
  });
});

/**
 * PY-2, the return of auto_complete_config: pb_stub.cc fails the load with
 * "must return a valid pb.ModelConfig object" when it returns anything but a
 * ModelConfig (QA case autofill_noplatform/python/no_return). No `return` at
 * all is None for certain: an error while auto-complete runs.
 */
describe("PY-2: auto_complete_config's return", () => {
  const model = (body: string): TreeSpec =>
    pythonModel(
      "m",
      "",
      `class TritonPythonModel:\n    @staticmethod\n    def auto_complete_config(auto_complete_model_config):\n${body}\n    def execute(self, requests):\n        return [1]\n`,
    );
  const finding = (severity: Diagnostic["severity"]) => ({
    code: "PY-2",
    severity,
    message: "auto_complete_config function in model 'm' must return a valid pb.ModelConfig object.",
    file: "m/1/model.py",
    line: 3,
    column: 5,
    hint: "end auto_complete_config with `return auto_complete_model_config`",
  });
  const noReturn = model("        auto_complete_model_config.set_max_batch_size(8)\n");

  it("no return at all is an error (a return in execute does not count)", () => {
    expect(only(run(noReturn), "PY-2")).toEqual([finding("error")]);
  });

  it("without auto-complete the function is not called: a warning", () => {
    expect(only(run(noReturn, { gpus: [], autoComplete: false }), "PY-2")).toEqual([finding("warning")]);
  });

  it("a bare return may be on a path not taken: a warning", () => {
    const bare = model("        auto_complete_model_config.set_max_batch_size(8)\n        return\n");
    expect(only(run(bare), "PY-2")).toEqual([finding("warning")]);
  });

  it("return(expr) without a space returns the value: no finding", () => {
    expect(only(run(model("        return(auto_complete_model_config)\n")), "PY-2")).toEqual([]);
  });
});

/**
 * PY-3 is replayed only when Triton calls auto_complete_config: not with
 * --disable-auto-complete-config (catalogue PY-2). The column is the
 * statement's first character, after tabs as after spaces.
 */
describe("PY-3: where and when", () => {
  const conflicting = (indent: string) =>
    pythonModel(
      "m",
      "",
      `class TritonPythonModel:\n${indent}@staticmethod\n${indent}def auto_complete_config(auto_complete_model_config):\n${indent}${indent}auto_complete_model_config.add_input({"name": "IN", "data_type": "TYPE_FP32", "dims": [16]})\n${indent}${indent}return auto_complete_model_config\n\n${indent}def execute(self, requests):\n${indent}${indent}return []\n`,
    );

  it("is not reported with auto-complete disabled", () => {
    expect(only(run(conflicting("    ")), "PY-3")).toHaveLength(1);
    expect(only(run(conflicting("    "), { gpus: [], autoComplete: false }), "PY-3")).toEqual([]);
  });

  it("points after tab indentation", () => {
    expect(only(run(conflicting("\t")), "PY-3").map((d) => [d.line, d.column])).toEqual([[4, 3]]);
    expect(only(run(conflicting("    ")), "PY-3").map((d) => [d.line, d.column])).toEqual([[4, 9]]);
  });
});

/**
 * PY-6: a decoupled execute must return None (python_be.cc: "is using the
 * decoupled mode and the execute function must return None"). Reported only
 * where Python's semantics make the value certainly not None; whether a
 * return counts depends on the block it is in.
 */
describe("PY-6: what a decoupled execute returns", () => {
  const decoupled = (body: string): TreeSpec =>
    pythonModel(
      "m",
      "model_transaction_policy { decoupled: true }",
      `class TritonPythonModel:\n    def execute(self, requests):\n${body}\n`,
    );
  const py6 = (body: string) => only(run(decoupled(body)), "PY-6");
  /** The one PY-6 finding, at `line`:`column` of m/1/model.py. */
  const at = (line: number, column: number) => [
    {
      code: "PY-6",
      severity: "warning",
      message: "Python model 'm' is using the decoupled mode and the execute function must return None.",
      file: "m/1/model.py",
      line,
      column,
      hint: "in decoupled mode send responses with request.get_response_sender() and return None",
    },
  ];

  it("literals that are never None", () => {
    expect(py6("        return 0")).toEqual(at(3, 9));
    expect(py6("        return -1")).toEqual(at(3, 9));
    expect(py6("        return False")).toEqual(at(3, 9));
    expect(py6("        return {}")).toEqual(at(3, 9));
  });

  it("expressions that may be None are left alone", () => {
    expect(py6("        return self.result1")).toEqual([]);
    expect(py6('        return self.cache["k"]')).toEqual([]);
    expect(py6("        return False if requests else None")).toEqual([]);
    // `[] or None` is None.
    expect(py6("        responses = []\n        return responses or None")).toEqual([]);
    expect(py6("        responses = []\n        return self.responses")).toEqual([]);
  });

  it("a name counts only when every binding of it is a list or dict", () => {
    expect(py6("        return requests")).toEqual([]);
    expect(py6("        maybe_True = None\n        return maybe_True")).toEqual([]);
    expect(py6("        out = []\n        out = self.run(out)\n        return out")).toEqual([]);
    expect(py6("        out = self.wrap([])\n        return out")).toEqual([]);
    expect(py6("        out = []\n        return out")).toEqual(at(4, 9));
    expect(py6("        out = dict()\n        out = list()\n        return out")).toEqual(at(5, 9));
    // A Python name that happens to be spelled like JavaScript's undefined.
    expect(py6("        undefined = []\n        return self.helper(requests)")).toEqual([]);
  });

  it("returns of nested functions are theirs, and the method goes on after them", () => {
    const nested = (def: string) =>
      py6(`        ${def} make():\n            out = []\n            return out\n        make()\n        return None`);
    expect(nested("def")).toEqual([]);
    expect(nested("async def")).toEqual([]);
    expect(nested("async  def")).toEqual([]);
    expect(
      py6("        class Box:\n            def get(self):\n                return [1]\n        return None"),
    ).toEqual([]);
    expect(py6("        def make():\n            return None\n        return [1]")).toEqual(at(5, 9));
    expect(py6("        def make():\n            return None\n        if requests:\n            return [1]")).toEqual(
      at(6, 13),
    );
  });

  it("returns under a condition that is not about decoupling count", () => {
    expect(py6("        if requests:\n            return []\n        return None")).toEqual(at(4, 13));
    expect(py6("        with self.decoupled_lock:\n            return []")).toEqual(at(4, 13));
    expect(py6("        for request in (requests if self.decoupled else []):\n            return []")).toEqual(
      at(4, 13),
    );
    // The `else` of an ordinary `if` inside a block whose header names decoupling is still that `if`'s.
    expect(
      py6(
        "        with self.decoupled_lock:\n            if requests:\n                pass\n            else:\n                return []",
      ),
    ).toEqual(at(7, 17));
    // A one-line `if` opens no block: the `else` belongs to it, not to an earlier decoupled block.
    expect(
      py6(
        "        if self.decoupled:\n            pass\n        if requests: pass\n        else:\n            return []",
      ),
    ).toEqual(at(7, 13));
  });

  it("compound statements on one line: a return after the colon counts, and an else still finds its if", () => {
    // Python runs `return [1]` when requests is truthy: certainly not None.
    expect(py6("        if requests: return [1]\n        return None")).toEqual(at(3, 22));
    expect(py6("        while chunk := self.next(): return [1]\n        return None")).toEqual(at(3, 37));
    // A model written for both modes: the decoupled branch returns None, the other returns its responses.
    expect(py6("        if self.decoupled: return None\n        else:\n            return [1]")).toEqual([]);
    expect(py6("        if self.decoupled:\n            return None\n        else: return [1]")).toEqual([]);
    expect(py6("        if not self.decoupled: return [1]\n        return None")).toEqual([]);
    // The else of a one-line if about something else is that if's.
    expect(py6("        if requests: pass\n        else: return [1]")).toEqual(at(4, 15));
    // A colon inside brackets is not the header's; a block after the header's colon is still a block.
    expect(py6("        if requests[0:1]:\n            return [1]")).toEqual(at(4, 13));
  });

  it("the branch for non-decoupled use is skipped, with a comment after its colon", () => {
    expect(
      py6("        if not self.decoupled:  # the other mode\n            return [1]\n        return None"),
    ).toEqual([]);
  });
});

/**
 * TR-1: per-sequence state in a process that other sequences' requests reach.
 * Instance counts follow Triton core: NormalizeInstanceGroup (KIND_AUTO is
 * KIND_GPU on a host with GPUs unless it lists one the host lacks; KIND_GPU
 * without gpus gets every GPU) and TritonModelInstance::CreateInstances
 * (count instances per listed GPU for KIND_GPU, count for KIND_CPU).
 */
describe("TR-1: state kept across instances", () => {
  const STATEFUL_PY =
    "class TritonPythonModel:\n    def initialize(self, args):\n        self.sessions = {}\n\n    def execute(self, requests):\n        return []\n";
  const tr1 = (config: string, options: Options = { gpus: [] }) =>
    only(run(pythonModel("m", config, STATEFUL_PY), options), "TR-1");
  const finding = (why: string) => [
    {
      code: "TR-1",
      severity: "warning",
      message: `model 'm' keeps per-sequence state in model.py, but ${why}: requests of one sequence can reach an instance that does not hold its state`,
      file: "m/1/model.py",
      hint: "use sequence_batching with START/END/READY and CORRID control inputs, so every request of a sequence reaches the same instance",
      related: [{ file: "m/1/model.py", line: 3, column: 1, message: "state kept here" }],
    },
  ];
  const instances = (n: number) => finding(`its ${n} instances are separate processes`);

  it("dynamic batching mixes sequences even in one instance", () => {
    expect(tr1("dynamic_batching {}")).toEqual(finding("dynamic batching mixes requests of different sequences"));
  });

  it("sequence batching keeps a sequence on one instance", () => {
    expect(tr1("instance_group [{ kind: KIND_CPU count: 2 }]\nsequence_batching {}")).toEqual([]);
  });

  it("one instance holds every sequence; two do not", () => {
    expect(tr1("instance_group [{ kind: KIND_CPU count: 1 }]")).toEqual([]);
    expect(tr1("instance_group [{ kind: KIND_CPU count: 2 }]")).toEqual(instances(2));
  });

  it("without groups: one instance per GPU, or one on a host without GPUs", () => {
    expect(tr1("", { gpus: [0, 1] })).toEqual(instances(2));
    expect(tr1("", { gpus: [] })).toEqual([]);
    expect(tr1("", {})).toEqual([]);
  });

  it("KIND_GPU: count per GPU, listed or all of the host's", () => {
    expect(tr1("instance_group [{ kind: KIND_GPU count: 2 }]", { gpus: [0, 1] })).toEqual(instances(4));
    expect(tr1("instance_group [{ kind: KIND_GPU count: 2 gpus: [0] }]", { gpus: [0, 1] })).toEqual(instances(2));
    // Unknown host: the number of GPUs decides, so no finding.
    expect(tr1("instance_group [{ kind: KIND_GPU count: 2 }]", {})).toEqual([]);
  });

  it("KIND_AUTO: per listed GPU on a GPU host, count on a host without GPUs", () => {
    expect(tr1("instance_group [{ count: 2 gpus: [0, 1] }]", { gpus: [0, 1] })).toEqual(instances(4));
    expect(tr1("instance_group [{ count: 2 }]", { gpus: [] })).toEqual(instances(2));
  });

  it("KIND_AUTO without gpus is KIND_GPU on every GPU of a GPU host; listing a GPU it lacks makes it KIND_CPU", () => {
    expect(tr1("instance_group [{ count: 1 }]", { gpus: [0, 1] })).toEqual(instances(2));
    expect(tr1("instance_group [{ count: 2 gpus: [0, 2] }]", { gpus: [0, 1] })).toEqual(instances(2));
  });
});

/**
 * TR-5: GPU-library code that never reads model_instance_device_id runs on
 * GPU 0 from every instance; reported where an instance can be on another
 * GPU (instance placement as in Triton core's NormalizeInstanceGroup).
 */
describe("TR-5: the device id", () => {
  const CUPY_PY = "import cupy\n\nclass TritonPythonModel:\n    def execute(self, requests):\n        return []\n";
  const tr5 = (config: string, options: Options, py = CUPY_PY) =>
    only(run(pythonModel("m", config, py), options), "TR-5");
  const related = [{ file: "m/1/model.py", line: 3, column: 1, message: "class TritonPythonModel" }];
  const message = `model 'm' asks for KIND_GPU instances, but m/1/model.py never reads args["model_instance_device_id"]`;
  const hint =
    "every instance then uses the default device (GPU 0): place work on the device named by model_instance_device_id, or pin the group to gpus: [0]";

  it("points at the first group that is not KIND_CPU or KIND_MODEL", () => {
    expect(tr5("instance_group [{ kind: KIND_CPU }, { kind: KIND_GPU }]", { gpus: [0, 1] })).toEqual([
      {
        code: "TR-5",
        severity: "warning",
        message,
        file: "m/config.pbtxt",
        line: 6,
        column: 39,
        path: "instance_group[1].kind",
        hint,
        related,
      },
    ]);
    expect(
      tr5("instance_group [{ kind: KIND_MODEL }, { kind: KIND_GPU }]", { gpus: [0, 1] }).map((d) => d.path),
    ).toEqual(["instance_group[1].kind"]);
  });

  it("without groups, the finding has no field", () => {
    const ds = tr5("", { gpus: [0, 1] });
    expect(ds.map((d) => [d.path, d.message, d.hint, d.related])).toEqual([[undefined, message, hint, related]]);
    // An unknown host may have several GPUs.
    expect(tr5("", {}).map((d) => d.path)).toEqual([undefined]);
  });

  it("KIND_CPU instances use no GPU; a group without kind is KIND_AUTO", () => {
    expect(tr5("instance_group [{ kind: KIND_CPU count: 2 }]", { gpus: [0, 1] })).toEqual([]);
    expect(tr5("instance_group [{ count: 1 }]", { gpus: [0, 1] }).map((d) => d.path)).toEqual([
      "instance_group[0].kind",
    ]);
  });

  it("KIND_AUTO listing a GPU the host lacks becomes KIND_CPU", () => {
    expect(tr5("instance_group [{ gpus: [1] }]", { gpus: [0] })).toEqual([]);
    expect(tr5("instance_group [{ gpus: [0, 1] }]", { gpus: [0] })).toEqual([]);
    // On an unknown host the listed GPU may exist.
    expect(tr5("instance_group [{ gpus: [1] }]", {})).toHaveLength(1);
  });

  it("KIND_GPU on an unknown host", () => {
    expect(tr5("instance_group [{ kind: KIND_GPU gpus: [1] }]", {})).toHaveLength(1);
    expect(tr5("instance_group [{ kind: KIND_GPU }]", {})).toHaveLength(1);
  });

  it("code that reads its device id is fine", () => {
    const reads = CUPY_PY.replace(
      "    def execute",
      '    def initialize(self, args):\n        self.dev = args["model_instance_device_id"]\n\n    def execute',
    );
    expect(tr5("instance_group [{ kind: KIND_GPU }]", { gpus: [0, 1] }, reads)).toEqual([]);
  });
});
