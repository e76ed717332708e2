// The static reading of model.py behind PY-1: layouts real models use must
// not produce false findings, and a method must really be a method.
import { describe, expect, it } from "vitest";
import { definesMethod, hasBaseClass, modelClass, readPythonSource } from "../../src/python/source.js";

function read(text: string) {
  const cls = modelClass(readPythonSource("model.py", text));
  return {
    found: cls !== undefined,
    execute: cls ? definesMethod(cls.body, "execute") !== undefined : false,
    base: cls ? hasBaseClass(cls) : false,
  };
}

describe("model.py class and method detection (regressions from review)", () => {
  it.each([
    [
      "a class header over several lines",
      "class TritonPythonModel(\n    object,\n):\n    def execute(self, requests):\n        return []\n",
    ],
    [
      "a backslash continuation in the header",
      "class TritonPythonModel \\\n    :\n    def execute(self, requests):\n        return []\n",
    ],
    [
      "a class defined inside a block",
      "import os\nif os.environ.get('X') is None:\n    class TritonPythonModel:\n        def execute(self, requests):\n            return []\nVALUE = 1\n",
    ],
    [
      "execute bound by assignment",
      "def _execute(self, requests):\n    return []\n\nclass TritonPythonModel:\n    execute = _execute\n",
    ],
    [
      "a docstring and comment before the methods",
      'class TritonPythonModel:\n    """Docs: def nothing()."""\n    # def execute in a comment does not count, the real one does\n    async def execute(self, requests):\n        return []\n',
    ],
  ])("finds execute with %s", (_name, text) => {
    expect(read(text)).toMatchObject({ found: true, execute: true });
  });

  it("does not take a local function for the method", () => {
    expect(
      read(
        "class TritonPythonModel:\n    def initialize(self, args):\n        def execute(requests):\n            return []\n",
      ),
    ).toMatchObject({ found: true, execute: false });
  });

  it("does not take a def in a string or comment for the method", () => {
    expect(
      read(
        'class TritonPythonModel:\n    """\n    def execute(self, requests):\n    """\n    # def execute(self, requests):\n    pass\n',
      ).execute,
    ).toBe(false);
  });

  it("knows when methods may come from a base class", () => {
    expect(read("class TritonPythonModel(BaseModel):\n    pass\n").base).toBe(true);
    expect(read("class TritonPythonModel(object):\n    pass\n").base).toBe(false);
    expect(read("class TritonPythonModel:\n    pass\n").base).toBe(false);
  });
});
