/**
 * validateConfig and each model of validateRepository run one pipeline
 * (src/validate/model-pipeline.ts): whatever a config alone decides, a
 * repository holding that config reports in the same words at the same
 * place, templates included.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { validateConfig, validateRepository } from "../../src/validate/index.js";
import type { ValidateOptions } from "../../src/validate/types.js";
import { makeTree, pythonModel, removeTrees } from "./support/tree.js";

afterAll(removeTrees);

const key = (d: Diagnostic): string => JSON.stringify([d.code, d.severity, d.file, d.line, d.column, d.message]);

const CASES: Array<[string, { config: string; options: ValidateOptions }]> = [
  [
    "a templated config: placeholders reported, the rest checked",
    {
      config:
        'backend: "python"\nmax_batch_size: ${mbs}\nparameters { key: "p" value: { string_value: "${dir}" } }\ninstance_group [{ kind: KIND_CPU gpus: [0] }]\n',
      options: { gpus: [0] },
    },
  ],
  [
    "a templated config filled by the variables",
    {
      config: 'backend: "python"\nmax_batch_size: ${mbs}\ninstance_group [{ kind: KIND_GPU gpus: [3] }]\n',
      options: { gpus: [0], templateVars: { mbs: "8" } },
    },
  ],
  [
    "map keys written twice, with --strict",
    {
      config:
        'backend: "python"\nparameters { key: "p" value: { string_value: "a" } }\nparameters { key: "p" value: { string_value: "b" } }\n',
      options: { strict: true },
    },
  ],
];

describe("one pipeline for a config and for a repository", () => {
  it.each(CASES)("%s", (_name, { config, options }) => {
    const alone = validateConfig(config, { ...options, file: "m/config.pbtxt", modelName: "m" });
    const root = makeTree({ ...pythonModel("m"), "m/config.pbtxt": config });
    const inRepository = new Set(validateRepository(root, options).diagnostics.map(key));
    expect(alone.length).toBeGreaterThan(0);
    expect(alone.map(key).filter((k) => !inRepository.has(k))).toEqual([]);
  });
});
