/**
 * How proto names become TypeScript names in generated/model-config.ts.
 *
 * The rule, in one line each:
 * - a message or enum keeps its package-relative proto name, with the dots of
 *   nesting replaced by `_` (`ModelInstanceGroup.SecondaryDevice` →
 *   `ModelInstanceGroup_SecondaryDevice`), so every type is found by the name
 *   the proto gives it and the nesting stays visible;
 * - a message with oneofs is split in two: `<Message>Fields` holds its plain
 *   fields and `<Message>_<OneofInPascalCase>` is the union of one-member
 *   shapes for each oneof; `<Message>` is their intersection;
 * - the names of an enum's values, as a runtime list, are `<Enum>Names`.
 * Fields keep their proto names unchanged (`max_batch_size`).
 */

/** `ModelInstanceGroup.SecondaryDevice` → `ModelInstanceGroup_SecondaryDevice`. */
export function typeName(protoName: string): string {
  return protoName.replaceAll(".", "_");
}

/** `scheduling_choice` → `SchedulingChoice`. */
export function pascalCase(snake: string): string {
  return snake
    .split("_")
    .filter((part) => part.length > 0)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join("");
}

/** Name of the interface holding the non-oneof fields of a message that has oneofs. */
export function fieldsInterfaceName(protoMessage: string): string {
  return `${typeName(protoMessage)}Fields`;
}

/** Name of the union type enforcing one oneof of a message. */
export function oneofTypeName(protoMessage: string, oneof: string): string {
  return `${typeName(protoMessage)}_${pascalCase(oneof)}`;
}

/** Name of the runtime list of an enum's value names. */
export function enumNamesConstName(protoEnum: string): string {
  return `${typeName(protoEnum)}Names`;
}

/**
 * Throws when two proto entities would get the same TypeScript name (say a
 * nested message `SchedulingChoice` beside the oneof `scheduling_choice`), so
 * the generator fails instead of emitting a file that does not compile.
 */
export function assertUniqueNames(names: ReadonlyArray<{ tsName: string; origin: string }>): void {
  const seen = new Map<string, string>();
  for (const { tsName, origin } of names) {
    const previous = seen.get(tsName);
    if (previous !== undefined) {
      throw new Error(`codegen: ${origin} and ${previous} both map to the TypeScript name ${tsName}`);
    }
    seen.set(tsName, origin);
  }
}
