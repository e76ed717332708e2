/**
 * Generates generated/repo-spec.ts: the TypeScript types of the repository
 * spec, read from schemas/repo-spec.schema.json, so that the schema is the one
 * source of truth for what a spec may hold and `generateRepository(spec)`
 * accepts exactly what `gen-repo generate` accepts (up to the checks that a
 * type cannot carry: patterns, lengths, ranges). src/generate/spec.ts gives
 * the generated types the names the rest of the code uses.
 *
 * Naming: the root is `RepoSpec`; each `$defs` entry is `RepoSpec<PascalCase>`
 * (`tensor` → `RepoSpecTensor`), the names the library exports publicly.
 * Nested objects stay inline, as in the schema. The generator refuses a
 * keyword it does not know, so a schema change it cannot express fails
 * codegen instead of being dropped silently. Runs at build time only.
 */
import { IndentationText, NewLineKind, Project, QuoteKind } from "ts-morph";
import { GENERATED_HEADER } from "./header.js";

/** Package-relative path of the input schema. */
export const SPEC_SCHEMA_PATH = "schemas/repo-spec.schema.json";

/** Name of the root type. */
export const ROOT_TYPE = "RepoSpec";

/**
 * The TypeScript type of each `$ref` to another file, with the module it is
 * imported from (relative to generated/) when it needs one. The model config
 * under a model's `config` stays open: the generator spreads and rewrites it
 * as a plain object before `fromProtoJSON` reads it, and its own schema checks
 * it when a spec is loaded.
 */
const EXTERNAL_REFS: Readonly<Record<string, { readonly type: string; readonly module?: string }>> = {
  "../generated/model-config.schema.json": { type: "Record<string, unknown>" },
};

/** Keywords that only validate values (patterns, bounds) or annotate: a type cannot say them, so they are skipped. */
const VALIDATION_ONLY = new Set([
  "$schema",
  "$comment",
  "title",
  "description",
  "default",
  "examples",
  "pattern",
  "format",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
  "propertyNames",
]);

/** Keywords the generator turns into types. */
const TYPED = new Set(["$ref", "$defs", "type", "const", "enum", "oneOf", "anyOf", "items", "properties", "required"]);
const KNOWN = new Set([...VALIDATION_ONLY, ...TYPED, "additionalProperties"]);

/** A JSON Schema node as read from the file. */
type SchemaNode = { readonly [keyword: string]: unknown };

function isNode(value: unknown): value is SchemaNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function fail(path: string, message: string): never {
  throw new Error(`codegen: ${SPEC_SCHEMA_PATH} at ${path}: ${message}`);
}

function node(value: unknown, path: string): SchemaNode {
  if (!isNode(value)) fail(path, "expected a schema object");
  return value;
}

/** `dataType` → `DataType`, `tensor` → `Tensor`. */
function pascal(name: string): string {
  return name.replace(/(^|[_-])([a-z])/g, (_m, _sep: string, c: string) => c.toUpperCase());
}

/** TypeScript name of a `$defs` entry. */
export function specDefTypeName(def: string): string {
  return `${ROOT_TYPE}${pascal(def)}`;
}

function docText(text: string): string {
  // A doc comment must not end early.
  return text.replaceAll("*/", "*\\/");
}

/** The doc of a schema node: its description, then its default, or undefined when it has neither. */
function docOf(schema: SchemaNode): string | undefined {
  const lines: string[] = [];
  if (typeof schema.description === "string") lines.push(docText(schema.description));
  if ("default" in schema) lines.push(`@defaultValue \`${docText(JSON.stringify(schema.default))}\``);
  return lines.length === 0 ? undefined : lines.join("\n");
}

function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

function literal(value: unknown, path: string): string {
  if (value === null || ["string", "number", "boolean"].includes(typeof value)) return JSON.stringify(value);
  return fail(path, "only null, string, number and boolean constants have a literal type");
}

/** Wraps a union or intersection so that `[]` applies to the whole of it. */
function arrayOf(element: string): string {
  return /[|&]/.test(element) && !element.trimStart().startsWith("{") ? `(${element})[]` : `${element}[]`;
}

