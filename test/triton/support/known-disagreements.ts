import { readFileSync } from "node:fs";
import { join } from "node:path";

/** `test/triton/known-disagreements.txt`: `<case id> <kind> <reason>` per line, `#` comments. */
export function readKnownDisagreements(): Map<string, { kind: string; reason: string }> {
  const text = readFileSync(join(import.meta.dirname, "..", "known-disagreements.txt"), "utf8");
  const known = new Map<string, { kind: string; reason: string }>();
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const [id, kind, ...reason] = line.split(/\s+/);
    if (id !== undefined && kind !== undefined) known.set(`${id} ${kind}`, { kind, reason: reason.join(" ") });
  }
  return known;
}
