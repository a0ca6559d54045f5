import type { Environment } from "../core/environment.ts";
import { LocustError } from "../core/errors.ts";

/** Fires `init`; a throwing listener aborts the start-up with one line (exit 1). */
export function fireInit(environment: Environment): void {
  try {
    environment.events.init.fire({ environment, runner: environment.runner, webUi: environment.webUi });
  } catch (err) {
    throw new LocustError(`An init event listener failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}
