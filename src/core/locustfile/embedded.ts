/**
 * Locustfiles compiled into a `locust-bun build` executable. The executable's entry registers them before the CLI
 * starts; the CLI then imports these instead of looking for files on disk.
 * @module
 */
import type { LocustfileSource } from "./load.ts";

let embedded: readonly LocustfileSource[] | undefined;

/**
 * Registers the executable's locustfiles (each `path` is the name it was built from, shown in the web UI and
 * reports); called once by the executable's entry, before the CLI runs.
 */
export function embedLocustfiles(files: readonly LocustfileSource[]): void {
  embedded = files;
}

/** The embedded locustfiles, or undefined when running from source. */
export function embeddedLocustfiles(): readonly LocustfileSource[] | undefined {
  return embedded;
}
