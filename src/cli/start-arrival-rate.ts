import type { Options } from "../core/options/index.ts";
import { LocalRunner } from "../core/runner/local-runner.ts";
import type { Runner } from "../core/runner/runner.ts";
import { DEFAULT_MAX_USERS } from "../core/shape/arrival-tick.ts";

/** Starts an open-model run from `--arrival-rate`, `--max-users` and `--pre-allocated-users`. */
export function startArrivalRate(runner: Runner, options: Options): void {
  // validate-options refuses --arrival-rate with --master, --worker and --processes, so this is a LocalRunner.
  if (!(runner instanceof LocalRunner)) return;
  void runner.startArrivalRate({
    rate: options.arrivalRate!,
    maxUsers: options.maxUsers ?? DEFAULT_MAX_USERS,
    preAllocatedUsers: options.preAllocatedUsers ?? 0,
  });
}
