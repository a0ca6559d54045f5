import type { Clock } from "../clock.ts";
import type { Environment } from "../environment.ts";
import { createLogger } from "../log.ts";
import { Ticker } from "../ticker.ts";

const log = createLogger("locust.runners");

/** Locust samples every 10 s and warns above 90%. */
const CPU_MONITOR_INTERVAL_MS = 10_000;
const CPU_WARNING_THRESHOLD = 90;

/**
 * Samples this process's CPU (percent of one core) and RSS every 10 s; fires `usageMonitor` each time and
 * `cpuWarning` (with a one-time log warning) above 90%.
 */
export class UsageMonitor {
  readonly #environment: Environment;
  readonly #clock: Clock;
  readonly #ticker: Ticker;
  #warned = false;
  #lastCpu: NodeJS.CpuUsage | undefined;
  #lastWall = 0;
  /** The latest sample (percent), for the web UI and tests. */
  cpuUsage = 0;
  memoryUsage = 0;

  constructor(environment: Environment) {
    this.#environment = environment;
    this.#clock = environment.clock;
    this.#ticker = new Ticker(environment.clock, CPU_MONITOR_INTERVAL_MS, () => this.#measure());
  }

  start(): void {
    if (this.#ticker.running) return;
    this.#lastCpu = process.cpuUsage();
    this.#lastWall = this.#clock.monotonic();
    this.#ticker.start();
  }

  stop(): void {
    this.#ticker.stop();
  }

  /** Records one sample from a CPU-time delta (µs) over a wall-clock delta (ms). */
  sample(cpuMicros: number, wallMs: number, rssBytes: number): void {
    this.cpuUsage = wallMs > 0 ? (cpuMicros / 1000 / wallMs) * 100 : 0;
    this.memoryUsage = rssBytes;
    const environment = this.#environment;
    environment.events.usageMonitor.fire({ environment, cpuUsage: this.cpuUsage, memoryUsage: rssBytes });
    if (this.cpuUsage > CPU_WARNING_THRESHOLD) {
      environment.events.cpuWarning.fire({ environment, cpuUsage: this.cpuUsage });
      if (!this.#warned) {
        this.#warned = true;
        log.warning(
          `CPU usage above ${CPU_WARNING_THRESHOLD}%! This may constrain your throughput and skew response times. ` +
            "Run more processes (master/worker) or lighten the tasks.",
        );
      }
    }
  }

  #measure(): void {
    const cpu = process.cpuUsage(this.#lastCpu);
    const wall = this.#clock.monotonic();
    this.sample(cpu.user + cpu.system, wall - this.#lastWall, process.memoryUsage.rss());
    this.#lastCpu = process.cpuUsage();
    this.#lastWall = wall;
  }
}
