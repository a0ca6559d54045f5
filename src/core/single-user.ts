import { Environment } from "./environment.ts";
import type { RequestEvent } from "./events/request-hook.ts";
import { runUser } from "./user/user-loop.ts";
import type { User, UserClass } from "./user/user.ts";

/** Options of {@link runSingleUser}. */
export interface SingleUserOptions {
  host?: string;
  /** Stop after this many seconds (default: run until the user stops itself). */
  seconds?: number;
  /** Where each request line goes (default stdout). */
  write?: (line: string) => void;
}

function formatRequest(event: RequestEvent): string {
  const time = event.responseTime === null ? "" : event.responseTime.toFixed(2);
  const error = event.exception ? ` ${String(event.exception instanceof Error ? event.exception.message : event.exception)}` : "";
  return `${event.requestType.padEnd(8)} ${event.name.padEnd(40)} ${time.padStart(9)} ${event.responseLength}${error}\n`;
}

/**
 * Runs one user of `userClass` in this process, printing every request as it happens — a debugging aid: put a
 * breakpoint in a task and run the locustfile directly with `bun`.
 * @example
 * ```ts
 * if (import.meta.main) await runSingleUser(MyUser, { host: "http://127.0.0.1:8080", seconds: 10 });
 * ```
 * @see https://docs.locust.io/en/stable/running-in-debugger.html
 */
export async function runSingleUser(userClass: UserClass, options: SingleUserOptions = {}): Promise<Environment> {
  const environment = new Environment({ userClasses: [userClass], host: options.host, catchExceptions: false });
  environment.attachStats();
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  write(`${"type".padEnd(8)} ${"name".padEnd(40)} ${"resp_ms".padStart(9)} length exception\n`);
  environment.events.request.addListener((event) => write(formatRequest(event)));
  const user = new (userClass as unknown as new (env: Environment) => User)(environment);
  const stopTimer = options.seconds === undefined ? undefined : setTimeout(() => user.requestStop(true), options.seconds * 1000);
  await runUser(user);
  clearTimeout(stopTimer);
  return environment;
}
