import type { Environment } from "../../core/environment.ts";
import { parseTimespan } from "../../core/options/index.ts";
import { startRunTimeLimit } from "../../core/runner/run-time-limit.ts";
import { TaskTables } from "../../core/user/task-table.ts";
import type { UserClass } from "../../core/user/user.ts";
import { findUsersWithoutHost } from "../../protocols/missing-host.ts";
import { isActiveState } from "../../core/runner/runner-state.ts";
import { locustJsonResponse } from "../locust-json.ts";
import { readBodyFields } from "../request-body.ts";
import type { Route } from "../route-table.ts";
import type { WebUiContext } from "../web-ui-context.ts";
import type { ArrivalPlan } from "../../core/runner/arrival/arrival-driver.ts";
import { readArrivalPlan, startArrivalPlan } from "./swarm-arrival.ts";
import { formatSwarmResult, parseSwarmFields, toWireName, type SwarmFields, type SwarmResult } from "../wire-format.ts";

const RUN_TIME_MESSAGE = "Valid run_time formats are : 20, 20s, 3m, 2h, 1h20m, 3h30m10s, etc.";
const MISSING_MESSAGE = "Missing user_count or spawn_rate from /swarm request";

/**
 * POST /swarm (start, or re-target a running test) and GET or POST /stop. A `run_time` starts a timer that stops the
 * runner; re-targeting a running test without one keeps it (as in Locust). Unlike Locust, a new `run_time`, a new
 * test from a stopped state, or /stop cancels the previous timer, so an old limit cannot end a new test.
 */
export function createSwarmRoutes(context: WebUiContext): Route[] {
  let cancelRunTime: (() => void) | undefined;
  const reply = (result: SwarmResult) => locustJsonResponse(formatSwarmResult(result));

  const swarm = async (req: Request): Promise<Response> => {
    const { environment, log } = context;
    const fields = parseSwarmFields(await readBodyFields(req));
    const arrival = readArrivalPlan(fields, context.options);
    if (typeof arrival === "string") return reply({ success: false, message: arrival, host: environment.host });
    if (fields.host !== undefined) environment.host = fields.host.replace(/[<>]/g, "");
    applyCustomOptions(environment.parsedOptions, fields.other);
    const host = environment.host;
    let runTime: number | undefined;
    if (fields.runTime) {
      try {
        runTime = parseTimespan(fields.runTime);
      } catch {
        log.error(RUN_TIME_MESSAGE);
        return reply({ success: false, message: RUN_TIME_MESSAGE, host });
      }
    }
    const runner = environment.runner;
    if (!runner) return reply({ success: false, message: "No runner", host });
    const withoutHost = findUsersWithoutHost(pickClassesToRun(environment, context.options.classPicker, fields.userClasses), host);
    if (withoutHost.length > 0) return reply({ success: false, message: formatMissingHost(withoutHost), host });
    if (environment.shape) {
      runner.startShape();
      return reply({ success: true, message: `Swarming started using shape class '${environment.shape.constructor.name}'`, host });
    }
    if (arrival) return startArrival(arrival, fields, runTime);
    const userCount = Number(fields.userCount);
    const spawnRate = Number(fields.spawnRate);
    if (!fields.userCount || !Number.isInteger(userCount) || userCount < 0 || !(spawnRate > 0)) {
      return reply({ success: false, message: MISSING_MESSAGE, host });
    }
    const classNames = context.options.classPicker ? pickClasses(environment, fields.userClasses) : undefined;
    if (classNames?.length === 0) return reply({ success: false, message: `Unknown User(s): ${fields.userClasses.join(", ")}`, host });
    if (fields.tags !== undefined && !isActiveState(runner.state)) applyTags(environment, fields.tags);
    if (runTime || !isActiveState(runner.state)) {
      cancelRunTime?.();
      cancelRunTime = undefined;
    }
    runner.start(userCount, spawnRate, classNames).catch((err) => log.error(`Starting the swarm failed: ${String(err)}`));
    if (runTime) cancelRunTime = startRunTimeLimit(runTime, environment.clock, false, () => void runner.stop());
    rememberForm(context, userCount, spawnRate, runTime);
    return reply({ success: true, message: "Swarming started", host, runTime, userClasses: classNames });
  };

  /** The open model from the start form's arrival rate (see swarm-arrival.ts). */
  const startArrival = (plan: ArrivalPlan, fields: SwarmFields, runTime: number | undefined): Response => {
    const { environment, log } = context;
    const runner = environment.runner!;
    const host = environment.host;
    // The class picker and tags apply as to a user ramp.
    const classNames = context.options.classPicker ? pickClasses(environment, fields.userClasses) : null;
    if (classNames?.length === 0) return reply({ success: false, message: `Unknown User(s): ${fields.userClasses.join(", ")}`, host });
    if (fields.tags !== undefined && !isActiveState(runner.state)) applyTags(environment, fields.tags);
    const newTimer = runTime !== undefined || !isActiveState(runner.state);
    const started = { ...plan, userClassNames: classNames };
    const refused = startArrivalPlan(runner, started, (err) => log.error(`Starting the iterations failed: ${String(err)}`));
    if (refused) return reply({ success: false, message: refused, host });
    if (newTimer) {
      cancelRunTime?.();
      cancelRunTime = runTime ? startRunTimeLimit(runTime, environment.clock, false, () => void runner.stop()) : undefined;
    }
    return reply({ success: true, message: `Swarming started at ${plan.rate} iterations per second`, host, runTime });
  };

  const stop = async (): Promise<Response> => {
    cancelRunTime?.();
    cancelRunTime = undefined;
    void context.environment.runner?.stop();
    return locustJsonResponse({ success: true, message: "Test stopped" });
  };

  return [
    { path: "/swarm", access: "api", methods: { POST: swarm } },
    // GET as in Locust (scripts call it); POST for our page. Cross-site requests of either are refused.
    { path: "/stop", access: "api", methods: { GET: stop, POST: stop }, stateChangingGet: true },
  ];
}

