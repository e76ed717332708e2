/**
 * A pre-commit hook pays Node's start-up on every commit, so the commands a
 * hook runs read the schema from generated data and never load protobufjs
 * (tens of milliseconds to import it and parse the .proto), nor yaml, ajv or
 * handlebars, which only spec and generator commands need. The oracle is
 * Node's own module loader: a resolve hook that fails the process when one of
 * them is asked for.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { describeSchema, schemaRegistry } from "../../src/schema/descriptors.js";
import { loadSchemaRoot } from "../../src/schema/load-schema.js";
import { schemaDataFromProto } from "../../src/codegen/schema-data.js";
import { BIN } from "../support/run-cli.js";

const HOOK = fileURLToPath(new URL("../support/fixtures/forbid-heavy-modules.mjs", import.meta.url));
const GOLDEN_REPO = fileURLToPath(new URL("../generate/golden/act-pick-place/model_repository", import.meta.url));

function runWithoutProtobufjs(args: string[]) {
  return spawnSync(process.execPath, ["--import", HOOK, BIN, ...args], { encoding: "utf8", timeout: 30_000 });
}

describe("start-up without protobufjs, yaml, ajv or handlebars", () => {
  it.each(["protobufjs", "yaml", "ajv", "handlebars"])("the hook itself refuses %s (the check can fail)", (heavy) => {
    const r = spawnSync(process.execPath, ["--import", HOOK, "--input-type=module", "-e", `await import('${heavy}')`], {
      encoding: "utf8",
      cwd: fileURLToPath(new URL("../..", import.meta.url)),
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`${heavy} was loaded`);
  });

  it.each([
    ["print", [`${GOLDEN_REPO}/act_pick_place/config.pbtxt`]],
    ["print --format json", [`${GOLDEN_REPO}/act_pick_place/config.pbtxt`, "--format", "json"]],
    ["validate", [GOLDEN_REPO]],
    ["fmt --check", [GOLDEN_REPO, "--check"]],
  ])("gen-repo %s", (name, args) => {
    const r = runWithoutProtobufjs([name.split(" ")[0] as string, ...args]);
    expect(r.stderr).not.toMatch(/(protobufjs|yaml|ajv|handlebars) was loaded/);
    expect(r.status).toBe(0);
  });
});

describe("the generated schema data", () => {
  it("describes the same schema as the .proto, field for field", () => {
    const fromProto = describeSchema(schemaDataFromProto(loadSchemaRoot()));
    const shape = (registry: typeof fromProto) => ({
      messages: registry.messages.map((m) => ({
        name: m.name,
        oneofs: [...m.oneofs],
        fields: m.fields.map((f) => ({
          name: f.name,
          number: f.number,
          kind: f.kind,
          repeated: f.repeated,
          oneof: f.oneof,
          type:
            f.kind === "scalar"
              ? f.scalar
              : f.kind === "enum"
                ? f.enumType.name
                : f.kind === "message"
                  ? f.messageType.name
                  : `map<${f.keyType}>`,
        })),
      })),
      enums: registry.enums.map((e) => ({ name: e.name, values: [...e.values] })),
    });
    expect(shape(schemaRegistry())).toEqual(shape(fromProto));
  });
});
