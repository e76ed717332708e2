import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * The shared conformance data lives beside the project (`../shared`). Suites
 * that read it must run in CI and fail loudly when it is missing there, and
 * skip with a clear message on a user's clone that lacks it. A run from a copy
 * of the project elsewhere (Stryker's sandbox) names it in TRITON_REPO_SHARED.
 */
export const SHARED_DIR = process.env.TRITON_REPO_SHARED ?? resolve(import.meta.dirname, "..", "..", "..", "shared");

export function sharedPath(...parts: string[]): string {
  return join(SHARED_DIR, ...parts);
}

export function sharedAvailable(): boolean {
  const present = existsSync(join(SHARED_DIR, "conformance"));
  if (!present && process.env.CI === "true") {
    throw new Error(`CI=true but the shared conformance data is missing at ${SHARED_DIR}`);
  }
  if (!present) {
    console.warn(`skipping shared-data suites: ${SHARED_DIR} not found (they run in CI)`);
  }
  return present;
}
