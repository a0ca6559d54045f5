import { Histogram } from "./histogram.ts";

/**
 * The latency of one (name, method), measured from when each request should have started: fixed memory, the same
 * histogram and percentile rule as the measured entry (Locust's rank, clamped to the raw [min, max], the top rank
 * the exact max).
 */
export class CorrectedEntry {
  readonly name: string;
  readonly method: string;
  readonly histogram = new Histogram();
  #min = Infinity;
  #max = 0;
  #sum = 0;

  constructor(name: string, method: string) {
    this.name = name;
    this.method = method;
  }

  /** Samples recorded: every request plus the ones a pace correction stands for. */
  get count(): number {
    return this.histogram.count;
  }

  get maxResponseTime(): number {
    return this.#max;
  }

  /** Sum of the samples (ms). */
  get totalResponseTime(): number {
    return this.#sum;
  }

  get avgResponseTime(): number {
    return this.count === 0 ? 0 : this.#sum / this.count;
  }

  /** Records one sample (ms). Called on the per-request path of scheduled users: no allocation. */
  record(ms: number): void {
    this.histogram.record(ms);
    this.#sum += ms;
    if (ms < this.#min) this.#min = ms;
    if (ms > this.#max) this.#max = ms;
  }

  /** Percentile `p` (0..1) by Locust's rule; 0 without samples. */
  getResponseTimePercentile(p: number): number {
    const n = this.count;
    if (n === 0) return 0;
    if (Math.trunc(n * p) >= n - 1) return this.#max;
    return Math.min(Math.max(this.histogram.percentile(p), this.#min), this.#max);
  }

  reset(): void {
    this.histogram.reset();
    this.#min = Infinity;
    this.#max = 0;
    this.#sum = 0;
  }
}
