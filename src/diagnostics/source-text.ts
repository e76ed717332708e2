/**
 * Offsets are what the lexer records; lines and columns are computed only at
 * the edge, when a diagnostic or a span is asked for. Columns count UTF-16
 * code units, the unit editors and LSP use.
 */
export class SourceText {
  readonly text: string;
  readonly file: string | undefined;
  private lineStarts: number[] | undefined;

  constructor(text: string, file?: string) {
    this.text = text;
    this.file = file;
  }

  private starts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    const text = this.text;
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
    return starts;
  }

  /** 1-based line and column of a 0-based offset. */
  position(offset: number): { line: number; column: number } {
    const starts = this.starts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
  }
}