/** The last test's numbers become the start form's defaults (and `parsedOptions`), as Locust keeps them. */
function rememberForm(context: WebUiContext, userCount: number, spawnRate: number, runTime: number | undefined): void {
  const { options, environment } = context;
  options.users = userCount;
  options.spawnRate = spawnRate;
  if (runTime !== undefined) options.runTime = runTime;
  Object.assign(environment.parsedOptions, { users: options.users, spawnRate, runTime: options.runTime, host: environment.host });
}

/** The classes a start would run: the class picker's selection, else all. */
function pickClassesToRun(environment: Environment, classPicker: boolean, names: readonly string[]): UserClass[] {
  if (!classPicker) return environment.userClasses;
  const picked = pickClasses(environment, names);
  return environment.userClasses.filter((cls) => picked.includes(cls.name));
}

/** The form's message when an HTTP user would start without a base host (the run would only count failures). */
function formatMissingHost(classes: readonly UserClass[]): string {
  const names = classes.map((cls) => cls.name).join(", ");
  return `Enter a Host (e.g. http://127.0.0.1:8080): ${names} ${classes.length === 1 ? "has" : "have"} no host of ${classes.length === 1 ? "its" : "their"} own and none was given with -H.`;
}

/** The class picker's selection: the named classes that exist, or every class when none is named. */
function pickClasses(environment: Environment, names: readonly string[]): string[] {
  const available = environment.userClasses.map((cls) => cls.name);
  const picked = names.length > 0 ? available.filter((name) => names.includes(name)) : available;
  return picked.sort();
}

/** `tags` from the form replaces the include filter for the next test (the exclude filter stays). */
function applyTags(environment: Environment, tags: string[]): void {
  const current = environment.taskTables;
  environment.taskTables = new TaskTables({ include: tags, exclude: current.filter.exclude }, current.equalWeights);
}

/** Locust's custom-option fields: a field named like a parsed option updates it, keeping its type. */
function applyCustomOptions(parsed: Record<string, unknown>, fields: SwarmFields["other"]): void {
  for (const [key, current] of Object.entries(parsed)) {
    const values = fields.get(toWireName(key)) ?? fields.get(key);
    if (values === undefined || values.length === 0) continue;
    const last = values.at(-1)!;
    if (typeof current === "boolean") parsed[key] = last === "true";
    else if (typeof current === "number") {
      // An emptied number field keeps the value (Number("") would make it 0).
      if (last.trim() !== "" && Number.isFinite(Number(last))) parsed[key] = Number(last);
    }
    else if (Array.isArray(current)) parsed[key] = values.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
    else parsed[key] = last;
  }
}
