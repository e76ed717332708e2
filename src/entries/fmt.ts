/**
 * `triton-repo/fmt`: the comment-keeping formatter and in-place editor of
 * config.pbtxt text (what `gen-repo fmt` runs).
 */
export { editPbtxt, formatPbtxt, readSyntaxTree } from "../formatter/index.js";
export type {
  EditOptions,
  EditResult,
  FormatOptions,
  FormatResult,
  MessageListStyle,
  SyntaxTree,
} from "../formatter/index.js";
