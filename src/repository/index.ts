export { scanRepository, scanModelFolder, describeOsError, DEFAULT_MAX_CONFIG_BYTES } from "./scan.js";
export { locateTarget, classifyDirectory } from "./locate.js";
export type { ValidationTarget, DirectoryRole } from "./locate.js";
export { listDirectory, readTextFile, statKind, compareNames, canonicalPath } from "./probe.js";
export { RESERVED_MODEL_SUBDIRS } from "./types.js";
export type { EntryKind, FsEntry, Listing, ModelFolder, RepositoryTree, ScanOptions, TextFile } from "./types.js";
