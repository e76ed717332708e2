/**
 * `triton-repo/generate`: a repository spec (YAML, JSON or an object) → a
 * whole Triton deployment, validated before anything is written (what
 * `gen-repo generate` runs).
 */
export * from "../generate/index.js";
