import { Document, isMap, isScalar, isSeq, type Node } from "yaml";

/** A comment that says why, placed above the key (or list item) at `path`. */
export type Note = [path: Array<string | number>, text: string];

/** One Kubernetes object (a plain API object) and the comments that explain it. */
export interface Manifest {
  /** File name inside kubernetes/. */
  file: string;
  object: Record<string, unknown>;
  /** Lines above the object: what it is for. */
  header: string[];
  notes?: Note[];
}

function place(doc: Document, [path, text]: Note): void {
  const parent = doc.getIn(path.slice(0, -1), true) as Node | undefined;
  const last = path[path.length - 1];
  const comment = text
    .split("\n")
    .map((line) => ` ${line}`)
    .join("\n");
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
    if (pair && isScalar(pair.key)) {
      pair.key.commentBefore = comment;
      return;
    }
  }
  if (isSeq(parent) && typeof last === "number") {
    const item = parent.items[last] as Node | undefined;
    if (item) {
      item.commentBefore = comment;
      return;
    }
  }
  // A note whose path is not in the object is a bug of the builder, not of the spec.
  throw new Error(`internal: no ${path.join(".")} to comment on`);
}

/** The YAML text of a manifest: header comment, then the object with its notes. */
export function manifestText(manifest: Manifest): string {
  // No anchors: each object reads on its own, as kubectl and reviewers expect.
  const doc = new Document(manifest.object, { aliasDuplicateObjects: false });
  doc.commentBefore = manifest.header.map((line) => ` ${line}`).join("\n");
  for (const note of manifest.notes ?? []) place(doc, note);
  return doc.toString({ lineWidth: 0 });
}
