/**
 * `gen-repo diff`'s reload verdict against the real server: whatever diff
 * says a config edit means (full reload, or applied in place), Triton does.
 *
 * One Triton in explicit model-control mode serves one Python model per row,
 * all from the same config. Each model's `initialize` and `finalize` append a
 * line (instance name, pid, time) to a log outside the repository. A row
 * writes its edited config over the loaded one and asks Triton to load the
 * model again; the log then shows what happened: a full reload initialises
 * every instance of the new config anew, an update in place initialises only
 * the instances it adds (none when only the version policy or nothing
 * changed). The verdict must match that observation on every row.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareConfigs } from "../../src/diff/index.js";
import type { RunningTriton } from "../../src/serve/launch.js";
import { parseConfig } from "../../src/pbtxt/parser.js";
import { realTriton, startTriton } from "../support/triton.js";
import { until } from "./support/until.js";

const triton = realTriton();

const BASE = `backend: "python"
max_batch_size: 8
input { name: "x" data_type: TYPE_FP32 dims: [ 2 ] }
input { name: "w" data_type: TYPE_INT32 dims: [ 1 ] }
output { name: "y" data_type: TYPE_FP32 dims: [ 2 ] }
instance_group { kind: KIND_CPU count: 1 }
dynamic_batching { max_queue_delay_microseconds: 100 }
parameters { key: "P" value { string_value: "a" } }
parameters { key: "Q" value { string_value: "q" } }
`;

/**
 * A model.py body that adds input "z" at load time: Triton keeps the config
 * from before auto-complete for the comparison, so writing "z" into
 * config.pbtxt is a change to it even though the loaded model had "z" already.
 */
const AUTO_COMPLETE_Z = [
  "    @staticmethod",
  "    def auto_complete_config(config):",
  "        config.add_input({'name': 'z', 'data_type': 'TYPE_FP32', 'dims': [2]})",
  "        return config",
  "",
];

/** Model folder name, the edited config, the instance count it asks for, and more of model.py's class body. */
const ROWS: Array<[string, string, number, string[]?]> = [
  [
    "formatting_only",
    `backend:"python" max_batch_size:8
input [ { dims: 2, data_type: TYPE_FP32, name: "x" }, { name: "w" data_type: 8 dims: 1 } ]
output < name: 'y' data_type: TYPE_FP32 dims: 2 >
parameters { value { string_value: "a" } key: "P" } parameters { key: "Q" value: { string_value: "q" } }
dynamic_batching {
  max_queue_delay_microseconds: 100
}
instance_group [ { count: 1 kind: KIND_CPU } ]
`,
    1,
  ],
  [
    "map_entry_order",
    BASE.replace(
      'parameters { key: "P" value { string_value: "a" } }\nparameters { key: "Q" value { string_value: "q" } }',
      'parameters { key: "Q" value { string_value: "q" } }\nparameters { key: "P" value { string_value: "a" } }',
    ),
    1,
  ],
  [
    "input_order",
    BASE.replace(
      'input { name: "x" data_type: TYPE_FP32 dims: [ 2 ] }\ninput { name: "w" data_type: TYPE_INT32 dims: [ 1 ] }',
      'input { name: "w" data_type: TYPE_INT32 dims: [ 1 ] }\ninput { name: "x" data_type: TYPE_FP32 dims: [ 2 ] }',
    ),
    1,
  ],
  ["comment_only", `# serving notes\n${BASE.replace("count: 1 }", "count: 1 }  # one is enough")}`, 1],
  ["explicit_default_file", `${BASE}default_model_filename: "model.py"\n`, 1],
  [
    "explicit_normalised_defaults",
    `${BASE.replace("max_queue_delay_microseconds: 100", "max_queue_delay_microseconds: 100 preferred_batch_size: [ 8 ]")}optimization { input_pinned_memory { enable: true } output_pinned_memory { enable: true } }\nversion_policy { latest { num_versions: 1 } }\n`,
    1,
  ],
  ["instance_count", BASE.replace("count: 1", "count: 2"), 2],
  ["version_policy", `${BASE}version_policy { all { } }\n`, 1],
  ["max_batch_size", BASE.replace("max_batch_size: 8", "max_batch_size: 4"), 1],
  ["dynamic_batching_field", BASE.replace("max_queue_delay_microseconds: 100", "max_queue_delay_microseconds: 200"), 1],
  ["parameter", BASE.replace('string_value: "a"', 'string_value: "b"'), 1],
  [
    "input_dims",
    BASE.replace('name: "x" data_type: TYPE_FP32 dims: [ 2 ]', 'name: "x" data_type: TYPE_FP32 dims: [ 3 ]'),
    1,
  ],
  ["pinned_memory_off", `${BASE}optimization { input_pinned_memory { enable: false } }\n`, 1],
  ["auto_completed_input_written", `${BASE}input { name: "z" data_type: TYPE_FP32 dims: [ 2 ] }\n`, 1, AUTO_COMPLETE_Z],
];

function modelPy(logs: string, more: readonly string[] = []): string {
  return [
    "import os, time",
    `LOGS = ${JSON.stringify(logs)}`,
    "",
    "def note(event, args_name, instance):",
    "    with open(os.path.join(LOGS, args_name + '.log'), 'a') as f:",
    "        f.write(f'{event} {instance} {os.getpid()} {time.time()}\\n')",
    "",
    "class TritonPythonModel:",
    "    def initialize(self, args):",
    "        self.model = args['model_name']",
    "        self.instance = args['model_instance_name']",
    "        note('init', self.model, self.instance)",
    "",
    ...more,
    "    def execute(self, requests):",
    "        return []",
    "",
    "    def finalize(self):",
    "        note('fini', self.model, self.instance)",
    "",
  ].join("\n");
}

