/** Where a runner is: Locust's states (`missing` is for workers seen from a master). */
export type RunnerState = "ready" | "spawning" | "running" | "cleanup" | "stopping" | "stopped" | "missing";

/** States in which users exist or are being started. */
export function isActiveState(state: RunnerState): boolean {
  return state === "spawning" || state === "running";
}
