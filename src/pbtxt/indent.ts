const INDENTS: string[] = [""];

/** Two spaces per level, cached: printing asks for the same few indents millions of times. */
export function indent(depth: number): string {
  let s = INDENTS[depth];
  if (s === undefined) {
    s = "  ".repeat(depth);
    INDENTS[depth] = s;
  }
  return s;
}
