// Guards the single most important fact of the project: our schemas/model_config.proto
// is Triton's model_config.proto on the wire and in text, field by field, in order.
import { readFileSync } from "node:fs";
import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { loadSchemaRoot } from "../../src/schema/load-schema.js";
import { sharedAvailable, sharedPath } from "../support/shared.js";

interface FactField {
  name: string;
  number: number;
  type: string;
  type_name: string | null;
  label: "optional" | "repeated";
  oneof: string | null;
}
interface FactMessage {
  name: string;
  map_entry: boolean;
  fields: FactField[];
}
interface Facts {
  package: string;
  syntax: string;
  messages: FactMessage[];
  enums: { name: string; values: [string, number][] }[];
}

const SCALARS = new Set([
  "double",
  "float",
  "int32",
  "int64",
  "uint32",
  "uint64",
  "sint32",
  "sint64",
  "fixed32",
  "fixed64",
  "sfixed32",
  "sfixed64",
  "bool",
  "string",
  "bytes",
]);

/** Our schema described the way the facts file describes Triton's, read through protobufjs reflection. */
function describeOurs(root: protobuf.Root): { messages: FactMessage[]; enums: Facts["enums"] } {
  const messages: FactMessage[] = [];
  const enums: Facts["enums"] = [];
  const rel = (o: protobuf.ReflectionObject) => o.fullName.replace(/^\.inference\./, "");
  const typeOf = (t: protobuf.Type | protobuf.Enum | null, raw: string) =>
    SCALARS.has(raw) ? raw : t instanceof protobuf.Enum ? "enum" : "message";
  const visit = (ns: protobuf.NamespaceBase) => {
    for (const nested of ns.nestedArray) {
      if (nested instanceof protobuf.Type) {
        const fields: FactField[] = [];
        const mapEntries: FactMessage[] = [];
        for (const f of nested.fieldsArray) {
          f.resolve();
          if (f instanceof protobuf.MapField) {
            const entryName = `${rel(nested)}.${f.name.replace(/(^|_)([a-z0-9])/g, (_m, _u, c: string) => c.toUpperCase())}Entry`;
            fields.push({
              name: f.name,
              number: f.id,
              type: "message",
              type_name: entryName,
              label: "repeated",
              oneof: f.partOf?.name ?? null,
            });
            mapEntries.push({
              name: entryName,
              map_entry: true,
              fields: [
                { name: "key", number: 1, type: f.keyType, type_name: null, label: "optional", oneof: null },
                {
                  name: "value",
                  number: 2,
                  type: typeOf(f.resolvedType, f.type),
                  type_name: f.resolvedType ? rel(f.resolvedType) : null,
                  label: "optional",
                  oneof: null,
                },
              ],
            });
          } else {
            fields.push({
              name: f.name,
              number: f.id,
              type: typeOf(f.resolvedType, f.type),
              type_name: f.resolvedType ? rel(f.resolvedType) : null,
              label: f.repeated ? "repeated" : "optional",
              oneof: f.partOf?.name ?? null,
            });
          }
        }
        messages.push({ name: rel(nested), map_entry: false, fields });
        // Nested types first, then the synthetic map entries of this message.
        visit(nested);
        messages.push(...mapEntries);
      } else if (nested instanceof protobuf.Enum) {
        enums.push({ name: rel(nested), values: Object.entries(nested.values) });
      }
    }
  };
  visit(root.lookup("inference") as protobuf.Namespace);
  return { messages, enums };
}

describe.runIf(sharedAvailable())("schemas/model_config.proto against Triton's schema facts", () => {
  const facts = JSON.parse(
    readFileSync(sharedPath("conformance", "schema", "model_config.facts.json"), "utf8"),
  ) as Facts;
  const ours = describeOurs(loadSchemaRoot());
  const source = readFileSync(new URL("../../schemas/model_config.proto", import.meta.url), "utf8");

  it("is proto3 in package inference", () => {
    expect(facts.package).toBe("inference");
    expect(source).toMatch(/^syntax = "proto3";$/m);
    expect(source).toMatch(/^package inference;$/m);
  });

  it("declares the same messages", () => {
    expect(ours.messages.map((m) => m.name).sort()).toEqual(facts.messages.map((m) => m.name).sort());
  });

  for (const fact of facts.messages) {
    it(`${fact.name}: same fields, numbers, types, labels and oneofs, in declaration order`, () => {
      const mine = ours.messages.find((m) => m.name === fact.name);
      expect(mine, `message ${fact.name} is missing`).toBeDefined();
      expect(mine?.map_entry).toBe(fact.map_entry);
      expect(mine?.fields).toEqual(fact.fields);
    });
  }

  it("declares top-level and nested messages in Triton's order", () => {
    // Map entries are synthetic (protoc places them after the nested types); compare the rest.
    const order = (list: FactMessage[]) => list.filter((m) => !m.map_entry).map((m) => m.name);
    expect(order(ours.messages)).toEqual(order(facts.messages));
  });

  for (const fact of facts.enums) {
    it(`enum ${fact.name}: same values and numbers in order`, () => {
      const mine = ours.enums.find((e) => e.name === fact.name);
      expect(mine?.values).toEqual(fact.values);
    });
  }

  it("declares no enum Triton lacks", () => {
    expect(ours.enums.map((e) => e.name).sort()).toEqual(facts.enums.map((e) => e.name).sort());
  });
});
