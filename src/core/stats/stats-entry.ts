/**
 * One (name, method) row of the request statistics, with Locust's fields and derived numbers.
 *
 * Precision versus Locust: Locust rounds each sample to ~2 significant digits before counting it, and defines
 * median and percentiles over those rounded keys. We keep samples in a log-linear histogram (≤ 0.78 % below the
 * exact sample, integers 0..255 exact; see histogram.ts) and apply Locust's rank rules to it, clamping the result to
 * the raw [min, max]. So integer test vectors below 256 ms give Locust's numbers exactly, while for larger or
 * fractional samples we report (nearly) the true sample where Locust reports its rounded key: e.g. samples
 * 122, 992, 142, 552, 557, 387, 557, 977 give median 552 (Locust: 550); one sample of 122 gives p50 122 (Locust: 120).
 * Percentiles are clamped to max too, and the top rank is the exact max (Locust: "99 % above max" artefact).
 * Slightly over 300 lines: Locust's fields, derived numbers and merge rules are one unit (per-second rates and
 * snapshots already live in rps-window.ts and response-time-cache.ts).
 * @module
 */
import { Histogram, type EncodedHistogram } from "./histogram.ts";
import { ResponseTimeCache } from "./response-time-cache.ts";
import { RpsWindow, type TimeSpan } from "./rps-window.ts";

/** The serialized form used in worker reports (camelCase; Locust's snake_case lives in output/json-output.ts). */
export interface SerializedStatsEntry {
  name: string;
  method: string;
  lastRequestTimestamp: number | null;
  startTime: number;
  numRequests: number;
  numNoneRequests: number;
  numFailures: number;
  totalResponseTime: number;
  maxResponseTime: number;
  minResponseTime: number | null;
  totalContentLength: number;
  responseTimes: EncodedHistogram;
  /** `[second, requests, failures, …]` for the recent seconds kept. */
  perSecond: number[];
}

/** Options of a {@link StatsEntry}. */
export interface StatsEntryOptions {
  /** Span for rates; Locust uses the Aggregated entry's for every entry. Defaults to the entry itself. */
  span?: TimeSpan;
  /** Keep per-second histogram snapshots for current percentiles (off on workers). Default false. */
  useResponseTimesCache?: boolean;
}

/**
 * Statistics of one request name and method.
 * @see https://docs.locust.io/en/stable/retrieving-stats.html
 */
export class StatsEntry implements TimeSpan {
  readonly name: string;
  readonly method: string;
  readonly useResponseTimesCache: boolean;
  readonly #span: TimeSpan;
  readonly #histogram = new Histogram();
  readonly #perSecond = new RpsWindow();
  readonly #cache: ResponseTimeCache | null;
  #numRequests = 0;
  #numNoneRequests = 0;
  #numFailures = 0;
  #totalResponseTime = 0;
  #minResponseTime: number | null = null;
  #maxResponseTime = 0;
  #totalContentLength = 0;
  #startTime = 0;
  #lastRequestTimestamp: number | null = null;
  /** int(lastRequestTimestamp), kept so the per-request path need not floor it again. */
  #lastSecond = -1;

  constructor(name: string, method: string, now: number, options: StatsEntryOptions = {}) {
    this.name = name;
    this.method = method;
    this.#span = options.span ?? this;
    this.useResponseTimesCache = options.useResponseTimesCache ?? false;
    this.#cache = this.useResponseTimesCache ? new ResponseTimeCache() : null;
    this.reset(now);
  }

  get numRequests(): number {
    return this.#numRequests;
  }
  /** Requests logged without a response time (they count as requests but not in timings). */
  get numNoneRequests(): number {
    return this.#numNoneRequests;
  }
  get numFailures(): number {
    return this.#numFailures;
  }
  /** Sum of the raw response times (ms). */
  get totalResponseTime(): number {
    return this.#totalResponseTime;
  }
  /** Raw minimum (ms), null before the first timed request. */
  get minResponseTime(): number | null {
    return this.#minResponseTime;
  }
  /** Raw maximum (ms), 0 before the first timed request. */
  get maxResponseTime(): number {
    return this.#maxResponseTime;
  }
  get totalContentLength(): number {
    return this.#totalContentLength;
  }
  /** Epoch seconds of creation or last reset. */
  get startTime(): number {
    return this.#startTime;
  }
  /** Epoch seconds of the last request, null before the first. */
  get lastRequestTimestamp(): number | null {
    return this.#lastRequestTimestamp;
  }
  /** The response-time distribution (read it, do not record into it). */
  get histogram(): Histogram {
    return this.#histogram;
  }
  /** Requests and failures of recent seconds. */
  get perSecond(): RpsWindow {
    return this.#perSecond;
  }

