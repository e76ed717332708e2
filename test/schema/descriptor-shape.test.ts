// The reader, printer and formatter read a field descriptor for every field
// they meet; V8 keeps those reads fast only while every descriptor has the
// same properties in the same order (one hidden class). With one shape per
// kind, reading the corpus took 17% longer and printing it 22% (issue 14's
// bench). The oracle is the objects themselves: their own keys, in order.
import { describe, expect, it } from "vitest";
import { type FieldInfo, schemaRegistry } from "../../src/schema/descriptors.js";

function everyField(): FieldInfo[] {
  const fields: FieldInfo[] = [];
  for (const message of schemaRegistry().messages) {
    for (const field of message.fields) {
      fields.push(field);
      if (field.kind === "map") fields.push(field.key, field.value);
    }
  }
  return fields;
}

describe("field descriptors", () => {
  it("all have the same own properties, in the same order, whatever their kind", () => {
    const fields = everyField();
    const kinds = new Set(fields.map((f) => f.kind));
    expect([...kinds].sort()).toEqual(["enum", "map", "message", "scalar"]);
    const first = Object.keys(fields[0] as FieldInfo);
    expect(first).toContain("messageType");
    for (const field of fields) expect(Object.keys(field)).toEqual(first);
  });

  it("hold a message field's type as a plain value, not a getter", () => {
    for (const field of everyField()) {
      const property = Object.getOwnPropertyDescriptor(field, "messageType");
      expect(property?.get).toBeUndefined();
      if (field.kind === "message") expect(schemaRegistry().message(field.messageType.name)).toBe(field.messageType);
      else expect(property?.value).toBeUndefined();
    }
  });
});
