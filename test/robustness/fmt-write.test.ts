/**
 * fmt --write in place: the file keeps its owner, group, mode and line
 * endings; an edit saved while fmt ran is never overwritten; temporary files
 * of a killed run do not survive the next run; names that are not UTF-8 are
 * found, formatted and reported by their bytes, by fmt and by validate.
 */
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readBounded } from "../../src/fsio/bounded-read.js";
import { isChangedWhileWriting, writeFileAtomic } from "../../src/formatter/write-atomic.js";
import { runCli } from "./support/harness.js";

const MESSY = 'name:   "m"\nmax_batch_size:8\n';
const TIDY = 'name: "m"\nmax_batch_size: 8\n';
let root = "";
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "gen-fmtw-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function put(rel: string, text: string | Buffer): string {
  const path = join(root, rel);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** The pid of a process that has exited. */
function deadPid(): number {
  return Number(
    spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout,
  );
}

describe("fmt --write keeps what the file was", () => {
  it("owner, group and mode (set-group-id included)", () => {
    const file = put("m/config.pbtxt", MESSY);
    // Only root may give a file away; anyone else checks with their own owner and group,
    // which still tells a kept mode (set-group-id included) from the default one.
    const [uid, gid] = process.getuid?.() === 0 ? [1234, 5678] : [process.getuid?.() ?? 0, process.getgid?.() ?? 0];
    chownSync(file, uid, gid);
    chmodSync(file, 0o2640);
    const run = runCli(["fmt", "--write", file]);
    expect(run.status, run.stderr).toBe(0);
    const st = statSync(file);
    expect([st.uid, st.gid, (st.mode & 0o7777).toString(8)]).toEqual([uid, gid, "2640"]);
    expect(readFileSync(file, "utf8")).toBe(TIDY);
  });

  it("a CRLF file stays CRLF, with no mixed endings; a CRLF file already formatted is unchanged", () => {
    const crlf = (text: string) => text.replace(/\n/g, "\r\n");
    const off = '# gen-repo: fmt off\nbackend   :  "python"\n# gen-repo: fmt on\n';
    const file = put("m/config.pbtxt", crlf(`${MESSY}${off}`));
    const run = runCli(["fmt", "--write", file]);
    expect(run.status, run.stderr).toBe(0);
    const written = readFileSync(file, "latin1");
    expect(written.split("\n").length - 1).toBe(written.split("\r\n").length - 1);
    expect(written.replace(/\r\n/g, "\n").startsWith(TIDY)).toBe(true);
    const check = runCli(["fmt", "--check", put("n/config.pbtxt", crlf(TIDY))]);
    expect(check.stdout).toBe("");
    expect(check.status).toBe(0);
  });
});

describe("an edit saved while fmt runs wins", () => {
  it("the bytes are checked again before the final rename: the write is skipped, the edit kept, no temporary left", () => {
    const file = put("m/config.pbtxt", MESSY);
    const read = readBounded(file);
    if (!("bytes" in read)) throw new Error("unreadable");
    writeFileSync(file, 'name: "edited"\n'); // the editor saves meanwhile
    let error: unknown;
    try {
      writeFileAtomic(file, TIDY, undefined, { expected: read.bytes });
    } catch (e: unknown) {
      error = e;
    }
    expect(isChangedWhileWriting(error)).toBe(true);
    expect((error as Error).message).toBe(
      `${file} changed on disk while it was being formatted; left as it is now (run again to format the new version)`,
    );
    expect(readFileSync(file, "utf8")).toBe('name: "edited"\n');
    expect(readdirSync(join(root, "m"))).toEqual(["config.pbtxt"]);
  });
});