/** Writes types of schema nodes; one instance per generated file. */
class TypeWriter {
  /** Types imported from other generated files, by module. */
  readonly imports = new Map<string, Set<string>>();

  constructor(private readonly defs: ReadonlySet<string>) {}

  /** The type of `schema` as text; objects with properties become multi-line type literals. */
  type(schema: SchemaNode, path: string): string {
    for (const keyword of Object.keys(schema)) {
      if (!KNOWN.has(keyword)) fail(path, `unsupported keyword "${keyword}"`);
    }
    const parts: string[] = [];
    if (typeof schema.$ref === "string") parts.push(this.ref(schema.$ref, path));
    if ("const" in schema) parts.push(literal(schema.const, `${path}/const`));
    if (Array.isArray(schema.enum)) parts.push(schema.enum.map((v, i) => literal(v, `${path}/enum/${i}`)).join(" | "));
    for (const combinator of ["oneOf", "anyOf"] as const) {
      const members = schema[combinator];
      if (members === undefined) continue;
      if (!Array.isArray(members)) fail(path, `${combinator} must be an array`);
      parts.push(
        members
          .map((m, i) => this.type(node(m, `${path}/${combinator}/${i}`), `${path}/${combinator}/${i}`))
          .join(" | "),
      );
    }
    if (schema.type !== undefined) parts.push(this.typeKeyword(schema, path));
    if (parts.length > 1) fail(path, "combines $ref, const, enum, oneOf/anyOf or type; say one of them");
    return parts[0] ?? "unknown";
  }

  private ref(ref: string, path: string): string {
    const local = /^#\/\$defs\/([A-Za-z0-9_-]+)$/.exec(ref);
    if (local !== null) {
      const def = local[1]!;
      if (!this.defs.has(def)) fail(path, `$ref to an unknown definition "${def}"`);
      return specDefTypeName(def);
    }
    const external = EXTERNAL_REFS[ref];
    if (external === undefined) fail(path, `$ref "${ref}" has no TypeScript type (add it to EXTERNAL_REFS)`);
    if (external.module !== undefined) {
      const names = this.imports.get(external.module) ?? new Set<string>();
      this.imports.set(external.module, names.add(external.type));
    }
    return external.type;
  }

  private typeKeyword(schema: SchemaNode, path: string): string {
    const names = Array.isArray(schema.type) ? schema.type : [schema.type];
    return names
      .map((name) => {
        switch (name) {
          case "string":
            return "string";
          case "integer":
          case "number":
            return "number";
          case "boolean":
            return "boolean";
          case "null":
            return "null";
          case "array":
            return arrayOf(
              schema.items === undefined ? "unknown" : this.type(node(schema.items, `${path}/items`), `${path}/items`),
            );
          case "object":
            return this.object(schema, path);
          default:
            return fail(path, `unknown type "${String(name)}"`);
        }
      })
      .join(" | ");
  }

  /** A closed object is a type literal, a map is a `Record`, both at once an intersection. */
  private object(schema: SchemaNode, path: string): string {
    const properties = schema.properties === undefined ? undefined : node(schema.properties, `${path}/properties`);
    const extra = schema.additionalProperties;
    const map =
      extra === undefined || extra === true
        ? properties === undefined
          ? "Record<string, unknown>"
          : undefined
        : extra === false
          ? undefined
          : `Record<string, ${this.type(node(extra, `${path}/additionalProperties`), `${path}/additionalProperties`)}>`;
    if (properties === undefined) return map ?? "Record<string, never>";
    const literalType = this.typeLiteral(schema, properties, path);
    return map === undefined ? literalType : `${literalType} & ${map}`;
  }

  private typeLiteral(schema: SchemaNode, properties: SchemaNode, path: string): string {
    const required = this.required(schema, properties, path);
    const lines = ["{"];
    for (const [name, value] of Object.entries(properties)) {
      const property = node(value, `${path}/properties/${name}`);
      const doc = docOf(property);
      if (doc !== undefined) {
        const docLines = doc.split("\n");
        lines.push(
          docLines.length === 1
            ? `/** ${docLines[0]} */`
            : ["/**", ...docLines.map((l) => ` * ${l}`), " */"].join("\n"),
        );
      }
      const optional = required.has(name) ? "" : "?";
      lines.push(`${propertyKey(name)}${optional}: ${this.type(property, `${path}/properties/${name}`)};`);
    }
    lines.push("}");
    return lines.join("\n");
  }

