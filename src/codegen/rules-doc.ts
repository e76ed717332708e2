/**
 * Generates docs/rules.md: one section per rule of the registry
 * (src/validate/codes.ts), with its severity, summary, Triton's message, the
 * upstream place it mirrors and the family that checks it, plus the failing
 * and passing examples of src/validate/rule-examples.ts (configs and
 * repositories), as typescript-eslint
 * documents its rules. Generated rather than written so that a rule added to
 * the registry, or an example changed, cannot leave the doc behind:
 * `npm run codegen -- --check` compares it like every generated file.
 */
import { RULES, type RuleInfo, isRuleId, tritonMessages } from "../validate/codes.js";
import { RULE_FAMILIES } from "../validate/families.js";
import { type FailingExample, RULE_EXAMPLES, type RuleExample } from "../validate/rule-examples.js";

/** Where the doc is written, relative to the package root. */
export const RULES_DOC_PATH = "docs/rules.md";

/** The family (of src/validate/families.ts) whose check reports each id. */
function checkingFamilies(): Map<string, string[]> {
  const byId = new Map<string, string[]>();
  for (const family of RULE_FAMILIES) {
    for (const id of family.reports) byId.set(id, [...(byId.get(id) ?? []), family.name]);
  }
  return byId;
}

/** A table cell: a code span that survives the text's own backticks and pipes. */
function code(text: string): string {
  const cell = text.replaceAll("|", "\\|");
  return text.includes("`") ? `\`\` ${cell} \`\`` : `\`${cell}\``;
}