  /**
   * Logs one request at `now` (epoch seconds). `responseTime` null counts a request without timing.
   * Called on the per-request path: no allocation (apart from a once-a-second snapshot into reused buffers).
   */
  log(responseTime: number | null, contentLength: number, now: number): void {
    const second = Math.floor(now);
    if (this.#cache !== null && this.#lastRequestTimestamp !== null && second > this.#lastSecond) {
      // The histogram still holds the state at the end of the previous second.
      this.#cache.store(second - 1, this.#histogram);
    }
    this.#numRequests++;
    this.#perSecond.addRequests(second);
    this.#lastRequestTimestamp = now;
    this.#lastSecond = second;
    if (responseTime == null) {
      this.#numNoneRequests++;
    } else {
      this.#totalResponseTime += responseTime;
      if (this.#minResponseTime === null || responseTime < this.#minResponseTime) this.#minResponseTime = responseTime;
      if (responseTime > this.#maxResponseTime) this.#maxResponseTime = responseTime;
      this.#histogram.record(responseTime);
    }
    this.#totalContentLength += contentLength;
  }

  /** Counts one failure at `now`; the request itself is counted by {@link StatsEntry.log}. */
  logError(now: number): void {
    this.#numFailures++;
    this.#perSecond.addFailures(Math.floor(now));
  }

  /** Failures ÷ requests; 1 when there are failures but no requests. */
  get failRatio(): number {
    if (this.#numRequests === 0) return this.#numFailures > 0 ? 1 : 0;
    return this.#numFailures / this.#numRequests;
  }

  /** Mean of the timed requests (ms), 0 when none. */
  get avgResponseTime(): number {
    const timed = this.#numRequests - this.#numNoneRequests;
    return timed === 0 ? 0 : this.#totalResponseTime / timed;
  }

  /** Locust's median: the lower-middle sample (rank ⌊(n−1)/2⌋), clamped to [min, max]; 0 when none. */
  get medianResponseTime(): number {
    const n = this.#histogram.count;
    if (n === 0) return 0;
    return this.#clamp(this.#histogram.valueAtRank(Math.floor((n - 1) / 2)));
  }

  /**
   * Whole-run percentile (`p` in 0..1) by Locust's rule, clamped to [min, max]; the top rank is the exact max.
   * 0 when none.
   */
  getResponseTimePercentile(p: number): number {
    const n = this.#histogram.count;
    if (n === 0) return 0;
    if (Math.trunc(n * p) >= n - 1) return this.#maxResponseTime;
    return this.#clamp(this.#histogram.percentile(p));
  }

  /**
   * Percentile of about the last 10 seconds, from the snapshot closest to `now − 10` (see ResponseTimeCache);
   * null when no snapshot is in reach or the cache is off (Locust raises there), 0 when no timed request since.
   */
  getCurrentResponseTimePercentile(p: number, now: number): number | null {
    const base = this.#cache?.find(now) ?? null;
    if (base === null) return null;
    if (this.#histogram.count === base.count) return 0;
    return this.#clamp(this.#histogram.percentileSince(base, p));
  }

  /** Current req/s over Locust's window of the span's recent complete seconds. */
  get currentRps(): number {
    return this.#perSecond.currentRequestRate(this.#span);
  }

  /** Current failures/s over the same window. */
  get currentFailPerSec(): number {
    return this.#perSecond.currentFailureRate(this.#span);
  }

  /** Requests ÷ the span's (last − start); 0 when either is unset or they are equal. */
  get totalRps(): number {
    return this.#perSpan(this.#numRequests);
  }

  /** Failures ÷ the span's (last − start). */
  get totalFailPerSec(): number {
    return this.#perSpan(this.#numFailures);
  }

  /** Mean content length per request, 0 when none. */
  get avgContentLength(): number {
    return this.#numRequests === 0 ? 0 : this.#totalContentLength / this.#numRequests;
  }

  /** Zeroes everything and restarts at `now` (Locust's reset, including a fresh snapshot). */
  reset(now: number): void {
    this.#startTime = now;
    this.#numRequests = 0;
    this.#numNoneRequests = 0;
    this.#numFailures = 0;
    this.#totalResponseTime = 0;
    this.#minResponseTime = null;
    this.#maxResponseTime = 0;
    this.#totalContentLength = 0;
    this.#lastRequestTimestamp = null;
    this.#lastSecond = -1;
    this.#histogram.reset();
    this.#perSecond.reset();
    if (this.#cache !== null) {
      this.#cache.clear();
      this.#cache.store(Math.floor(now), this.#histogram);
    }
  }

  /** Adds another entry's numbers (Locust's extend): sums, null-aware min/max, earliest start, latest request. */
  extend(other: StatsEntry): void {
    const oldLast = this.#lastRequestTimestamp;
    this.#histogram.merge(other.#histogram);
    this.#perSecond.merge(other.#perSecond);
    this.#extendNumbers(other, oldLast);
  }

  /**
   * {@link StatsEntry.extend} with a serialized entry, merged straight in: a master merges every entry of every
   * worker report, and building an entry for each costs more than the merge. A malformed histogram or per-second
   * count throws half-merged, so pass validated data (locust-report-parse.ts gives it).
   */
  extendSerialized(data: SerializedStatsEntry): void {
    const oldLast = this.#lastRequestTimestamp;
    this.#histogram.mergeEncoded(data.responseTimes);
    this.#perSecond.mergeEncoded(data.perSecond);
    this.#extendNumbers(data, oldLast);
  }

  #extendNumbers(other: StatsEntry | SerializedStatsEntry, oldLast: number | null): void {
    const otherLast = other.lastRequestTimestamp;
    if (otherLast !== null && (oldLast === null || otherLast > oldLast)) this.#lastRequestTimestamp = otherLast;
    this.#startTime = Math.min(this.#startTime, other.startTime);
    this.#numRequests += other.numRequests;
    this.#numNoneRequests += other.numNoneRequests;
    this.#numFailures += other.numFailures;
    this.#totalResponseTime += other.totalResponseTime;
    this.#maxResponseTime = Math.max(this.#maxResponseTime, other.maxResponseTime);
    const otherMin = other.minResponseTime;
    if (otherMin !== null && (this.#minResponseTime === null || otherMin < this.#minResponseTime)) {
      this.#minResponseTime = otherMin;
    }
    this.#totalContentLength += other.totalContentLength;
    const last = this.#lastRequestTimestamp;
    if (last !== null) this.#lastSecond = Math.floor(last);
    // Like Locust: when merged data moves the last request into a new second, snapshot under that second.
    if (this.#cache !== null && last !== null && this.#lastSecond > (oldLast === null ? 0 : Math.floor(oldLast))) {
      this.#cache.store(this.#lastSecond, this.#histogram);
    }
  }

  /** The worker-report form; see {@link StatsEntry.fromSerialized}. */
  serialize(): SerializedStatsEntry {
    return {
      name: this.name,
      method: this.method,
      lastRequestTimestamp: this.#lastRequestTimestamp,
      startTime: this.#startTime,
      numRequests: this.#numRequests,
      numNoneRequests: this.#numNoneRequests,
      numFailures: this.#numFailures,
      totalResponseTime: this.#totalResponseTime,
      maxResponseTime: this.#maxResponseTime,
      minResponseTime: this.#minResponseTime,
      totalContentLength: this.#totalContentLength,
      responseTimes: this.#histogram.encode(),
      perSecond: this.#perSecond.encode(),
    };
  }

  /** Rebuilds an entry (without snapshot cache) from {@link StatsEntry.serialize}'s output. */
  static fromSerialized(data: SerializedStatsEntry, options: StatsEntryOptions = {}): StatsEntry {
    const entry = new StatsEntry(data.name, data.method, data.startTime, options);
    entry.#lastRequestTimestamp = data.lastRequestTimestamp;
    entry.#lastSecond = data.lastRequestTimestamp === null ? -1 : Math.floor(data.lastRequestTimestamp);
    entry.#numRequests = data.numRequests;
    entry.#numNoneRequests = data.numNoneRequests;
    entry.#numFailures = data.numFailures;
    entry.#totalResponseTime = data.totalResponseTime;
    entry.#maxResponseTime = data.maxResponseTime;
    entry.#minResponseTime = data.minResponseTime;
    entry.#totalContentLength = data.totalContentLength;
    entry.#histogram.mergeEncoded(data.responseTimes);
    entry.#perSecond.mergeEncoded(data.perSecond);
    return entry;
  }

  #clamp(value: number): number {
    if (value > this.#maxResponseTime) return this.#maxResponseTime;
    if (this.#minResponseTime !== null && value < this.#minResponseTime) return this.#minResponseTime;
    return value;
  }

  #perSpan(count: number): number {
    const last = this.#span.lastRequestTimestamp;
    const start = this.#span.startTime;
    if (!last || !start || last === start) return 0;
    return count / (last - start);
  }
}
