/**
 * The formatter writes `\n`. A file written with CRLF endings (a Windows
 * checkout, an editor set so) stays CRLF: when the original's first line
 * ending is CRLF, every line ending of the output becomes CRLF, also inside
 * "fmt off" regions the formatter copied byte for byte, so the file never
 * ends up with mixed endings. A raw line break cannot occur inside a
 * text-format string, so no string value is touched.
 */
export function matchLineEndings(original: string, formatted: string): string {
  const first = original.indexOf("\n");
  if (first <= 0 || original[first - 1] !== "\r") return formatted;
  return formatted.replace(/\r?\n/g, "\r\n");
}
