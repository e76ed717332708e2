import { type Dirent, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { displayName, isUtf8Name } from "../fsio/errors.js";

/** One file a formatter run covers. */
export interface ConfigFile {
  /** How messages name it: the PATH given, joined with what was found under it; bytes that are not UTF-8 as `\xNN`. */
  display: string;
  /** Where it is: absolute, and as bytes when a name on the way is not UTF-8 (a string would not find it again). */
  path: string | Buffer;
}

const CONFIG_NAME = Buffer.from("config.pbtxt");
const SLASH = Buffer.from("/");

/**
 * The files a formatter run covers: each PATH that is a file, and every
 * `config.pbtxt` under each PATH that is a folder. Hidden folders and
 * `node_modules` are skipped, symbolic links to folders are not followed (no
 * cycles), and each folder's entries are visited in byte order, so two runs
 * list the same files in the same order. Names are read as bytes, so a folder
 * whose name is not UTF-8 is searched like any other. A `config.pbtxt` that
 * is not a regular file (a FIFO, a link to a device) is listed too: the
 * reader then refuses it by name, instead of the run skipping it silently.
 */
export function findConfigFiles(
  paths: readonly string[],
  cwd = process.cwd(),
): { files: ConfigFile[]; missing: string[] } {
  const files: ConfigFile[] = [];
  const missing: string[] = [];
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch {
      missing.push(path);
      continue;
    }
    if (isDirectory) walk(path, Buffer.from(absolute), files);
    else files.push({ display: path, path: absolute });
  }
  return { files, missing };
}

function walk(display: string, absolute: Buffer, out: ConfigFile[]): void {
  let entries: Dirent<Buffer>[];
  try {
    entries = readdirSync(absolute, { withFileTypes: true, encoding: "buffer" }) as Dirent<Buffer>[];
  } catch {
    return;
  }
  entries.sort((a, b) => Buffer.compare(a.name, b.name));
  for (const entry of entries) {
    const childDisplay = join(display, displayName(entry.name));
    const childPath = Buffer.concat([absolute, SLASH, entry.name]);
    if (entry.isDirectory()) {
      if (entry.name[0] === 0x2e /* . */ || entry.name.toString("latin1") === "node_modules") continue;
      walk(childDisplay, childPath, out);
    } else if (entry.name.equals(CONFIG_NAME)) {
      out.push({ display: childDisplay, path: isUtf8Name(childPath) ? childPath.toString("utf8") : childPath });
    }
  }
}
