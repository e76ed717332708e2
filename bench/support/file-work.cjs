"use strict";
// The file work of `gen-repo validate ROOT` and nothing else, as a whole Node
// process: what any Node program that reads what validate reads pays, our
// parsing and rules left out. The bench times it beside validate, so its
// report shows how much of a whole-process figure is Node and the file system
// and how much is ours.
//
// The reads are the ones validate makes on a repository (src/repository/):
// the root listed, each model folder listed, its config.pbtxt read, each
// version folder listed and its model.py read. It is a lower bound: validate
// also looks at other files (labels, warmup data) and stats what it cannot
// tell from a listing.
//
// CommonJS and no dependencies on purpose: an ES module entry would load
// Node's ES module loader, which the CLI does not.
const { readdirSync, readFileSync, writeSync } = require("node:fs");
const { join } = require("node:path");

function listed(dir) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function read(path) {
  try {
    return readFileSync(path, "utf8").length;
  } catch {
    return 0;
  }
}

const root = process.argv[2];
if (root === undefined) {
  process.stderr.write("usage: node file-work.cjs ROOT\n");
  process.exit(2);
}
let models = 0;
let chars = 0;
for (const model of listed(root)) {
  if (!model.isDirectory()) continue;
  models++;
  const folder = join(root, model.name);
  for (const entry of listed(folder)) {
    if (entry.name === "config.pbtxt") chars += read(join(folder, entry.name));
    else if (entry.isDirectory() && /^[0-9]+$/.test(entry.name))
      for (const file of listed(join(folder, entry.name)))
        if (file.name === "model.py") chars += read(join(folder, entry.name, file.name));
  }
}
writeSync(1, `${models} models, ${chars} characters read\n`);
