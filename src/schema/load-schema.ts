import { readFileSync } from "node:fs";
import protobuf from "protobufjs";
import { schemaPath } from "./package-root.js";

let cachedRoot: protobuf.Root | undefined;

/**
 * Triton's model configuration schema, loaded once and lazily from
 * `schemas/model_config.proto` with protobufjs. Field names keep their
 * snake_case spelling (keepCase), which is how config.pbtxt and Triton's JSON
 * write them; `resolveAll()` makes a bad type reference fail here, early.
 */
export function loadSchemaRoot(): protobuf.Root {
  if (cachedRoot) return cachedRoot;
  const source = readFileSync(schemaPath(), "utf8");
  const parsed = protobuf.parse(source, new protobuf.Root(), { keepCase: true, alternateCommentMode: true });
  parsed.root.resolveAll();
  cachedRoot = parsed.root;
  return cachedRoot;
}

/** The protobufjs type of a message, by its name in package `inference` (`ModelConfig`, `ModelInput`). */
export function lookupSchemaType(name: string): protobuf.Type {
  return loadSchemaRoot().lookupType(name.startsWith("inference.") ? name : `inference.${name}`);
}
