/** A real Environment (with stats) and an OpenAIUser whose request events are collected, for the OpenAI tests. */
import { Environment } from "../../../src/core/environment.ts";
import type { RequestEvent } from "../../../src/core/events/request-hook.ts";
import { OpenAIUser } from "../../../src/protocols/openai/index.ts";

/** Class settings a test may change (OpenAIUser's statics). */
export type OpenAIUserSettings = Partial<
  Pick<typeof OpenAIUser, "baseUrl" | "apiKey" | "model" | "timeout" | "insecure" | "streamUsage" | "defaultHeaders" | "host">
>;

/** One OpenAIUser (model "test-model", no API key unless given) on a fresh environment that records stats. */
export function createOpenAIFixture(settings: OpenAIUserSettings = {}, host?: string) {
  const environment = new Environment({ host });
  environment.attachStats();
  const events: RequestEvent[] = [];
  environment.events.request.addListener((event) => void events.push({ ...event }));
  class TestUser extends OpenAIUser {
    userContext: Record<string, unknown> = {};
    override context(): Record<string, unknown> {
      return this.userContext;
    }
  }
  Object.assign(TestUser, { model: "test-model", apiKey: "", ...settings });
  const user = new TestUser(environment);
  const errors = () => [...environment.stats.errors].map((group) => `${group.method} ${group.name}: ${group.error}`);
  return { environment, user, client: user.client, events, stats: environment.stats, errors, [Symbol.dispose]: () => user.client.close() };
}

/** A one-message conversation. */
export const HELLO = [{ role: "user", content: "Say hello" }] as const;
