import type { Diagnostic } from "../diagnostics/diagnostic.js";

/** Subdirectories of a model directory Triton never reads as versions (RL-7). */
export const RESERVED_MODEL_SUBDIRS: ReadonlySet<string> = new Set(["configs", "warmup", "initial_state"]);

/** What a directory entry is, after following symlinks. `broken`: a dangling link or a link loop. */
export type EntryKind = "file" | "directory" | "other" | "broken";

/** One directory entry, as the validator needs it. */
export interface FsEntry {
  name: string;
  kind: EntryKind;
  /** Whether the entry itself is a symbolic link. */
  symlink: boolean;
  /** Why it could not be resolved (for `broken`): the OS error code, such as `ENOENT` or `ELOOP`. */
  error?: string;
}

/** The entries of one directory, sorted byte-wise as Triton's `std::set` sorts them. */
export interface Listing {
  /** Absolute path. */
  path: string;
  entries: FsEntry[];
  /** Set when the directory could not be read (`EACCES`, `ENOTDIR`, …); entries are then empty. */
  error?: string;
}

/** A text file read whole, or why it was not. */
export interface TextFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the repository root, `/` separators. */
  relPath: string;
  text?: string;
  size?: number;
  /** `missing`, `too-large`, `not-a-file`, or the OS error code (`EACCES`, `EISDIR`, …). */
  error?: string;
}

/** One model directory: its entries and the listing of each of its subdirectories. */
export interface ModelFolder {
  /** The directory name: the name Triton gives the model. */
  name: string;
  /** Absolute path. */
  path: string;
  /** Path relative to the repository root (the name). */
  relPath: string;
  /** Immediate entries, sorted byte-wise. */
  entries: FsEntry[];
  /** Listing of every subdirectory (following links), by name. */
  subdirs: Map<string, Listing>;
  /** The configuration file Triton would read (RL-5), or undefined when there is none. */
  config: TextFile | undefined;
  /** Where the configuration was expected (relative to the repository root). */
  configRelPath: string;
  /** Set when the model directory itself could not be listed. */
  error?: string;
}

/** A scanned repository root: plain data, no verdicts. */
export interface RepositoryTree {
  /** Absolute path of the root. */
  root: string;
  /** Every entry of the root (files included), sorted byte-wise. */
  rootEntries: FsEntry[];
  /** Every directory of the root: each is a model candidate for Triton (RL-1). */
  models: ModelFolder[];
  /** Problems met while reading (unreadable directories and files, dangling links, oversized files). */
  diagnostics: Diagnostic[];
}

/** What scanRepository reads besides the layout. */
export interface ScanOptions {
  /** `--model-config-name`. */
  modelConfigName?: string;
  /** Largest config file read, in bytes (default DEFAULT_MAX_CONFIG_BYTES, 64 MiB); larger ones are reported, not read. */
  maxConfigBytes?: number;
  /** Restrict the scan to these model directory names (the root is still listed). */
  only?: ReadonlySet<string>;
  /**
   * A configuration file to read instead of the one Triton would pick, by
   * model directory name: a path relative to the model directory, either
   * `configs/<name>.pbtxt` or a file directly in it (`ok.pbtxt`). Used
   * when the file exists; otherwise the usual lookup applies.
   */
  configFiles?: ReadonlyMap<string, string>;
}
