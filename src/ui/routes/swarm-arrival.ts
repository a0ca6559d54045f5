import type { ArrivalPlan } from "../../core/runner/arrival/arrival-driver.ts";
import { LocalRunner } from "../../core/runner/local-runner.ts";
import type { Runner } from "../../core/runner/runner.ts";
import { DEFAULT_MAX_USERS } from "../../core/shape/arrival-tick.ts";
import type { SwarmFields } from "../wire-format.ts";

/** The start form's open-model fields, taken out of the custom-option fields. */
const ARRIVAL_FIELDS = ["arrival_rate", "max_users", "pre_allocated_users"] as const;

/**
 * Reads `arrival_rate` (and `max_users`, `pre_allocated_users`) from a `/swarm` body: a plan, an error message, or
 * undefined when the form asks for the closed model (no or an empty arrival rate).
 */
export function readArrivalPlan(fields: SwarmFields, defaults: { maxUsers?: number }): ArrivalPlan | string | undefined {
  const value = (name: string) => fields.other.get(name)?.at(-1)?.trim() ?? "";
  const [rateText, maxText, preText] = ARRIVAL_FIELDS.map(value);
  for (const name of ARRIVAL_FIELDS) fields.other.delete(name);
  if (rateText === "") return undefined;
  const rate = Number(rateText);
  const maxUsers = maxText === "" ? (defaults.maxUsers ?? DEFAULT_MAX_USERS) : Number(maxText);
  const preAllocatedUsers = preText === "" ? 0 : Number(preText);
  if (!(rate > 0 && Number.isFinite(rate))) return `Invalid arrival_rate ${rateText}: iterations per second must be a number above 0`;
  if (!Number.isInteger(maxUsers) || maxUsers < 1) return `Invalid max_users ${maxText}: must be a whole number of 1 or more`;
  if (!Number.isInteger(preAllocatedUsers) || preAllocatedUsers < 0) return `Invalid pre_allocated_users ${preText}: must be a whole number of 0 or more`;
  return { rate, maxUsers, preAllocatedUsers };
}

/** Starts the plan on a local runner; a message when the runner cannot run arrival rates (distributed mode). */
export function startArrivalPlan(runner: Runner, plan: ArrivalPlan, onError: (err: unknown) => void): string | undefined {
  if (!(runner instanceof LocalRunner)) return "An arrival rate is not supported in distributed mode yet";
  runner.startArrivalRate(plan).catch(onError);
  return undefined;
}