interface Event {
  event: "init" | "fini";
  instance: string;
  pid: number;
}

describe.skipIf(!triton)("diff's reload verdict is what the real Triton does on a load request", () => {
  const work = mkdtempSync(join(tmpdir(), "triton-diff-reload-"));
  const repository = join(work, "models");
  const logs = join(work, "logs");
  let server: RunningTriton | undefined;

  function events(model: string): Event[] {
    const file = join(logs, `${model}.log`);
    if (!existsSync(file)) return [];
    return readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => {
        const [event, instance, pid] = line.split(" ");
        return { event: event as Event["event"], instance: instance as string, pid: Number(pid) };
      });
  }

  beforeAll(async () => {
    mkdirSync(logs, { recursive: true });
    for (const [model, , , more] of ROWS) {
      mkdirSync(join(repository, model, "1"), { recursive: true });
      writeFileSync(join(repository, model, "config.pbtxt"), BASE);
      writeFileSync(join(repository, model, "1", "model.py"), modelPy(logs, more));
      // The stub's import of model.py would write __pycache__/ into the version
      // folder after Triton took its timestamps, and a version folder modified
      // since is always reloaded fully (IsModelVersionModified), whatever the
      // config says. A plain file of that name makes the write fail quietly
      // (also as root; the embedded interpreter ignores PYTHONDONTWRITEBYTECODE).
      writeFileSync(join(repository, model, "1", "__pycache__"), "");
    }
    server = await startTriton({
      repositories: [repository],
      modelControl: "explicit",
      loadModels: ROWS.map(([model]) => model),
      readyTimeoutMs: 240_000,
    });
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it("loaded every model once, and left the version folders as they were", () => {
    for (const [model, edited] of ROWS) {
      expect(edited, `${model}: the edit changes nothing (a replace that did not match?)`).not.toBe(BASE);
      expect(
        events(model).filter((e) => e.event === "init"),
        model,
      ).toHaveLength(1);
      expect(readdirSync(join(repository, model, "1")).sort(), model).toEqual(["__pycache__", "model.py"]);
      expect(statSync(join(repository, model, "1", "__pycache__")).isFile(), model).toBe(true);
    }
  });

  it.each(ROWS)(
    "%s",
    async (model, edited, newCount) => {
      const live = server as RunningTriton;
      const file = join(repository, model, "config.pbtxt");
      const label = `${model}/config.pbtxt`;
      const parsed = [BASE, edited].map((text) => parseConfig(text, { file: label }));
      for (const p of parsed) expect(p.ok, JSON.stringify(p.diagnostics)).toBe(true);
      const verdict = compareConfigs(parsed[0]?.value ?? {}, parsed[1]?.value ?? {}, {
        before: label,
        after: label,
      }).reload;

      const before = events(model);
      const oldInstances = before.filter(
        (e) => e.event === "init" && !before.some((f) => f.event === "fini" && f.pid === e.pid),
      );
      // AsyncLoad logs this for each version it is asked to load, before it
      // compares the configs: proof that Triton saw the edit at all (an
      // unmodified model is left alone, which would look like "in place").
      const loading = `loading: ${model}:1`;
      const loadingBefore = live.log().split(loading).length;
      writeFileSync(file, edited);
      const response = await fetch(`${live.httpUrl}/v2/repository/models/${model}/load`, {
        method: "POST",
        signal: AbortSignal.timeout(180_000),
      });
      expect(response.status, `${await response.text()}\n${live.log().slice(-3000)}`).toBe(200);

      // Triton's log reaches us through a pipe, maybe after the HTTP answer: wait for it (bounded).
      const logged = await until(() => live.log().split(loading).length > loadingBefore, 10_000);
      expect(logged, `${model}: Triton did not take the load request`).toBe(true);
      expect(live.log().split(loading).length, model).toBe(loadingBefore + 1);

      // The load request returns once the new instances are initialised.
      const inits = events(model)
        .slice(before.length)
        .filter((e) => e.event === "init");
      const added = Math.max(0, newCount - oldInstances.length);
      let observed: "reload" | "in place";
      if (inits.length === newCount && inits.length > added) observed = "reload";
      else if (inits.length === added) observed = "in place";
      else throw new Error(`${model}: ${inits.length} instances initialised, neither ${newCount} nor ${added}`);

      if (observed === "reload") {
        // The replaced instances are finalised once the new model serves (bounded wait).
        const gone = await until(
          () => oldInstances.every((old) => events(model).some((e) => e.event === "fini" && e.pid === old.pid)),
          30_000,
        );
        expect(gone, `${model}: the old instances were not finalised`).toBe(true);
      } else {
        // Kept instances were neither finalised nor ended: their stubs still run.
        const after = events(model);
        for (const old of oldInstances) {
          expect(after.some((e) => e.event === "fini" && e.pid === old.pid)).toBe(false);
          expect(() => process.kill(old.pid, 0), `${model}: stub ${old.pid} is gone`).not.toThrow();
        }
      }
      expect(
        { model, verdict: verdict.kind === "reload" ? "reload" : "in place" },
        `diff said ${verdict.kind} (${verdict.reason})`,
      ).toEqual({ model, verdict: observed });
    },
    240_000,
  );
});
