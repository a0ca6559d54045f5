/**
 * Resolves once `condition` holds, checking it again on each turn of the event loop: a wait for what network I/O
 * will make true, never a fixed sleep.
 */
export async function waitFor(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setImmediate(resolve));
}
