import type { User } from "../../src/core/user/user.ts";

/**
 * A subclass of `base` with `statics` set on it, as a locustfile declares one (`class Probe extends SocketIOUser {
 * static override host = … }`); it does not set `abstract`, so it inherits its base's.
 */
export function defineUserClass<C extends typeof User>(base: C, statics: Partial<C> = {}): C {
  const Base: typeof User = base;
  class Probe extends Base {}
  return Object.assign(Probe, statics) as unknown as C;
}