/** Why a rule has no example, from what the registry says about it. */
function noExampleReason(rule: RuleInfo): string {
  if (rule.reportedAs !== undefined) {
    const as = rule.reportedAs;
    return `its findings are reported as ${isRuleId(as) ? `[${as}](#${as.toLowerCase()})` : `\`${as}\``}`;
  }
  if (rule.untested !== undefined) return `not tested: ${rule.untested}`;
  switch (rule.check) {
    case "not-reported":
      return "Triton never reports it (unreachable, or information only)";
    case "normalisation":
      return "it describes a default Triton fills in (see `effectiveConfig`), not an error";
    case "out-of-scope":
      return "it needs a model binary or running backend code, which the validator does not load";
    case "environment":
      return "it needs the server's environment described by options the validator does not have";
    default:
      break;
  }
  if (rule.needs === "environment" || rule.needs === "artifact")
    return "it needs a GPU host, a backend library or a model binary; its case is a repository under test";
  if (rule.needs !== "config")
    return (
      "it needs a model folder or a whole repository (`validateRepository`) that does not fit a text example " +
      "(a second or a missing repository root, a huge file, or findings of another rule alongside); its cases are " +
      "in test/validate/support/repository-cases.ts"
    );
  return "none written yet";
}

/** How an example is validated, in the CLI's words. */
function exampleContext(example: RuleExample): string {
  const parts: string[] = [];
  const options = example.options ?? {};
  if ("gpus" in options && options.gpus !== undefined)
    parts.push(`with \`--gpus ${options.gpus.length === 0 ? "none" : options.gpus.join(",")}\``);
  if ("autoComplete" in options && options.autoComplete === false) parts.push("with `--disable-auto-complete-config`");
  if ("modelName" in options && options.modelName !== undefined)
    parts.push(`in the model folder \`${options.modelName}/\``);
  return parts.length === 0 ? "" : ` (${parts.join(", ")})`;
}

/** The fence language of a file of a repository example. */
function language(path: string): string {
  if (path.endsWith(".pbtxt")) return "protobuf";
  if (path.endsWith(".py")) return "python";
  return "text";
}

function fenced(lang: string, text: string, empty: string): string[] {
  const body = text.replace(/\n+$/, "");
  return [`\`\`\`${lang}`, ...(body === "" ? [empty] : body.split("\n")), "```"];
}

function exampleBlock(label: string, example: RuleExample): string[] {
  const lines = [`${label}${exampleContext(example)}:`, ""];
  if ("config" in example) return [...lines, ...fenced("protobuf", example.config, "# (an empty config.pbtxt)"), ""];
  // A repository: its listing first (folders and empty files show only there), then each file with text.
  const paths = Object.keys(example.files);
  lines.push(...fenced("text", paths.map((path) => `model_repository/${path}`).join("\n"), ""), "");
  for (const path of paths) {
    const text = example.files[path];
    if (text === null || text === undefined || text === "") continue;
    lines.push(`\`${path}\`:`, "", ...fenced(language(path), text, ""), "");
  }
  return lines;
}

/** Where a failing example's finding is, in words: ` at line 6, column 41` or ` in m/1`. */
function findingPlace(example: FailingExample): string {
  const { file, line, column } = example.at;
  const parts: string[] = [];
  if (file !== undefined) parts.push(`in \`${file}\``);
  if (line !== undefined) parts.push(`at line ${line}${column === undefined ? "" : `, column ${column}`}`);
  return parts.length === 0 ? "" : ` ${parts.join(" ")}`;
}

function ruleSection(rule: RuleInfo, families: ReadonlyMap<string, string[]>): string[] {
  const rows: [string, string][] = [
    ["Severity", rule.severity],
    ["Family", `${rule.family}, ${rule.section}`],
    [
      "Checked by",
      (families.get(rule.id) ?? []).map((name) => `\`${name}\``).join(", ") ||
        "the scan, the engine or the checks across models",
    ],
    ["Needs", rule.needs],
    [
      "Triton's message",
      tritonMessages(rule).map(code).join("<br>") || (rule.noTemplate === undefined ? "—" : `none: ${rule.noTemplate}`),
    ],
    ["Upstream", code(rule.upstream)],
  ];
  if (rule.reportedAs !== undefined) rows.push(["Reported as", `\`${rule.reportedAs}\``]);
  const lines = [
    `## ${rule.id}`,
    "",
    `${rule.title.charAt(0).toUpperCase()}${rule.title.slice(1)}.`,
    "",
    "| | |",
    "|---|---|",
  ];
  for (const [key, value] of rows) lines.push(`| ${key} | ${value} |`);
  lines.push("");
  const example = RULE_EXAMPLES[rule.id];
  if (example === undefined) {
    lines.push(`No example: ${noExampleReason(rule)}.`, "");
  } else {
    lines.push(
      ...exampleBlock(`Failing: reports ${rule.id}${findingPlace(example.failing)}`, example.failing),
      ...exampleBlock(`Passing: no ${rule.id}`, example.passing),
    );
    // The boundary pairs are named, not shown: the doc stays one pair long per rule.
    const boundary = example.boundary ?? [];
    if (boundary.length > 0) lines.push(`Also tested at the boundary: ${boundary.map((b) => b.label).join("; ")}.`, "");
  }
  return lines;
}

/** The whole of docs/rules.md. */
export function generateRulesDoc(): string {
  const families = checkingFamilies();
  const withExample = RULES.filter((rule) => RULE_EXAMPLES[rule.id] !== undefined).length;
  const lines = [
    "<!-- @generated by triton-repo codegen (`npm run codegen`) from src/validate/codes.ts,",
    "     src/validate/rule-examples.ts and src/validate/repository-examples.ts.",
    "     Do not edit: change those and run `npm run codegen`. -->",
    "",
    "# Validation rules",
    "",
    "Every rule the validator knows, from the rule registry (`src/validate/codes.ts`), in the order of the rules",
    "catalogue. Each says its severity, the family of ids and the section it belongs to, the rule family that",
    "checks it, Triton's own message where Triton has one (`<M>` is the model name), and the place in Triton's",
    "source it mirrors. A failing and a passing example follow: a `config.pbtxt` where one config decides the rule,",
    "else a model repository. The tests run both (test/validate/rule-docs.test.ts), through `validateConfig` or",
    "`validateRepository`: the failing one reports exactly that id, at the line and column shown and in Triton's",
    "words, the passing one does not report it and has no error. Where the rule has a bound, the boundary pairs",
    "named below the examples (the value just refused and the value just allowed) run the same way. Rules",
    "without an example say why.",
    "",
    `${RULES.length} rules, ${withExample} with examples. See [validation.md](validation.md) for how the`,
    "validator runs them.",
    "",
  ];
  for (const rule of RULES) lines.push(...ruleSection(rule, families));
  return `${lines.join("\n").replace(/\n+$/, "")}\n`;
}
