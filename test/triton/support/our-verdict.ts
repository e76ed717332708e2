/**
 * Our side of the differential: `gen-repo validate` and
 * `gen-repo print --effective` run in-process on the same case folder
 * Triton judged, with the host Triton runs on (`--gpus none`, its backends).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fromProtoJSON, messagesEqual, toProtoJSON } from "../../../src/pbtxt/json.js";
import { runInProcess } from "../../support/run-cli.js";
import type { CaseVerdict, ModelVerdict } from "./triton-verdict.js";

export interface OurDiagnostic {
  code: string;
  severity: string;
  message: string;
  file: string | null;
}

export interface OurVerdict {
  errors: OurDiagnostic[];
  exitCode: number;
}

export async function validateCase(
  caseRoot: string,
  options: { backendDir: string; autoComplete: boolean },
): Promise<OurVerdict> {
  const argv = ["validate", caseRoot, "--gpus", "none", "--backend-dir", options.backendDir, "--format", "json"];
  if (!options.autoComplete) argv.push("--no-auto-complete");
  const run = await runInProcess(argv, { cwd: caseRoot });
  const report = JSON.parse(run.stdout) as { diagnostics: OurDiagnostic[] };
  return { errors: report.diagnostics.filter((d) => d.severity === "error"), exitCode: run.code };
}

/**
 * Messages with the repository folders named as `<repo>`: Triton reads a
 * staged copy of the case, we read the case itself, and both name absolute
 * paths in some messages.
 */
function squash(text: string, roots: readonly string[]): string {
  let out = text;
  for (const root of roots) out = out.split(root).join("<repo>");
  return out.replace(/\s+/g, " ").trim();
}

/**
 * Whether one of our errors carries Triton's message: either text containing
 * the other, for what Triton wraps around a reason ("[request id: …] ",
 * a reason repeated per instance). `whole` asks for Triton's whole reason
 * inside ours.
 */
export function carries(
  errors: readonly OurDiagnostic[],
  tritonMessage: string,
  roots: readonly string[] = [],
  whole = false,
): boolean {
  const theirs = squash(tritonMessage, roots);
  if (theirs === "") return false;
  return errors.some((d) => {
    const ours = squash(d.message, roots);
    return ours.includes(theirs) || (!whole && ours.length >= 20 && theirs.includes(ours));
  });
}

export interface Agreement {
  verdict: boolean;
  /**
   * One of Triton's reasons is carried by one of our errors (true when
   * Triton loaded everything). Any one, as the QA test greps: in a case of
   * several models the later refusals follow from the first ("no version is
   * available", "depends on … which has no loaded version").
   */
  message: boolean;
  /** As `message`, with Triton's whole reason inside one of our messages. */
  wholeMessage: boolean;
  explanation: string;
}

/** Compares Triton's verdict on a case with ours. */
export function agreementOf(triton: CaseVerdict, ours: OurVerdict, roots: readonly string[] = []): Agreement {
  const weReject = ours.errors.length > 0;
  const verdict = weReject === !triton.loaded;
  const refused = triton.models.filter((m) => !m.loaded);
  const message =
    verdict &&
    (refused.length === 0 || refused.some((m) => m.messages.some((text) => carries(ours.errors, text, roots))));
  const wholeMessage =
    verdict &&
    (refused.length === 0 || refused.some((m) => m.messages.some((text) => carries(ours.errors, text, roots, true))));
  const explanation = [
    `Triton: ${triton.loaded ? "loads" : "refuses"}; gen-repo validate: ${weReject ? "refuses" : "accepts"}`,
    ...refused.map((m) => `  Triton on ${m.model}: ${JSON.stringify(m.messages)} (raw: ${JSON.stringify(m.raw)})`),
    ...ours.errors.map((d) => `  ours: ${d.code} ${d.file ?? ""}: ${d.message}`),
  ].join("\n");
  return { verdict, message, wholeMessage, explanation };
}

export interface EffectiveComparison {
  model: string;
  equal: boolean;
  /** Top-level fields whose values differ, as `field: ours != Triton's`. */
  differences: string[];
}

/** `print --effective --format json --gpus none` of a loaded model against Triton's reported config. */
export async function compareEffective(
  caseRoot: string,
  loaded: ModelVerdict,
): Promise<EffectiveComparison | undefined> {
  const file = join(caseRoot, loaded.model, "config.pbtxt");
  if (!existsSync(file) || !loaded.config) return undefined;
  const run = await runInProcess(["print", file, "--effective", "--format", "json", "--gpus", "none"], {
    cwd: caseRoot,
  });
  const ours = fromProtoJSON(JSON.parse(run.stdout)).value;
  const theirs = fromProtoJSON(loaded.config).value;
  const equal = messagesEqual(ours, theirs);
  const differences: string[] = [];
  if (!equal) {
    const a = toProtoJSON(ours);
    const b = toProtoJSON(theirs);
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const left = JSON.stringify(a[key] ?? null);
      const right = JSON.stringify(b[key] ?? null);
      if (left !== right) differences.push(`${key}: ${left} != ${right}`);
    }
  }
  return { model: loaded.model, equal, differences };
}
