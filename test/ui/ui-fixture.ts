/**
 * Shared pieces of the web UI tests: a real Environment + LocalRunner with the web app driven in-process, users
 * that hit a real Bun.serve target, and a condition poller.
 * @module
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Environment, type EnvironmentSettings } from "../../src/core/environment.ts";
import { defaultOptions, type Options } from "../../src/core/options/index.ts";
import { task } from "../../src/core/user/decorators.ts";
import { User } from "../../src/core/user/user.ts";
import { constant } from "../../src/core/user/wait-time.ts";
import { createWebUi, type WebUiApp } from "../../src/ui/server.ts";

/** Requests the user of {@link TargetUser} measures, against `environment.host`. */
async function timedGet(user: User, path: string): Promise<void> {
  await user.environment.events.request.measure("GET", path, async (meta) => {
    const response = await fetch(`${user.host}${path}`, { signal: user.signal });
    meta.responseLength = (await response.arrayBuffer()).byteLength;
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  });
}

/** A user that requests `/ultra_fast` three times as often as `/fail` on a real target. */
export class TargetUser extends User {
  static override abstract = false;
  override waitTime = constant(0.02);

  @task(3) async fast() {
    await timedGet(this, "/ultra_fast");
  }

  @task async fail() {
    await timedGet(this, "/fail");
  }
}

/** A user whose only task throws, for the exceptions table. */
export class CrashingUser extends User {
  static override abstract = false;
  override waitTime = constant(0.02);

  @task crash() {
    throw new TypeError("task went wrong");
  }
}

/** An in-process web UI over a real environment and runner. */
export interface UiFixture extends AsyncDisposable {
  environment: Environment;
  options: Options;
  app: WebUiApp;
  /** Sends a request to the app in-process; `path` includes any base path. */
  request(path: string, init?: RequestInit): Promise<Response>;
}

/** Builds an environment (with a local runner unless `runner: false`) and its web app. */
export function createUiFixture(
  optionOverrides: Partial<Options> = {},
  settings: EnvironmentSettings & { runner?: boolean } = {},
): UiFixture {
  const environment = new Environment({ userClasses: [TargetUser], ...settings });
  if (settings.runner !== false) {
    environment.attachStats();
    environment.createLocalRunner();
  }
  const options: Options = { ...defaultOptions(), webHost: "127.0.0.1", webPort: 0, ...optionOverrides };
  const app = createWebUi(environment, options);
  return {
    environment,
    options,
    app,
    async request(path, init) {
      const response = await app.fetch(new Request(`http://ui.test${path}`, init));
      if (!response) throw new Error(`${path} was upgraded to a WebSocket`);
      return response;
    },
    async [Symbol.asyncDispose]() {
      await environment.runner?.quit();
    },
  };
}

/** Polls `condition` every few ms until it holds (throws after `timeoutMs`, which is only a safety net). */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(10);
  }
}

/** Fires one finished request into the environment's stats (no network). */
export function recordRequest(
  environment: Environment,
  name: string,
  responseTime: number,
  options: { method?: string; length?: number; error?: unknown } = {},
): void {
  environment.events.request.fire({
    requestType: options.method ?? "GET",
    name,
    responseTime,
    responseLength: options.length ?? 0,
    exception: options.error ?? null,
  });
}

/** A clock that only moves when told to; `sleep` waits until aborted (no runner loop runs in these tests). */
export class ManualClock {
  seconds: number;

  constructor(seconds: number) {
    this.seconds = seconds;
  }

  now = (): number => this.seconds;
  monotonic = (): number => this.seconds * 1000;
  sleep = (_ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      signal?.addEventListener("abort", () => resolve(), { once: true });
    });
}

/** A clock whose timers fire only when the test advances it (for run-time limits without waiting). */
export class SteppedClock {
  #seconds: number;
  #timers: Array<{ due: number; resolve: () => void }> = [];

  constructor(seconds = Date.now() / 1000) {
    this.#seconds = seconds;
  }

  now = (): number => this.#seconds;
  monotonic = (): number => this.#seconds * 1000;
  sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      if (signal?.aborted || ms <= 0) return resolve();
      const timer = { due: this.#seconds + ms / 1000, resolve };
      this.#timers.push(timer);
      signal?.addEventListener("abort", () => {
        this.#timers = this.#timers.filter((t) => t !== timer);
        resolve();
      }, { once: true });
    });

  /** Moves time forward and fires every timer that is due. */
  advance(seconds: number): void {
    this.#seconds += seconds;
    const due = this.#timers.filter((t) => t.due <= this.#seconds);
    this.#timers = this.#timers.filter((t) => t.due > this.#seconds);
    for (const timer of due) timer.resolve();
  }
}

/** A fresh temporary directory, removed on dispose (`await using dir = await createTempDir("x-")`). */
export async function createTempDir(prefix: string): Promise<AsyncDisposable & { path: string }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, [Symbol.asyncDispose]: () => rm(path, { recursive: true, force: true }) };
}
