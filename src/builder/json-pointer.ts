import { type FieldInfo, type MessageInfo, messageInfo } from "../schema/descriptors.js";
import type { PathSegment } from "../pbtxt/types.js";

/**
 * ajv names a place in the data by JSON Pointer (`/input/1/dims/0`); our
 * diagnostics name it as the text reader does (`input[1].dims[0]`,
 * `parameters["KEY"]`). Following the pointer through the descriptors tells
 * list indexes from map keys and says which field the place belongs to.
 */

/** Where a JSON Pointer lands: the text path and the field whose value (or element of) is there. */
export interface Landing {
  segments: PathSegment[];
  /** The field the pointer addresses, when known. */
  field: FieldInfo | undefined;
  /** The message the pointer's value is an instance of (for objects). */
  message: MessageInfo | undefined;
  /** True when the pointer addresses one element of a repeated field or one map value. */
  element: boolean;
}

export function decodePointer(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** Follows a JSON Pointer through the descriptors, naming each step as the text path does. */
export function land(pointer: string): Landing {
  const root = messageInfo("ModelConfig");
  const landing: Landing = { segments: [], field: undefined, message: root, element: false };
  // "message": at an object of `message`; "container": at the list or map of `field`.
  let at: "message" | "container" | "scalar" | "unknown" = "message";
  for (const step of decodePointer(pointer)) {
    if (at === "message") {
      landing.segments.push(step);
      const field = landing.message?.field(step);
      landing.field = field;
      landing.element = false;
      if (field === undefined) at = "unknown";
      else if (field.kind === "map" || field.repeated) at = "container";
      else at = field.kind === "message" ? "message" : "scalar";
      landing.message = field?.kind === "message" && at === "message" ? field.messageType : undefined;
    } else if (at === "container") {
      const field = landing.field;
      if (field?.kind === "map") {
        landing.segments.push({ key: step });
        at = field.value.kind === "message" ? "message" : "scalar";
        landing.message = field.value.kind === "message" ? field.value.messageType : undefined;
      } else {
        landing.segments.push(/^\d+$/.test(step) ? Number(step) : step);
        at = field?.kind === "message" ? "message" : "scalar";
        landing.message = field?.kind === "message" ? field.messageType : undefined;
      }
      landing.element = true;
    } else {
      landing.segments.push(step);
      landing.field = undefined;
      landing.message = undefined;
      at = "unknown";
    }
  }
  return landing;
}

/** The value a JSON Pointer addresses in `data`, or undefined. */
export function valueAt(data: unknown, pointer: string): unknown {
  let current = data;
  for (const step of decodePointer(pointer)) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}
