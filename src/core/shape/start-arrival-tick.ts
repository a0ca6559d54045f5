import type { Environment } from "../environment.ts";
import { LocustError } from "../errors.ts";
import { createLogger } from "../log.ts";
import type { ArrivalPlan } from "../runner/arrival/arrival-driver.ts";
import type { Runner } from "../runner/runner.ts";
import { DEFAULT_MAX_USERS, type ParsedArrivalTick } from "./arrival-tick.ts";

const log = createLogger("locust.runners");

/** A runner that can run arrival-rate iterations (the local runner). */
interface ArrivalRateRunner {
  startArrivalRate(plan: ArrivalPlan): Promise<void>;
}

function canRunArrivalRate(runner: Runner): runner is Runner & ArrivalRateRunner {
  return typeof (runner as Partial<ArrivalRateRunner>).startArrivalRate === "function";
}

/**
 * Applies a shape's arrival-rate tick: the pool ceiling is the tick's `maxUsers`, else `--max-users`, else 1000;
 * `preAllocatedUsers` counts on the first tick only. A distributed runner stops the test with one clear line.
 */
export function startArrivalTick(environment: Environment, runner: Runner, tick: ParsedArrivalTick, first: boolean): void {
  if (!canRunArrivalRate(runner)) {
    const error = new LocustError("An arrival-rate LoadTestShape is not supported in distributed mode (--master, --processes) yet; run it in one process.", { code: "ARRIVAL_RATE_DISTRIBUTED" });
    return runner.fail(error, { setup: true });
  }
  const options = environment.parsedOptions as { maxUsers?: number; preAllocatedUsers?: number };
  log.info(`Shape test updating to ${tick.arrivalRate.toFixed(2)} iterations per second`);
  void runner.startArrivalRate({
    rate: tick.arrivalRate,
    maxUsers: tick.maxUsers ?? options.maxUsers ?? DEFAULT_MAX_USERS,
    preAllocatedUsers: first ? (tick.preAllocatedUsers ?? options.preAllocatedUsers ?? 0) : 0,
    userClassNames: tick.userClasses?.map((cls) => cls.name) ?? null,
  });
}
