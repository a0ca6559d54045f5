import type { Environment } from "../core/environment.ts";
import { hasUnhandledError } from "../core/log.ts";

/**
 * Locust's exit-code rule: a code set by the locustfile wins; else `--exit-code-on-error` when any request failed
 * or any task raised; else 2 when an event handler or loop crashed; else 0.
 */
export function decideExitCode(environment: Environment, exitCodeOnError: number): number {
  if (environment.processExitCode !== undefined) return environment.processExitCode;
  const hadFailures = environment.stats.errors.size > 0 || (environment.runner?.exceptions.size ?? 0) > 0;
  if (hadFailures) return exitCodeOnError;
  return hasUnhandledError() ? 2 : 0;
}
