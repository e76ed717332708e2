import { afterAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { type ValidateOptions, validateRepository } from "../../src/validate/index.js";
import { type TreeSpec, makeTree, removeTrees } from "./support/tree.js";

/**
 * Surviving mutants of src/validate/rules/layout.ts (RL-8, RL-9, RL-12, RL-13, RL-14, RL-15, RL-18, MC-66, MC-95).
 * Expected values are Triton's: the file each backend loads (catalogue RL-12's table), Triton's messages
 * (model_lifecycle.cc, backend_model.cc, label_provider.cc, the Python stub, MC-66/MC-95 size texts), the version
 * directory parsing of VersionsToLoad (stoll), and our hints as written promises. Each test lists every layout
 * diagnostic of the repository, so an invented one fails as surely as a missed one.
 */

afterAll(removeTrees);

const LAYOUT = new Set(["RL-8", "RL-9", "RL-12", "RL-13", "RL-14", "RL-15", "RL-18", "MC-66", "MC-95"]);

type Seen = Pick<Diagnostic, "code" | "severity" | "message"> & Partial<Diagnostic>;

/** The layout diagnostics of a repository, the temporary root spelled <R>, the backend directory <B>. */
function layout(spec: TreeSpec, options: ValidateOptions = {}, backends?: TreeSpec): Seen[] {
  const root = makeTree(spec);
  const bdir = backends ? makeTree(backends) : undefined;
  const opts = bdir ? { ...options, backendDir: bdir } : options;
  const clean = (s: string): string => {
    const r = s.replaceAll(root, "<R>");
    return bdir ? r.replaceAll(bdir, "<B>") : r;
  };
  return validateRepository(root, opts)
    .diagnostics.filter((d) => LAYOUT.has(d.code))
    .map((d) => {
      const out: Seen = { code: d.code, severity: d.severity, message: clean(d.message) };
      for (const k of ["file", "line", "column", "path", "hint"] as const) {
        const v = d[k];
        if (v !== undefined) (out as Record<string, unknown>)[k] = typeof v === "string" ? clean(v) : v;
      }
      return out;
    })
    .sort(byText);
}

/** Diagnostics in a fixed order (by their text), so expectations list them in any order. */
function byText(a: Seen, b: Seen): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
/** `expected` in the order layout() returns. */
const sorted = (expected: Seen[]): Seen[] => [...expected].sort(byText);

const TENSORS = `max_batch_size: 0
input [{ name: "I" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "O" data_type: TYPE_FP32 dims: [4] }]
`;
/** A config for model m: `lines` first (so line numbers are known), then one input and one output. */
const cfg = (lines: string): string => `name: "m"\n${lines}\n${TENSORS}`;

const ONNX = 'backend: "onnxruntime"';

describe("RL-8: version directory names", () => {
  it("reports a number beyond int64 (stoll throws out_of_range) with its file and hint", () => {
    expect(layout({ "m/config.pbtxt": cfg(ONNX), "m/1/model.onnx": "x", "m/99999999999999999999/": null })).toEqual(
      sorted([
        {
          code: "RL-8",
          severity: "error",
          message:
            "version directory '99999999999999999999' of model 'm' is a number beyond int64, which crashes Triton's version parsing",
          file: "m/99999999999999999999",
          hint: "use a small version number",
        },
      ]),
    );
  });

  it("reads '+0' as version 0 (not negative) and '-1' as version -1, each at its directory", () => {
    expect(
      layout({ "m/config.pbtxt": cfg(ONNX), "m/+0/x": "x", "m/-1/x": "x", "m/0/model.onnx": "x" }).filter(
        (d) => d.code === "RL-8",
      ),
    ).toEqual(
      sorted([
        {
          code: "RL-8",
          severity: "error",
          message:
            "version directory '+0' of model 'm' is read by Triton as version 0, whose files it then looks for in '0'",
          file: "m/+0",
          hint: "rename the directory to '0'",
        },
        {
          code: "RL-8",
          severity: "error",
          message:
            "version directory '-1' of model 'm' is read by Triton as the negative version -1, which no request or ensemble step can ask for (-1 means the latest version there)",
          file: "m/-1",
          hint: "version directories are named 0, 1, 2, …: rename it to a positive number",
        },
      ]),
    );
  });

  it("notes a non-numeric directory (Triton's warning) but not hidden ones or __pycache__", () => {
    const spec: TreeSpec = {
      "m/config.pbtxt": cfg(ONNX),
      "m/1/model.onnx": "x",
      "m/.cache/": null,
      "m/__pycache__/": null,
      "m/abc./": null,
    };
    expect(layout(spec)).toEqual(
      sorted([
        {
          code: "RL-8",
          severity: "info",
          message: "ignore version directory 'abc.' which fails to convert to integral number",
          file: "m/abc.",
          hint: "Triton does not load it as a version",
        },
      ]),
    );
  });
});

describe("RL-9: the version policy", () => {
  /** The RL-9 warning for version `version` of the policy on config line 3, which has no directory. */
  const absent = (version: number, hint: string): Seen => ({
    code: "RL-9",
    severity: "warning",
    message: `version ${version} is specified for model 'm', but the version directory is not present`,
    file: "m/config.pbtxt",
    line: 3,
    column: 18,
    path: "version_policy.specific",
    hint,
  });
  const ADD_IT = "add the directory '3' or remove the version from the policy";
  const LISTED_AGAIN =
    "the version is listed again, and Triton takes the second listing as present: it selects version 2 and its load fails";

  it("hints at adding the directory of a version listed once, and at the second listing of one listed twice", () => {
    const spec: TreeSpec = {
      "m/config.pbtxt": cfg(`${ONNX}\nversion_policy { specific { versions: [1, 3, 2, 2] } }`),
      "m/1/model.onnx": "x",
    };
    expect(layout(spec)).toEqual(
      sorted([
        absent(3, ADD_IT),
        absent(2, LISTED_AGAIN),
        {
          // The phantom version's load fails in the backend, which looks for its model file (RL-12).
          code: "RL-12",
          severity: "error",
          message:
            "model file '2/model.onnx' for model 'm' not found (backend 'onnxruntime' loads a file of that name)",
          file: "m/2",
          hint: "version 2 has no directory 'm/2'",
        },
      ]),
    );
  });

  it("says the load of a twice-listed version fails itself when the backend's model file is unknown", () => {
    const spec: TreeSpec = {
      "m/config.pbtxt": cfg('backend: "identity"\nversion_policy { specific { versions: [2, 2] } }'),
      "m/1/x": "x",
    };
    expect(layout(spec).filter((d) => d.code === "RL-9")).toEqual(
      sorted([
        absent(2, LISTED_AGAIN),
        {
          code: "RL-9",
          severity: "error",
          message:
            "version 2 of model 'm' is listed twice in version_policy.specific, so Triton loads it although 'm/2' does not exist, and the load fails",
          file: "m/config.pbtxt",
          line: 3,
          column: 18,
          path: "version_policy.specific",
          hint: "list version 2 once and add the directory '2', or remove it from the policy",
        },
      ]),
    );
  });

  it("points at version_policy when the policy selects none of the directories present", () => {
    const spec: TreeSpec = {
      "m/config.pbtxt": cfg(`${ONNX}\nversion_policy { specific { versions: [3] } }`),
      "m/1/model.onnx": "x",
    };
    expect(layout(spec)).toEqual(
      sorted([
        absent(3, ADD_IT),
        {
          code: "RL-9",
          severity: "error",
          message: "at least one version must be available under the version policy of model 'm'",
          file: "m/config.pbtxt",
          line: 3,
          column: 1,
          path: "version_policy",
          hint: "the policy selects none of the version directories present",
        },
      ]),
    );
  });
});

/** A model of `backend` (and `extra` lines) whose version 1 holds `files`; its layout diagnostics but RL-18. */
function modelFiles(lines: string, files: TreeSpec): Seen[] {
  const spec: TreeSpec = { "m/config.pbtxt": cfg(lines), "m/1/": null };
  for (const [k, v] of Object.entries(files)) spec[`m/1/${k}`] = v;
  return layout(spec).filter((d) => d.code !== "RL-18");
}

/** The RL-12 error for a missing `1/<file>` of `backend`, Triton loading `kind` of that name. */
const missing = (backend: string, file: string, kind: "file" | "directory" = "file"): Seen => ({
  code: "RL-12",
  severity: "error",
  message: `model file '1/${file}' for model 'm' not found (backend '${backend}' loads a${kind === "file" ? " file" : " directory"} of that name)`,
  file: "m/1",
  hint: `put the model ${kind} at m/1/${file}, or set default_model_filename`,
});

describe("RL-12: the model file each backend loads (catalogue RL-12's table)", () => {
  it.each([
    ["tensorrt", "", "model.plan"],
    ["onnxruntime", "", "model.onnx"],
    ["pytorch", "", "model.pt"],
    ["pytorch", 'platform: "torch_aoti"', "model.pt2"],
    ["tensorflow", "", "model.graphdef"],
    ["tensorflow", 'platform: "tensorflow_graphdef"', "model.graphdef"],
    ["openvino", "", "model.xml"],
  ])("%s %s loads %s: missing is reported, present is accepted", (backend, platform, file) => {
    const lines = `backend: "${backend}"\n${platform}`;
    expect(modelFiles(lines, {})).toEqual([missing(backend, file)]);
    expect(modelFiles(lines, { [file]: "x" })).toEqual([]);
  });

  it.each([
    ["tensorrt", ""],
    ["onnxruntime", ""],
    ["pytorch", ""],
    ["pytorch", 'platform: "torch_aoti"'],
    ["tensorflow", ""],
    ["tensorflow", 'platform: "tensorflow_savedmodel"'],
    ["openvino", ""],
  ])("%s %s loads default_model_filename instead", (backend, platform) => {
    const lines = `backend: "${backend}"\n${platform}\ndefault_model_filename: "net.bin"`;
    const kind = platform.includes("savedmodel") ? "directory" : "file";
    expect(modelFiles(lines, {})).toEqual([missing(backend, "net.bin", kind)]);
    expect(modelFiles(lines, kind === "directory" ? { "net.bin/": null } : { "net.bin": "x" })).toEqual([]);
  });

  it.each([
    ["tensorrt", "", "model.plan"],
    ["onnxruntime", "", "model.onnx"],
    ["pytorch", "", "model.pt"],
    ["pytorch", 'platform: "torch_aoti"', "model.pt2"],
    ["tensorflow", 'platform: "tensorflow_graphdef"', "model.graphdef"],
    ["tensorflow", 'platform: "tensorflow_savedmodel"', "model.savedmodel"],
    ["openvino", "", "model.xml"],
  ])("%s %s loads %s by default when auto-complete does not fill default_model_filename", (backend, platform, file) => {
    const spec: TreeSpec = { "m/config.pbtxt": cfg(`backend: "${backend}"\n${platform}`), "m/1/": null };
    const kind = file === "model.savedmodel" ? "directory" : "file";
    const found = layout(spec, { autoComplete: false }).filter((d) => d.code === "RL-12");
    expect(found).toEqual([missing(backend, file, kind)]);
  });

  it("finds model.py by default when auto-complete does not fill default_model_filename", () => {
    const spec: TreeSpec = { "m/config.pbtxt": cfg('backend: "python"'), "m/1/": null };
    expect(layout(spec, { autoComplete: false }).filter((d) => d.code === "RL-12")).toEqual([
      {
        code: "RL-12",
        severity: "error",
        message: "Python model file not found in '<R>/m/1/model.py'",
        file: "m/1",
        hint: "put the model file at m/1/model.py, or set default_model_filename",
      },
    ]);
    expect(layout({ ...spec, "m/1/model.py": "x" }, { autoComplete: false }).filter((d) => d.code === "RL-12")).toEqual(
      [],
    );
  });

  it("wants a directory for tensorflow_savedmodel: a file of that name is refused", () => {
    const lines = 'backend: "tensorflow"\nplatform: "tensorflow_savedmodel"';
    expect(modelFiles(lines, {})).toEqual([missing("tensorflow", "model.savedmodel", "directory")]);
    expect(modelFiles(lines, { "model.savedmodel": "x" })).toEqual(
      sorted([missing("tensorflow", "model.savedmodel", "directory")]),
    );
    expect(modelFiles(lines, { "model.savedmodel/": null })).toEqual([]);
  });

  it("wants a file for tensorrt and openvino: a directory of that name is refused", () => {
    expect(modelFiles('backend: "tensorrt"', { "model.plan/": null })).toEqual([missing("tensorrt", "model.plan")]);
    expect(modelFiles('backend: "openvino"', { "model.xml/": null })).toEqual([missing("openvino", "model.xml")]);
  });

  it("accepts an onnx model directory (model.onnx plus external data)", () => {
    expect(modelFiles(ONNX, { "model.onnx/": null })).toEqual([]);
  });

  it("accepts a cc_model_filenames file in place of the default", () => {
    const lines = 'backend: "tensorrt"\ncc_model_filenames { key: "8.0" value: "sm80.plan" }';
    expect(modelFiles(lines, { "sm80.plan": "x" })).toEqual([]);
    expect(modelFiles(lines, { "other.plan": "x" })).toEqual([missing("tensorrt", "model.plan")]);
  });

  it("checks nothing for a backend whose file the backend decides", () => {
    expect(modelFiles('backend: "identity"', {})).toEqual([]);
  });

  it("finds the Python model file under default_model_filename", () => {
    const lines = 'backend: "python"\ndefault_model_filename: "serve.py"';
    expect(modelFiles(lines, { "serve.py": "x" })).toEqual([]);
    expect(modelFiles('backend: "python"', { "model.py": "x" })).toEqual([]);
  });
});

describe("RL-15: the Python model file's name (the stub's '.py' check, then the import as <version>.<stem>)", () => {
  const py = (file: string): Seen[] =>
    layout({
      "m/config.pbtxt": cfg(`backend: "python"\ndefault_model_filename: "${file}"`),
      [`m/1/${file}`]: "x",
    }).filter((d) => d.code !== "RL-18");
  const refused = (message: string): Seen => ({
    code: "RL-15",
    severity: "error",
    message,
    file: "m/config.pbtxt",
    line: 3,
    column: 1,
    path: "default_model_filename",
    hint: "the Python backend imports the file as a module <version>.<stem>",
  });
  /** The import's refusal of `file`: an empty stem, a second '.', or no '.py' end. */
  const notImportable = (file: string): Seen =>
    refused(`Python model file '${file}' of model 'm' cannot be imported: it must end in '.py' and have no other '.'`);
  const notIdentifier = (file: string): Seen => ({
    code: "RL-15",
    severity: "warning",
    message: `Python model file '${file}' of model 'm' is not a Python identifier`,
    file: "m/config.pbtxt",
    line: 3,
    column: 1,
    path: "default_model_filename",
    hint: "use letters, digits and '_' in the file name",
  });

  it("accepts a short identifier stem", () => {
    expect(py("ab.py")).toEqual([]);
    expect(py("_x9.py")).toEqual([]);
  });

  it("refuses '.py' (an empty stem cannot be imported)", () => {
    expect(py(".py")).toEqual([notImportable(".py")]);
  });

  it("refuses a stem with a '.' in the import's words, and a name the stub refuses in the stub's words", () => {
    expect(py("a.b.py")).toEqual([notImportable("a.b.py")]);
    // find_last_of(".py") finds a '.', 'p' or 'y' only when the name ends in one; 'model.txt' ends in 't'.
    expect(py("model.txt")).toEqual([refused(`Model name must end with '.py'. Model name is "model.txt".`)]);
    expect(py("model.pyy")).toEqual([notImportable("model.pyy")]);
  });

  it("refuses a name that does not end in '.py' even when it ends in 'py'", () => {
    expect(py("modelpy")).toEqual([notImportable("modelpy")]);
  });

  it("warns about a stem that is no identifier, whether it starts or ends wrong", () => {
    expect(py("1model.py")).toEqual([notIdentifier("1model.py")]);
    expect(py("my-model.py")).toEqual([notIdentifier("my-model.py")]);
  });

  it("reports a missing Python model file in the backend's words", () => {
    expect(layout({ "m/config.pbtxt": cfg('backend: "python"'), "m/1/": null })).toEqual([
      {
        code: "RL-12",
        severity: "error",
        message: "Python model file not found in '<R>/m/1/model.py'",
        file: "m/1",
        hint: "put the model file at m/1/model.py, or set default_model_filename",
      },
    ]);
  });
});

describe("RL-18: the backend library and runtime", () => {
  const V = { tritonVersion: "25.12" };
  const notFound = (backend: string, hint: string): Seen => ({
    code: "RL-18",
    severity: "error",
    message: `Invalid argument: unable to find backend library for backend '${backend}', try specifying runtime on the model configuration.`,
    file: "m/config.pbtxt",
    line: 2,
    column: 1,
    path: "backend",
    hint,
  });
  const withRuntime = (runtime: string, files: TreeSpec = {}): TreeSpec => ({
    "m/config.pbtxt": cfg(`backend: "foo"\nruntime: "${runtime}"`),
    "m/1/": null,
    ...files,
  });
  const runtimeError = (message: string, hint: string): Seen => ({
    code: "RL-18",
    severity: "error",
    message,
    file: "m/config.pbtxt",
    line: 3,
    column: 1,
    path: "runtime",
    hint,
  });

  it("names the stock image for an unknown backend, without an absence reason", () => {
    expect(layout({ "m/config.pbtxt": cfg('backend: "foo"'), "m/1/": null }, V)).toEqual([
      notFound(
        "foo",
        "'foo' is not a backend of the stock tritonserver 25.12 image: check the spelling, pass --triton-version for another release, or --backend-dir to check against your server's backends",
      ),
    ]);
  });

  it("lists the directories searched when the backend directory is given", () => {
    const spec = { "m/config.pbtxt": cfg('backend: "foo"'), "m/1/": null };
    expect(layout(spec, V, { "foo/": null })).toEqual([
      notFound("foo", "no libtriton_foo.so in <R>/m/1, <R>/m, <B>/foo"),
    ]);
  });

  it("finds the library in the version directory, the model directory, or as a Python-based backend", () => {
    const config = { "m/config.pbtxt": cfg('backend: "foo"'), "m/1/": null };
    expect(layout({ ...config, "m/1/libtriton_foo.so": "x" }, V, { "foo/": null })).toEqual([]);
    expect(layout({ ...config, "m/libtriton_foo.so": "x" }, V, { "foo/": null })).toEqual([]);
    expect(layout(config, V, { "foo/model.py": "x" })).toEqual([]);
    expect(layout(config, V, { "foo/libtriton_foo.so": "x" })).toEqual([]);
  });

  it("refuses a runtime that escapes, naming the version directory Triton checked first", () => {
    const hint =
      "runtime is a file name looked up in the version directory, the model directory, then the backend's directory";
    for (const runtime of ["../x.so", "/usr/lib/x.so", ".."]) {
      expect(layout(withRuntime(runtime), V, { "foo/": null })).toEqual([
        runtimeError(
          `backend library name '${runtime}' escapes backend directory '<R>/m/1', for model 'm', check model config runtime field`,
          hint,
        ),
      ]);
    }
  });

  it("looks for runtime 'model.py' in the backend's directory only", () => {
    expect(layout(withRuntime("model.py"), V, { "foo/x": "x" })).toEqual([
      runtimeError(
        "unable to find Python backend based backend library 'model.py' for model 'm', searched: '<B>/foo'",
        'runtime: "model.py" selects a Python-based backend, which needs <backends>/<backend>/model.py',
      ),
    ]);
    expect(layout(withRuntime("model.py"), V, { "foo/model.py": "x" })).toEqual([]);
    // Without a backend directory an unknown backend has no files: still refused, never a crash.
    expect(layout(withRuntime("model.py"), V).map((d) => d.message)).toEqual([
      "unable to find Python backend based backend library 'model.py' for model 'm', searched: '/opt/tritonserver/backends/foo'",
    ]);
  });

  it("reports a runtime found nowhere with every directory searched, in Triton's quoting", () => {
    const hint = "remove runtime to use libtriton_foo.so, or put 'libx.so' in the model directory";
    expect(layout(withRuntime("libx.so"), V, { "foo/": null })).toEqual([
      runtimeError(
        "unable to find backend library 'libx.so' for model 'm', searched: '<R>/m/1' '<R>/m' '<B>/foo'",
        hint,
      ),
    ]);
    expect(layout(withRuntime("libx.so"), V).map((d) => d.message)).toEqual([
      "unable to find backend library 'libx.so' for model 'm', searched: '<R>/m/1' '<R>/m' '/opt/tritonserver/backends/foo'",
    ]);
  });

  it("finds a runtime in the model, in the backend's directory, or at a nested path that is a file", () => {
    expect(layout(withRuntime("libx.so", { "m/libx.so": "x" }), V, { "foo/": null })).toEqual([]);
    expect(layout(withRuntime("libx.so", { "m/1/libx.so": "x" }), V, { "foo/": null })).toEqual([]);
    expect(layout(withRuntime("libx.so"), V, { "foo/libx.so": "x" })).toEqual([]);
    expect(
      layout(withRuntime("lib/x.so", { "m/lib/x.so": "x" }), V, { "foo/": null }).filter((d) => d.code === "RL-18"),
    ).toEqual([]);
    expect(
      layout(withRuntime("lib/x.so", { "m/lib/x.so/": null }), V, { "foo/": null })
        .filter((d) => d.code === "RL-18")
        .map((d) => d.message),
    ).toEqual(["unable to find backend library 'lib/x.so' for model 'm', searched: '<R>/m/1' '<R>/m' '<B>/foo'"]);
  });
});

/** An onnx model m with `outputs` (text of the output list), version 1 holding its model file, and `files`. */
function labelled(outputs: string, files: TreeSpec = {}): Seen[] {
  const config = `name: "m"
backend: "onnxruntime"
max_batch_size: 0
input [{ name: "I" data_type: TYPE_FP32 dims: [4] }]
output [${outputs}]
`;
  return layout({ "m/config.pbtxt": config, "m/1/model.onnx": "x", ...files });
}
/** The 1-based column of `word`'s last occurrence in `line`: where the diagnostic must point. */
const columnOf = (line: string, word: string): number => line.lastIndexOf(word) + 1;
const OUT = (label: string, name = "O"): string =>
  `{ name: "${name}" data_type: TYPE_FP32 dims: [4] label_filename: "${label}" }`;

describe("RL-13: output label files (label_provider.cc), relative to the model directory", () => {
  const unreadable = (label: string, os: string): Seen => ({
    code: "RL-13",
    severity: "error",
    message: `failed to open text file for read <R>/m/${label}: ${os}`,
    file: "m/config.pbtxt",
    line: 5,
    column: columnOf(`output [${OUT(label)}]`, "label_filename"),
    path: "output[0].label_filename",
    hint: `put the labels, one per line, in m/${label}`,
  });

  it("accepts a label file in the model directory or below it", () => {
    expect(labelled(OUT("l.txt"), { "m/l.txt": "a\n" })).toEqual([]);
    expect(labelled(OUT("sub/l.txt"), { "m/sub/l.txt": "a\n" }).filter((d) => d.code === "RL-13")).toEqual([]);
  });

  it("reports a missing label file, a directory, and a symlink loop with the OS's words", () => {
    expect(labelled(OUT("l.txt"))).toEqual([unreadable("l.txt", "No such file or directory")]);
    expect(labelled(OUT("sub/l.txt")).filter((d) => d.code === "RL-13")).toEqual([
      unreadable("sub/l.txt", "No such file or directory"),
    ]);
    expect(labelled(OUT("l.txt"), { "m/l.txt/": null }).filter((d) => d.code === "RL-13")).toEqual([
      unreadable("l.txt", "Is a directory"),
    ]);
    expect(labelled(OUT("l.txt"), { "m/l.txt": { symlink: "l.txt" } })).toEqual([
      unreadable("l.txt", "Too many levels of symbolic links"),
    ]);
    expect(
      labelled(OUT("sub/l.txt"), { "m/sub/l.txt": { symlink: "l.txt" } }).filter((d) => d.code === "RL-13"),
    ).toEqual([unreadable("sub/l.txt", "Too many levels of symbolic links")]);
  });

  it("refuses a label path outside the model directory", () => {
    for (const label of ["../l.txt", ".."]) {
      expect(labelled(OUT(label))).toEqual([
        {
          code: "RL-13",
          severity: "error",
          message: `label file path '${label}' for output 'O' in model 'm' is outside model directory`,
          file: "m/config.pbtxt",
          line: 5,
          column: columnOf(`output [${OUT(label)}]`, "label_filename"),
          path: "output[0].label_filename",
          hint: "label files are read relative to the model directory and must stay inside it",
        },
      ]);
    }
  });

  it("refuses a second label file for the same output name", () => {
    const found = labelled(`${OUT("l.txt")}, ${OUT("k.txt")}`, { "m/l.txt": "a\n", "m/k.txt": "b\n" });
    expect(found).toEqual([
      {
        code: "RL-13",
        severity: "error",
        message: "multiple label files for 'O'",
        file: "m/config.pbtxt",
        line: 5,
        column: columnOf(`output [${OUT("l.txt")}, ${OUT("k.txt")}]`, "label_filename"),
        path: "output[1].label_filename",
        hint: "two outputs of this name carry label files: keep one",
      },
    ]);
  });

  it("reads no label files for an ensemble (its steps own them)", () => {
    const config = `name: "m"
platform: "ensemble"
max_batch_size: 0
input [{ name: "I" data_type: TYPE_FP32 dims: [4] }]
output [{ name: "O" data_type: TYPE_FP32 dims: [4] label_filename: "l.txt" }]
model_warmup [{ name: "w" batch_size: 1 inputs { key: "I" value { data_type: TYPE_FP32 dims: [4] input_data_file: "d.bin" } } }]
`;
    const found = layout({ "m/config.pbtxt": config, "m/1/": null });
    expect(found.filter((d) => ["RL-13", "RL-14", "MC-95"].includes(d.code))).toEqual([]);
  });
});

describe("RL-14, MC-95, MC-66: warmup and initial-state data files", () => {
  const warmLine = (dims: string): string =>
    `model_warmup [{ name: "w" batch_size: 1 inputs { key: "I" value { data_type: TYPE_FP32 dims: [${dims}] input_data_file: "d.bin" } } }]`;
  const warm = (dims: string, files: TreeSpec = {}): Seen[] =>
    layout({
      "m/config.pbtxt": cfg(`${ONNX}\n${warmLine(dims)}`),
      "m/1/model.onnx": "x",
      ...files,
    }).filter((d) => ["RL-14", "MC-95"].includes(d.code));
  const WARM_AT = { file: "m/config.pbtxt", line: 3, path: 'model_warmup[0].inputs["I"].input_data_file' };

  it("reads warmup/<file>: missing and directory are read errors", () => {
    const err = (os: string): Seen[] => [
      {
        code: "RL-14",
        severity: "error",
        message: `failed to open text file for read <R>/m/warmup/d.bin: ${os}`,
        ...WARM_AT,
        column: columnOf(warmLine("2"), "input_data_file"),
        hint: "data files are read from m/warmup/",
      },
    ];
    expect(warm("2")).toEqual(err("No such file or directory"));
    expect(warm("2", { "m/warmup/d.bin/": null })).toEqual(err("Is a directory"));
    expect(warm("2", { "m/warmup/d.bin": { symlink: "d.bin" } })).toEqual(err("Too many levels of symbolic links"));
  });

  it("needs the tensor's byte size: one byte short is refused, exact is accepted", () => {
    expect(warm("2", { "m/warmup/d.bin": Buffer.alloc(8) })).toEqual([]);
    expect(warm("2", { "m/warmup/d.bin": Buffer.alloc(7) })).toEqual([
      {
        code: "MC-95",
        severity: "error",
        message: "warmup setting expects 8 bytes, but the data provided from d.binonly has 7 bytes",
        ...WARM_AT,
        column: columnOf(warmLine("2"), "input_data_file"),
        hint: "the file must hold at least 8 bytes of raw TYPE_FP32 data",
      },
    ]);
  });

  it("checks no size for variable dims: warmup refuses them first (MC-93), and a -1 makes the byte size unknown", () => {
    expect(warm("-1, -1, 2", { "m/warmup/d.bin": Buffer.alloc(1) }).filter((d) => d.message.includes("bytes"))).toEqual(
      [],
    );
  });

  const stateLine = (file: string): string =>
    `sequence_batching { state [{ input_name: "IS" output_name: "OS" data_type: TYPE_FP32 dims: [2] initial_state [{ name: "s" data_type: TYPE_FP32 dims: [2] data_file: "${file}" }] }] }`;
  const state = (files: TreeSpec = {}, file = "s.bin"): Seen[] =>
    layout({
      "m/config.pbtxt": cfg(`${ONNX}\n${stateLine(file)}`),
      "m/1/model.onnx": "x",
      ...files,
    }).filter((d) => ["RL-14", "MC-66"].includes(d.code));
  const STATE_AT = { file: "m/config.pbtxt", line: 3, path: "sequence_batching.state[0].initial_state[0].data_file" };

  it("reads initial_state/<file>, and its size message ends in a '.'", () => {
    expect(state()).toEqual([
      {
        code: "RL-14",
        severity: "error",
        message: "failed to open text file for read <R>/m/initial_state/s.bin: No such file or directory",
        ...STATE_AT,
        column: columnOf(stateLine("s.bin"), "data_file"),
        hint: "data files are read from m/initial_state/",
      },
    ]);
    expect(state({ "m/initial_state/s.bin": Buffer.alloc(4) })).toEqual([
      {
        code: "MC-66",
        severity: "error",
        message: "initial_state setting expects 8 bytes, but the data provided from s.binonly has 4 bytes.",
        ...STATE_AT,
        column: columnOf(stateLine("s.bin"), "data_file"),
        hint: "the file must hold at least 8 bytes of raw TYPE_FP32 data",
      },
    ]);
    expect(state({ "m/initial_state/s.bin": Buffer.alloc(8) })).toEqual([]);
    expect(state({}, "")).toEqual([]);
  });
});
