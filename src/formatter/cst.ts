import type { FieldInfo } from "../schema/descriptors.js";

/**
 * The concrete syntax tree the formatter and `editPbtxt` work on. Unlike the
 * parser's values it keeps what a person wrote around the values: every
 * comment in the place it was written, where blank lines separated fields,
 * the order of fields, whether a repeated field was written as one list or as
 * several fields, the spelling of each value, and the offsets of every piece
 * in the source text so an edit can splice the text instead of reprinting it.
 *
 * Comment positions, and the node that owns each kind:
 * - own-line comments are items of a message body (`CommentItem`) or of a
 *   list (`ListComment`), in the order written;
 * - a comment on the same line after a field's last token is the field's
 *   `trailing` (after a closing brace too: `} # done`);
 * - a comment on the line of an opening `{` or `[` is `openTrailing`;
 * - a comment written inside a field, between its name and its value, is kept
 *   in the field's `inner` list and printed on its own line before the field;
 * - comments before a closing brace and at the end of the file are simply the
 *   last items of their body.
 *
 * `# gen-repo: fmt off` … `fmt on` regions are spans of lines and may cross
 * braces and brackets, so they are not nodes: the tree keeps everything in
 * them as usual and lists the spans in `SyntaxTree.regions`; the formatter
 * prints each span's text in place of the pieces that fall inside it.
 */

/** A `#` comment, its text from `#` to the end of the line, trailing blanks removed. */
export type CommentText = string;

export interface CommentItem {
  kind: "comment";
  text: CommentText;
  start: number;
  end: number;
}

/** One or more blank lines in the source between two items (printed as one). */
export interface BlankItem {
  kind: "blank";
}

/**
 * Text printed byte for byte as one item of a body. The reader no longer
 * produces it (regions are `SyntaxTree.regions`); kept for trees built by hand.
 */
export interface VerbatimItem {
  kind: "verbatim";
  text: string;
  start: number;
  end: number;
}

/** A field is itself an item of its message body (no wrapper: large files hold many). */
export type FieldItem = FieldNode;

export type BodyItem = CommentItem | BlankItem | VerbatimItem | FieldNode;

/**
 * What the tree needs to know of a message type: a schema message, or the
 * synthetic `key`/`value` entry of a map field.
 */
export interface BodyType {
  readonly name: string;
  readonly fields: readonly FieldInfo[];
  field(name: string): FieldInfo | undefined;
}

/** A message body: the items between `{` and `}`, or the whole file. */
export interface MessageBody {
  type: BodyType | undefined;
  items: BodyItem[];
  /** Offset of the opening `{`/`<` (-1 for the file), and of the closing `}`/`>` (text length for the file). */
  open: number;
  close: number;
  /** Comment on the line of the opening brace. */
  openTrailing: CommentText | undefined;
}

/** A scalar value as it will be printed (see `spell-value.ts` for which spellings are kept). */
export interface ScalarNode {
  kind: "scalar";
  text: string;
  start: number;
  end: number;
  /** As a list element: the comment on the same line after it (and its comma). */
  trailing: CommentText | undefined;
}

/** A message value: its body, with where the value starts (its `{`) and ends (after its `}`). */
export interface MessageNode extends MessageBody {
  kind: "message";
  start: number;
  end: number;
  /** As a list element: the comment on the same line after it (and its comma). */
  trailing: CommentText | undefined;
}

export interface ListComment {
  kind: "comment";
  text: CommentText;
  /** Offset of the `#` in the source, -1 for a comment the formatter moved into a list it built. */
  start: number;
}

/** An element of a written list is its value itself (no wrapper: large files hold many). */
export type ListElement = ScalarNode | MessageNode;

/** `[ a, b ]` written in the source, for scalars or messages. */
export interface ListNode {
  kind: "list";
  items: (ListElement | ListComment)[];
  openTrailing: CommentText | undefined;
  /** Offsets of the commas written between the elements (the k-th after the k-th element); empty for a list the formatter built. */
  commas: number[];
  start: number;
  end: number;
}

export type ValueNode = ScalarNode | MessageNode | ListNode;

export interface FieldNode {
  kind: "field";
  name: string;
  /** Schema of the field; undefined only for a name the schema lacks (the input does not parse). */
  info: FieldInfo | undefined;
  value: ValueNode;
  /** Comments written between the field's name and its value (a shared empty array when there are none: never push to it). */
  inner: readonly CommentText[];
  /** Offsets of the `inner` comments in the source, in the same order (-1 for one the formatter moved). */
  innerStarts: readonly number[];
  trailing: CommentText | undefined;
  /** Offset of the name, and the end of the field's last token (its `;` or `,` included). */
  start: number;
  end: number;
}

/**
 * A `# gen-repo: fmt off` … `# gen-repo: fmt on` span of the source, printed
 * byte for byte: from the start of the `off` line to the end of the `on`
 * comment (see `read-tree.ts` for unterminated and nested directives).
 */
export interface TextRegion {
  start: number;
  end: number;
}

/** A whole file. */
export interface SyntaxTree {
  text: string;
  root: MessageBody;
  /** The fmt-off regions, in order, disjoint. */
  regions: readonly TextRegion[];
}
