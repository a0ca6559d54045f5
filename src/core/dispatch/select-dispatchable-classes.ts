import { LocustError } from "../errors.ts";
import type { DispatchUserClass } from "./dispatch-user-class.ts";

/**
 * Keeps the user classes the dispatcher can spawn: a weight above 0, or a `fixedCount` above 0 (which overrides
 * the weight). Order is preserved.
 * @throws LocustError "There are no users with weight > 0." when nothing remains.
 */
export function selectDispatchableClasses<T extends DispatchUserClass>(userClasses: readonly T[]): T[] {
  const selected = userClasses.filter((cls) => cls.weight > 0 || cls.fixedCount > 0);
  if (selected.length === 0) {
    throw new LocustError("There are no users with weight > 0.", {
      code: "NO_USERS_WITH_WEIGHT",
      hint: "Give at least one User class a weight above 0 or a fixedCount.",
    });
  }
  return selected;
}
