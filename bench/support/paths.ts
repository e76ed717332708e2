import { resolve } from "node:path";

/** The project root, from bench/support/. */
export const PROJECT_ROOT = resolve(import.meta.dirname, "..", "..");
export const SCHEMAS_DIR = resolve(PROJECT_ROOT, "schemas");
export const DIST_DIR = resolve(PROJECT_ROOT, "dist");
export const CLI_BIN = resolve(PROJECT_ROOT, "bin", "gen-repo.js");
/** A plain Node program doing only validate's file work (its header says what and why). */
export const FILE_WORK = resolve(PROJECT_ROOT, "bench", "support", "file-work.cjs");