describe("temporary files of a killed fmt --write", () => {
  it("killed with the temporary file written: the file is as it was, the next run removes the leftover and formats", () => {
    const file = put("m/config.pbtxt", MESSY);
    // Step 2 is the rename: the temporary file is complete, the original untouched.
    const killed = runCli(["fmt", "--write", file], { env: { GEN_REPO_FAULT_KILL_AT: "2" } });
    expect(killed.signal).toBe("SIGKILL");
    expect(readFileSync(file, "utf8")).toBe(MESSY);
    expect(readdirSync(join(root, "m")).filter((n) => n.endsWith(".tmp"))).toHaveLength(1);
    const next = runCli(["fmt", "--write", file]);
    expect(next.status, next.stderr).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(TIDY);
    expect(readdirSync(join(root, "m"))).toEqual(["config.pbtxt"]);
  });

  it("are removed by the next run in that folder; one of a live run is left alone", () => {
    const file = put("m/config.pbtxt", MESSY);
    const stale = `.config.pbtxt.gen-repo-${deadPid()}-0badc0de.tmp`;
    const live = `.config.pbtxt.gen-repo-${process.pid}-0123abcd.tmp`;
    // A file name may hold any byte but / and NUL: line breaks included.
    const staleOfOddName = `.a\nb\r.pbtxt.gen-repo-${deadPid()}-0badc0de.tmp`;
    put(`m/${stale}`, "half");
    put(`m/${staleOfOddName}`, "half");
    put(`m/${live}`, "in progress");
    const run = runCli(["fmt", "--write", "m"], { cwd: root });
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(TIDY);
    expect(readdirSync(join(root, "m")).sort()).toEqual([live, "config.pbtxt"].sort());
  });
});

describe("names that are not UTF-8", () => {
  it("are found, formatted and reported by their bytes (not refused as missing, not skipped)", () => {
    const folder = Buffer.concat([Buffer.from(`${root}/model-`), Buffer.from([0xff, 0xfe]), Buffer.from("-x")]);
    mkdirSync(folder);
    writeFileSync(Buffer.concat([folder, Buffer.from("/config.pbtxt")]), MESSY);
    const check = runCli(["fmt", "--check", "."], { cwd: root });
    expect(check.stderr).toBe("");
    expect(check.stdout).toBe("model-\\xff\\xfe-x/config.pbtxt\n");
    expect(check.status).toBe(1);
    const write = runCli(["fmt", "--write", "."], { cwd: root });
    expect(write.status, write.stderr).toBe(0);
    expect(readFileSync(Buffer.concat([folder, Buffer.from("/config.pbtxt")]), "utf8")).toBe(TIDY);
  });

  it("validate reports a model folder by its bytes, not as missing", () => {
    const repo = join(root, "repo");
    mkdirSync(repo);
    const folder = Buffer.concat([Buffer.from(`${repo}/m`), Buffer.from([0xff])]);
    mkdirSync(Buffer.concat([folder, Buffer.from("/1")]), { recursive: true });
    writeFileSync(Buffer.concat([folder, Buffer.from("/config.pbtxt")]), 'name: "m"\nbackend: "python"\n');
    const run = runCli(["validate", repo, "--format", "json"]);
    const diagnostics = (JSON.parse(run.stdout) as { diagnostics: { code: string; message: string }[] }).diagnostics;
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        "TR-6",
        "cannot read model directory 'm\\xff': Name is not valid UTF-8 (each byte that is not is shown as \\xNN); triton-repo cannot read it",
      ],
    ]);
    expect(run.status).toBe(1);
  });

  it("a name holding a real U+FFFD is UTF-8: validated as a model, beside one whose bytes are not", () => {
    // Node shows bad bytes as U+FFFD too: the lister must tell EF BF BD (the character) from 0xFF.
    const repo = join(root, "repo-fffd");
    const model = (bytes: Buffer, name: string, backend: string): void => {
      const folder = Buffer.concat([Buffer.from(`${repo}/`), bytes]);
      mkdirSync(Buffer.concat([folder, Buffer.from("/1")]), { recursive: true });
      writeFileSync(Buffer.concat([folder, Buffer.from("/config.pbtxt")]), `name: "${name}"\nbackend: "${backend}"\n`);
    };
    model(Buffer.from("m\u{FFFD}", "utf8"), "m\u{FFFD}", "no_such_backend");
    model(Buffer.from([0x6e, 0xff]), "n", "python");
    const run = runCli(["validate", repo, "--format", "json"]);
    const diagnostics = (JSON.parse(run.stdout) as { diagnostics: { code: string; file: string }[] }).diagnostics;
    // The UTF-8 name is read as a model (its config is checked: RL-18, no backend of that name); the other is refused
    // by its bytes, shown with a backslash that stays one.
    expect(diagnostics.map((d) => [d.code, d.file])).toEqual([
      ["RL-18", expect.stringMatching(/\/repo-fffd\/m\u{FFFD}\/config\.pbtxt$/u)],
      ["TR-6", expect.stringMatching(/\/repo-fffd\/n\\xff$/)],
    ]);
  });
});
