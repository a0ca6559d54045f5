import type { UserClass } from "../core/user/user.ts";
import { FastHttpUser } from "./fasthttp/index.ts";
import { HttpUser } from "./http/index.ts";

/**
 * The HTTP user classes among `userClasses` that would have no base host: neither their own static `host` nor
 * `host` (from -H or the web UI's form). The CLI refuses a headless run with any; the web UI refuses to start one.
 */
export function findUsersWithoutHost(userClasses: readonly UserClass[], host: string | undefined): UserClass[] {
  if (host) return [];
  return userClasses.filter((cls) => (cls.prototype instanceof HttpUser || cls.prototype instanceof FastHttpUser) && !cls.host);
}
