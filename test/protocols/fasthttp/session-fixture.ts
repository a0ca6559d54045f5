/** A real Environment and FastHttpUser whose request events are collected, for the FastHttp tests. */
import { Environment } from "../../../src/core/environment.ts";
import type { RequestEvent } from "../../../src/core/events/request-hook.ts";
import { FastHttpUser } from "../../../src/protocols/fasthttp/index.ts";

/** Class settings a test may change (FastHttpUser's statics). */
export type FastUserSettings = Partial<
  Pick<typeof FastHttpUser, "networkTimeout" | "connectionTimeout" | "maxRedirects" | "maxRetries" | "insecure" | "defaultHeaders" | "concurrency" | "maxBodySize">
>;

/** One FastHttpUser on a fresh environment, plus a copy of every request event it fired. */
export function createFastFixture(host?: string, settings: FastUserSettings = {}) {
  const environment = new Environment({ host });
  const events: RequestEvent[] = [];
  environment.events.request.addListener((event) => {
    events.push({ ...event });
  });
  class TestUser extends FastHttpUser {
    userContext: Record<string, unknown> = {};
    override context(): Record<string, unknown> {
      return this.userContext;
    }
  }
  Object.assign(TestUser, settings);
  const user = new TestUser(environment);
  return { environment, user, client: user.client, events, [Symbol.dispose]: () => user.client.close() };
}
