/**
 * What the dispatcher needs to know about a user class. User classes satisfy it structurally through their
 * `name`, `static weight` and `static fixedCount`, so they can be passed as they are.
 */
export interface DispatchUserClass {
  readonly name: string;
  /** Relative share among the weighted classes (floats allowed). Ignored when `fixedCount` > 0. */
  readonly weight: number;
  /** When > 0, exactly this many users of the class are dispatched, before any weighted user. */
  readonly fixedCount: number;
}
