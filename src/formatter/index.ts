/**
 * The comment-keeping formatter and in-place editor of `config.pbtxt` text.
 */
export { formatPbtxt, formatSyntaxTree } from "./format.js";
export type { FormatOptions, FormatResult, MessageListStyle } from "./format.js";
export { editPbtxt } from "./edit.js";
export type { EditOptions, EditResult } from "./edit.js";
export { readSyntaxTree } from "./read-tree.js";
export type { ReadTreeOptions, ReadTreeResult } from "./read-tree.js";
export type {
  BlankItem,
  BodyItem,
  BodyType,
  CommentItem,
  CommentText,
  FieldItem,
  FieldNode,
  ListComment,
  ListElement,
  ListNode,
  MessageBody,
  MessageNode,
  ScalarNode,
  SyntaxTree,
  TextRegion,
  ValueNode,
  VerbatimItem,
} from "./cst.js";
export { writeFileAtomic } from "./write-atomic.js";
export type { AtomicWriteFs } from "./write-atomic.js";
