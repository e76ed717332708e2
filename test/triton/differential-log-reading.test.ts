/**
 * How the differential reads Triton's answers: the reasons inside a load
 * error, and the reasons Triton 2.51 leaves only in its log. The inputs are
 * lines Triton 2.51 printed in this project's runs, so a change in the
 * readers that loses a reason fails here without a server.
 */
import { describe, expect, it } from "vitest";
import { carries } from "./support/our-verdict.js";
import { errorLinesAfter, parseReasonsBefore, reasonsOf } from "./support/triton-verdict.js";

const LOG = [
  'I1204 20:45:12.400000 18306 model_lifecycle.cc:472] "loading: good:1"',
  "E1204 20:45:12.896434 18306 model_repository_manager.cc:1460] \"Poll failed for model directory 'baddim': model input 'x' dimension must be integer >= 1, or -1 to indicate a variable-size dimension for baddim\"",
  '[libprotobuf ERROR /tmp/tritonbuild/third_party/protobuf/src/google/protobuf/text_format.cc:337] Error parsing text-format inference.ModelConfig: 22:10: Message type "inference.ModelConfig" has no field named "max_batch".',
  "E1204 20:55:14.415810 31253 model_repository_manager.cc:1460] \"Poll failed for model directory 'g065': failed to read text proto from /tmp/stage/g065/config.pbtxt\"",
  "",
].join("\n");

describe("reading Triton's load errors", () => {
  it("strips the request wrapping and the status of each version's reason", () => {
    expect(
      reasonsOf(
        "load failed for model 'baddim': version 1 is at UNAVAILABLE state: Invalid argument: model input 'x' dimension must be integer >= 1, or -1 to indicate a variable-size dimension for baddim;\n",
        "baddim",
      ),
    ).toEqual([
      "model input 'x' dimension must be integer >= 1, or -1 to indicate a variable-size dimension for baddim",
    ]);
    expect(
      reasonsOf(
        "load failed for model 'g036': version 1 is at UNAVAILABLE state: Invalid argument: [request id: <id_unknown>] warmup setting expects input 'INPUT0' to have input_data_type set;\n",
        "g036",
      ),
    ).toEqual(["warmup setting expects input 'INPUT0' to have input_data_type set"]);
    expect(
      reasonsOf(
        "load failed for model 'm': version 1 is at UNAVAILABLE state: Internal: ValueError: input in auto-complete-config function for model 'm' is missing 'name' property.\n\nAt:\n  /b/triton_python_backend_utils.py(401): add_input\n;\n",
        "m",
      ),
    ).toEqual(["input in auto-complete-config function for model 'm' is missing 'name' property."]);
    expect(
      reasonsOf(
        "load failed for model 'nover': at least one version must be available under the version policy of model 'nover'\n",
        "nover",
      ),
    ).toEqual(["at least one version must be available under the version policy of model 'nover'"]);
  });

  it("finds the poll reason of a model in the log after a mark, unquoted", () => {
    expect(errorLinesAfter(LOG, 0, "Poll failed for model directory 'baddim': ")).toEqual([
      "model input 'x' dimension must be integer >= 1, or -1 to indicate a variable-size dimension for baddim",
    ]);
    expect(errorLinesAfter(LOG, LOG.indexOf("[libprotobuf"), "Poll failed for model directory 'baddim': ")).toEqual([]);
  });

  it("takes protobuf's parse reason from the line before the model's poll error, without its line:column", () => {
    expect(parseReasonsBefore(LOG, 0, "g065")).toEqual([
      'Message type "inference.ModelConfig" has no field named "max_batch".',
    ]);
    expect(parseReasonsBefore(LOG, 0, "baddim")).toEqual([]);
  });

  it("counts a message as carried across the staged and the original repository paths", () => {
    const ours = [
      {
        code: "RL-18",
        severity: "error",
        message: "escapes backend directory '/work/case/m/1', for model 'm'",
        file: null,
      },
    ];
    expect(carries(ours, "escapes backend directory '/stage/m/1', for model 'm'", ["/work/case", "/stage"])).toBe(true);
    expect(carries(ours, "escapes backend directory '/stage/m/2', for model 'm'", ["/work/case", "/stage"])).toBe(
      false,
    );
  });
});
