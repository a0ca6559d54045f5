/**
 * Spots a class-level setting written as an instance field (`host = "…"` instead of `static host = "…"`), the
 * slip a Python author makes most: the runner reads the static and would report the setting as missing.
 * @module
 */

/**
 * True when `cls` or one of its base classes gives `field` a value as an instance field (read from the class
 * source). A field declared without a value, as `User` declares `host`, does not count.
 */
function declaresInstanceField(cls: Function, field: string): boolean {
  const declaration = new RegExp(`^\\s*(?:readonly\\s+)?${field}\\s*=(?!=)`, "m");
  for (let current = cls; typeof current === "function" && current !== Function.prototype; current = Object.getPrototypeOf(current)) {
    if (declaration.test(Function.prototype.toString.call(current))) return true;
  }
  return false;
}

/** A hint for an error about a missing `field` when `cls` declares it without `static`; undefined otherwise. */
export function staticFieldHint(cls: Function, field: string): string | undefined {
  if (!declaresInstanceField(cls, field)) return undefined;
  return `${cls.name} declares '${field}' as an instance field; class settings are static: static ${field} = …`;
}
