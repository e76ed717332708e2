import { isAbsolute, join, resolve } from "node:path";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { formatDiagnosticLine } from "../../diagnostics/diagnostic.js";
import { generateRepository } from "../../generate/generate.js";
import { loadSpecFile } from "../../generate/load-spec.js";
import type { FileAction } from "../../generate/write.js";
import { type Command, UsageError, requireInputs } from "../io.js";
import { parseCommandArgs } from "../args.js";

const USAGE = `usage: gen-repo generate SPEC --out DIR [--target compose|kubernetes|all] [--device gpu|cpu] [--dry-run] [--force] [--format text|json]

Writes a whole Triton deployment from one spec file (YAML or JSON, see
schemas/repo-spec.schema.json; "gen-repo init" writes a starter):
  DIR/model_repository/<model>/config.pbtxt and 1/model.py for every model
  DIR/docker-compose.yml (and DIR/Dockerfile when the spec lists Python packages)
  DIR/scripts/test_python_backend.py and DIR/scripts/inference_client.py

Files are staged beside DIR, the staged repository is validated, and only then
moved into place; a validation error stops the run with nothing written. A file
edited since it was generated is kept.

  --out DIR       output folder (created when missing)
  --target T      compose (default): DIR/docker-compose.yml; kubernetes: DIR/kubernetes/, a
                  kustomize base (Triton replicas, router with sequence affinity, autoscaler,
                  monitor; see docs/scale-out.md) instead; all: both
  --device cpu    every KIND_GPU instance group as KIND_CPU and no GPU reservation in
                  docker-compose.yml, for laptops, CI and gen-repo serve on a CPU-only
                  Triton (warmup and scripts unchanged); gpu (default) is the spec as written
  --dry-run       say what would be created, updated or kept; write nothing
  --force         also replace edited files and files triton-repo did not write
  --format json   print {"ok", "files", "diagnostics"} as JSON

Exit codes: 0 done (warnings allowed), 1 spec or validation errors, 2 usage.`;

const LABELS: Record<FileAction, string> = {
  create: "create",
  update: "update",
  unchanged: "unchanged",
  "kept-edited": "kept (edited)",
  "kept-foreign": "kept (not ours)",
  overwrite: "overwrite",
};

/** Generated-file diagnostics (and related locations) name a path inside --out; shown from the working folder. */
function displayed(d: Diagnostic, spec: string, out: string): Diagnostic {
  const inOut = (file: string | undefined): file is string =>
    file !== undefined && file !== spec && file !== out && !isAbsolute(file);
  const shown: Diagnostic = inOut(d.file) ? { ...d, file: join(out, d.file) } : { ...d };
  if (d.related) shown.related = d.related.map((r) => (inOut(r.file) ? { ...r, file: join(out, r.file) } : r));
  return shown;
}

function diagnosticText(d: Diagnostic): string {
  const head = formatDiagnosticLine(d);
  const path = d.path && d.file !== undefined ? ` (at ${d.path})` : "";
  const related = (d.related ?? []).map((r) => `  ${r.file}:${r.line}:${r.column}: ${r.message}\n`).join("");
  return `${head}${path}\n${related}${d.hint ? `  hint: ${d.hint}\n` : ""}`;
}

export const generateCommand: Command = {
  usage: USAGE,
  async run(argv, io) {
    const parsed = parseCommandArgs(argv, {
      out: { type: "string", short: "o" },
      "dry-run": { type: "boolean", default: false },
      force: { type: "boolean", default: false },
      format: { type: "string", default: "text" },
      device: { type: "string", default: "gpu" },
      target: { type: "string", default: "compose" },
    });
    const { values, positionals } = parsed;
    if (positionals.length !== 1) throw new UsageError("expected exactly one SPEC file");
    if (values.out === undefined || values.out === "") throw new UsageError("--out DIR is required");
    if (values.format !== "text" && values.format !== "json")
      throw new UsageError(`--format must be text or json, got "${values.format}"`);
    if (values.device !== "gpu" && values.device !== "cpu")
      throw new UsageError(`--device must be gpu or cpu, got "${values.device}"`);
    const target = values.target;
    if (target !== "compose" && target !== "kubernetes" && target !== "all")
      throw new UsageError(`--target must be compose, kubernetes or all, got "${target}"`);
    const spec = positionals[0] as string;
    requireInputs(io.cwd, [spec]);
    const out = values.out;
    const dryRun = values["dry-run"] === true;

    const loaded = loadSpecFile(resolve(io.cwd, spec), spec);
    const result = generateRepository(loaded, {
      out: resolve(io.cwd, out),
      dryRun,
      force: values.force === true,
      device: values.device,
      target,
    });

    if (values.format === "json") {
      io.stdout(
        `${JSON.stringify({ ok: result.ok, dryRun, files: result.files, diagnostics: result.diagnostics }, null, 2)}\n`,
      );
      return result.ok ? 0 : 1;
    }
    for (const d of result.diagnostics) io.stderr(diagnosticText(displayed(d, spec, out)));
    if (!result.ok) {
      io.stderr(`gen-repo generate: nothing written\n`);
      return 1;
    }
    const width = Math.max(...Object.values(LABELS).map((l) => l.length));
    for (const file of result.files) io.stdout(`${LABELS[file.action].padEnd(width)}  ${join(out, file.path)}\n`);
    const count = (...actions: FileAction[]) => result.files.filter((f) => actions.includes(f.action)).length;
    const summary = [
      `${count("create")} created`,
      `${count("update", "overwrite")} updated`,
      `${count("unchanged")} unchanged`,
      `${count("kept-edited", "kept-foreign")} kept`,
    ].join(", ");
    io.stdout(dryRun ? `dry run, nothing written: would be ${summary}\n` : `${summary}\n`);
    return 0;
  },
};
