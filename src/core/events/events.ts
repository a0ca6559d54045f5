/**
 * Every event a locustfile or plugin can listen to, with its arguments. Arguments are one object with camelCase
 * keys (Locust passes keyword arguments; `user_instance` becomes `userInstance`, and so on).
 * @module
 * @see https://docs.locust.io/en/stable/api.html#event-hooks
 */
import { EventHook, SetupHook } from "./event-hook.ts";
import { RequestHook } from "./request-hook.ts";
import type { WebUiExtension } from "../environment.ts";

import type { Environment } from "../environment.ts";
import type { Runner } from "../runner/runner.ts";
import type { ArgumentTable } from "../options/index.ts";

type EnvironmentRef = Environment;

/** Arguments of `userError`. */
export interface UserErrorArgs {
  /** The TaskSet (or User) instance the error escaped from, as in Locust. */
  userInstance: unknown;
  exception: unknown;
  /** The stack trace text. */
  tb: string;
}

/** All hooks of one environment. */
export class Events {
  /** `{requestType, name, responseTime, responseLength, exception, context, response, startTime, url}` — every completed request of every protocol. */
  readonly request = new RequestHook();
  /** `{userInstance, exception, tb}` — an exception escaped a task. */
  readonly userError = new EventHook<UserErrorArgs>();
  /** `{clientId, data}` — a worker is about to send its stats report; listeners may add keys to `data`. */
  readonly reportToMaster = new EventHook<{ clientId: string; data: Record<string, unknown> }>();
  /** `{clientId, data}` — the master received a worker's report. */
  readonly workerReport = new EventHook<{ clientId: string; data: Record<string, unknown> }>();
  /** `{clientId}` — a worker connected to the master. */
  readonly workerConnect = new EventHook<{ clientId: string }>();
  /** `{userCount}` — the ramp to the target user count finished. */
  readonly spawningComplete = new EventHook<{ userCount: number }>();
  /** `{environment}` — the process is shutting down; fired in reverse registration order. */
  readonly quitting = new EventHook<{ environment: EnvironmentRef }>();
  /** `{exitCode}` — just before the process exits. */
  readonly quit = new EventHook<{ exitCode: number }>();
  /** `{environment, runner, webUi}` — the environment, runner and web UI exist; a throwing listener aborts startup. */
  readonly init = new EventHook<{ environment: EnvironmentRef; runner: Runner | undefined; webUi: WebUiExtension | undefined }>();
  /** `{parser}` — add custom command-line options with `parser.addArgument(...)`; a bad one stops the start-up. */
  readonly initCommandLineParser = new SetupHook<{ parser: ArgumentTable }>();
  /** `{environment}` — a new test starts (not fired on user-count changes). */
  readonly testStart = new EventHook<{ environment: EnvironmentRef }>();
  /** `{environment}` — the test is about to stop its users. */
  readonly testStopping = new EventHook<{ environment: EnvironmentRef }>();
  /** `{environment}` — all users have stopped. */
  readonly testStop = new EventHook<{ environment: EnvironmentRef }>();
  /** `{}` — statistics are being reset from the web UI. */
  readonly resetStats = new EventHook<Record<string, never>>();
  /** `{environment, cpuUsage}` — process CPU above 90% at a sample. */
  readonly cpuWarning = new EventHook<{ environment: EnvironmentRef; cpuUsage: number }>();
  /** `{clientId, timestamp}` — the master processed a worker heartbeat. */
  readonly heartbeatSent = new EventHook<{ clientId: string; timestamp: number }>();
  /** `{clientId, timestamp}` — a worker received the master's heartbeat. */
  readonly heartbeatReceived = new EventHook<{ clientId: string; timestamp: number }>();
  /** `{environment, cpuUsage, memoryUsage}` — every usage sample (CPU percent, RSS bytes). */
  readonly usageMonitor = new EventHook<{ environment: EnvironmentRef; cpuUsage: number; memoryUsage: number }>();
}

/**
 * The process-wide events object the CLI uses for the environment it creates, so a locustfile can register
 * listeners at the top level: `events.testStart.addListener(({ environment }) => { … })`.
 */
export const events = new Events();