  /** The required property names, each of which must be declared. */
  required(schema: SchemaNode, properties: SchemaNode, path: string): ReadonlySet<string> {
    const required = schema.required ?? [];
    if (!Array.isArray(required)) fail(path, "required must be an array");
    for (const name of required) {
      if (typeof name !== "string" || !(name in properties)) fail(path, `required "${String(name)}" is not a property`);
    }
    return new Set(required as string[]);
  }
}

/** A schema node that becomes an interface: a closed object with properties and nothing else to say. */
function isPlainObject(schema: SchemaNode): boolean {
  return (
    schema.type === "object" &&
    isNode(schema.properties) &&
    schema.additionalProperties === false &&
    !["$ref", "const", "enum", "oneOf", "anyOf"].some((k) => k in schema)
  );
}

function addDeclaration(
  file: import("ts-morph").SourceFile,
  types: TypeWriter,
  name: string,
  schema: SchemaNode,
  path: string,
): void {
  const doc = docOf(schema);
  const docs = doc === undefined ? [] : [doc];
  if (!isPlainObject(schema)) {
    file.addTypeAlias({ name, isExported: true, docs, type: types.type(schema, path) });
    return;
  }
  for (const keyword of Object.keys(schema)) {
    if (!KNOWN.has(keyword)) fail(path, `unsupported keyword "${keyword}"`);
  }
  const properties = node(schema.properties, `${path}/properties`);
  const required = types.required(schema, properties, path);
  file.addInterface({
    name,
    isExported: true,
    docs,
    properties: Object.entries(properties).map(([key, value]) => {
      const property = node(value, `${path}/properties/${key}`);
      const propertyDoc = docOf(property);
      return {
        name: propertyKey(key),
        hasQuestionToken: !required.has(key),
        type: types.type(property, `${path}/properties/${key}`),
        docs: propertyDoc === undefined ? [] : [propertyDoc],
      };
    }),
  });
}

/** One blank line before every top-level doc comment, which ts-morph leaves out between type aliases. */
function separateDeclarations(text: string): string {
  return text.replace(/([^\n])\n\/\*\*/g, "$1\n\n/**");
}

/** The text of generated/repo-spec.ts from the parsed schema. Deterministic: declarations in schema order. */
export function generateSpecTypes(schemaJson: unknown): string {
  const root = node(schemaJson, "#");
  const defs = root.$defs === undefined ? {} : node(root.$defs, "#/$defs");
  const types = new TypeWriter(new Set(Object.keys(defs)));
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      newLineKind: NewLineKind.LineFeed,
      quoteKind: QuoteKind.Double,
      useTrailingCommas: true,
    },
  });
  const file = project.createSourceFile("repo-spec.ts", "", { overwrite: true });
  addDeclaration(file, types, ROOT_TYPE, root, "#");
  for (const [def, value] of Object.entries(defs)) {
    addDeclaration(file, types, specDefTypeName(def), node(value, `#/$defs/${def}`), `#/$defs/${def}`);
  }
  for (const [module, names] of [...types.imports].sort(([a], [b]) => a.localeCompare(b))) {
    file.insertImportDeclaration(0, { isTypeOnly: true, moduleSpecifier: module, namedImports: [...names].sort() });
  }
  file.formatText({ indentSize: 2, convertTabsToSpaces: true, ensureNewLineAtEndOfFile: true });
  const header = [
    `@generated by triton-repo codegen (\`npm run codegen\`) from ${SPEC_SCHEMA_PATH}.`,
    ...GENERATED_HEADER.slice(1),
  ]
    .map((line) => `// ${line}\n`)
    .join("");
  return `${header}\n${separateDeclarations(file.getFullText())}`;
}
