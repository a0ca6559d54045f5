import { Environment, type EnvironmentSettings } from "../../src/core/environment.ts";
import type { RequestEvent } from "../../src/core/events/request-hook.ts";

/** An Environment that records stats, and the request events it fired, in order. */
export interface RecordingEnvironment {
  env: Environment;
  events: RequestEvent[];
}

/** A fresh Environment with stats attached and a listener collecting every request event. */
export function createRecordingEnvironment(settings: EnvironmentSettings = {}): RecordingEnvironment {
  const env = new Environment(settings);
  env.attachStats();
  const events: RequestEvent[] = [];
  env.events.request.addListener((event) => void events.push(event));
  return { env, events };
}
