export { scanRepository, scanModelFolder, describeOsError, DEFAULT_MAX_CONFIG_BYTES } from "./scan.js";
export { locateTarget, isModelDirectory } from "./locate.js";
export type { ValidationTarget } from "./locate.js";
export { listDirectory, readTextFile, statKind, exists, compareNames } from "./probe.js";
export type { EntryKind, FsEntry, Listing, ModelFolder, RepositoryTree, ScanOptions, TextFile } from "./types.js";
