import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { packageRoot } from "../schema/package-root.js";
import { composeString, type LiteralValue, pythonLiteral, shellWord, yamlLiteral } from "./literals.js";

/**
 * One Handlebars environment of our own (`Handlebars.create()`), so helpers
 * and partials never leak into, or in from, another user of Handlebars in the
 * same process. Templates compile with `strict: true` (a missing view field
 * throws instead of printing nothing) and `noEscape: true`: Handlebars' HTML
 * escaping would corrupt Python and YAML, so every value is printed through a
 * language helper (`py`, `yaml`, `compose`, `sh`, `token`) that makes a literal of it.
 *
 * Templates are `.hbs` files in `src/render/templates/` (shipped in the
 * package); a file whose name starts with `_` is a partial, named after the
 * file without `_` and `.hbs`.
 */

// Handlebars is CommonJS with `export =` typings; require keeps its types without esModuleInterop.
const Handlebars = createRequire(import.meta.url)("handlebars") as typeof import("handlebars");
type TemplateDelegate = ReturnType<typeof Handlebars.compile>;

/** The helpers a template may print with; `{{name ...}}` with any other head is refused by a test. */
export const LITERAL_HELPERS = ["py", "yaml", "compose", "sh", "token"] as const;

let cachedEnv: { env: typeof Handlebars; templates: Map<string, TemplateDelegate> } | undefined;

/** Folder of the `.hbs` files, found from the package root (this module also runs from `dist/src/render`). */
export function templatesDir(): string {
  return join(packageRoot(), "src", "render", "templates");
}

function asLiteral(value: unknown, helper: string): LiteralValue {
  if (value === undefined) throw new Error(`triton-repo: template helper "${helper}" got undefined`);
  return value as LiteralValue;
}

function createEnvironment(): NonNullable<typeof cachedEnv> {
  const env = Handlebars.create();
  // Handlebars passes an options object as the last argument of every helper.
  env.registerHelper("py", (value: unknown) => pythonLiteral(asLiteral(value, "py")));
  env.registerHelper("yaml", (value: unknown) => yamlLiteral(asLiteral(value, "yaml")));
  env.registerHelper("compose", (value: unknown) => {
    if (typeof value === "string") return composeString(value);
    if (Array.isArray(value))
      return `[${value.map((v) => (typeof v === "string" ? composeString(v) : yamlLiteral(asLiteral(v, "compose")))).join(", ")}]`;
    return yamlLiteral(asLiteral(value, "compose"));
  });
  env.registerHelper("token", (value: unknown) => {
    // For places with no quoting at all (a Dockerfile FROM): only plain words pass.
    const text = String(asLiteral(value, "token"));
    if (!/^[A-Za-z0-9_][A-Za-z0-9_./:@+-]*$/.test(text))
      throw new Error(`triton-repo: unsafe token ${JSON.stringify(text)}`);
    return text;
  });
  env.registerHelper("sh", (value: unknown) => shellWord(String(asLiteral(value, "sh"))));
  const templates = new Map<string, TemplateDelegate>();
  const dir = templatesDir();
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith(".hbs")) continue;
    const text = readFileSync(join(dir, file), "utf8");
    const name = file.slice(0, -".hbs".length);
    if (name.startsWith("_")) {
      env.registerPartial(name.slice(1), env.compile(text, { strict: true, noEscape: true }));
    } else {
      templates.set(name, env.compile(text, { strict: true, noEscape: true }));
    }
  }
  return { env, templates };
}

/**
 * Renders template `name` (file name without `.hbs`, e.g. `model-basic.py`)
 * with a view. Throws on an unknown template or a view missing a field the
 * template uses: both are bugs of triton-repo, not of the user's spec.
 */
export function renderTemplate(name: string, view: object): string {
  cachedEnv ??= createEnvironment();
  const template = cachedEnv.templates.get(name);
  if (!template) throw new Error(`triton-repo: no template "${name}" in ${templatesDir()}`);
  return template(view, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
}
