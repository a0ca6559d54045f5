import type { UserClass } from "../core/user/user.ts";

/**
 * The user class of smoke mode (`locust-bun http://127.0.0.1:8001/`): FastHttpUser users that GET one URL as fast
 * as they can — the one-line local smoke test.
 */
export async function createSmokeUserClass(url: string): Promise<UserClass> {
  const { FastHttpUser } = await import("../protocols/fasthttp/index.ts");
  const target = new URL(url);
  const path = `${target.pathname}${target.search}`;
  class UrlUser extends FastHttpUser {
    static override host = target.origin;
    static override tasks = [(user: UrlUser) => user.client.get(path)];
  }
  return UrlUser as unknown as UserClass;
}
