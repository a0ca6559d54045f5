/** A real Environment and HttpUser whose request events are collected, for the HTTP tests. */
import { Environment } from "../../../src/core/environment.ts";
import type { RequestEvent } from "../../../src/core/events/request-hook.ts";
import { HttpUser } from "../../../src/protocols/http/index.ts";

/** A concrete user class for tests; `context()` can be replaced per test. */
export class TestUser extends HttpUser {
  userContext: Record<string, unknown> = {};
  override context(): Record<string, unknown> {
    return this.userContext;
  }
}

/** One user on a fresh environment, plus every request event it fired (copied at fire time). */
export function createSessionFixture(host?: string) {
  const environment = new Environment({ host });
  const events: RequestEvent[] = [];
  environment.events.request.addListener((event) => {
    events.push({ ...event });
  });
  const user = new TestUser(environment);
  return { environment, user, client: user.client, events };
}
