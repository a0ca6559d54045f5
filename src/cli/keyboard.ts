import type { Runner } from "../core/runner/runner.ts";
import { createLogger } from "../core/log.ts";

const log = createLogger("locust.main");
const STEPS: Record<string, number> = { w: 1, W: 10, s: -1, S: -10 };

/**
 * Locust's headless keys: w/W add 1/10 users, s/S remove 1/10, each applied at spawn rate 100. Only when stdin
 * is a terminal; returns a function that restores the terminal.
 */
export function listenForUserCountKeys(runner: Runner): () => void {
  const stdin = process.stdin;
  if (!stdin.isTTY) return () => {};
  stdin.setRawMode(true);
  stdin.resume();
  const onData = (chunk: Buffer) => {
    for (const key of chunk.toString()) {
      if (key === "\u0003") process.kill(process.pid, "SIGINT"); // raw mode swallows Ctrl-C
      const step = STEPS[key];
      if (step === undefined || runner.state === "stopped" || runner.state === "stopping") continue;
      const target = Math.max(0, runner.targetUserCount + step);
      log.info(`${step > 0 ? "Spawning" : "Stopping"} ${Math.abs(step)} user(s)`);
      void runner.start(target, 100);
    }
  };
  stdin.on("data", onData);
  return () => {
    stdin.off("data", onData);
    stdin.setRawMode(false);
    stdin.pause();
  };
}
