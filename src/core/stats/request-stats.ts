/**
 * RequestStats: every (name, method) entry, the "Aggregated" total, failure groups and chart history.
 * @module
 */
import { realClock, type Clock } from "../clock.ts";
import { formatErrorRepr } from "../errors.ts";
import { createLogger } from "../log.ts";
import { CorrectedStats } from "./corrected-stats.ts";
import { ErrorGroups, DEFAULT_MAX_ERROR_GROUPS } from "./error-groups.ts";
import { StatsHistory } from "./history.ts";
import type { TimeSpan } from "./rps-window.ts";
import { IterationCounts } from "./iteration-counts.ts";
import { StatsEntry, type SerializedStatsEntry } from "./stats-entry.ts";
import { normalizeErrorText, type SerializedStatsError } from "./stats-error.ts";

const log = createLogger("locust.stats");

/**
 * Entries past which a forgotten `name=` is the likely cause (ids or query strings in the URL): warned about once.
 * The web UI's table lists 500 rows, so a test with more distinct names is rarely meant.
 */
export const MANY_NAMES_WARNING_AT = 1000;

/** A worker's report (Locust's `stats`, `stats_total`, `errors` keys, in camelCase). */
export interface StatsReport {
  stats: SerializedStatsEntry[];
  statsTotal: SerializedStatsEntry;
  errors: SerializedStatsError[];
}

/** Options of {@link RequestStats}. */
export interface RequestStatsOptions {
  /** Read for entry start times and resets (the per-request path passes `now` instead). */
  clock?: Clock;
  /**
   * Keep per-second snapshots for the Aggregated entry's current percentiles (the web UI, its charts and
   * /stats/requests show them). Locust turns this off on workers. Default true.
   */
  useResponseTimesCache?: boolean;
  /**
   * Keep them for every request name too (only `--csv-full-history` prints per-name current percentiles). Costs
   * up to 20 histogram copies per name, so it is off by default. Needs `useResponseTimesCache`.
   */
  currentPercentilesPerEntry?: boolean;
  /** Bound on distinct failure groups. Default 1000. */
  maxErrorGroups?: number;
}

/**
 * The request statistics of a run, fed by the stats listener, read by the console, CSV, web UI and reports.
 * @see https://docs.locust.io/en/stable/retrieving-stats.html
 */
export class RequestStats implements TimeSpan {
  readonly useResponseTimesCache: boolean;
  /** See {@link RequestStatsOptions.currentPercentilesPerEntry}; read when an entry is created. */
  currentPercentilesPerEntry: boolean;
  readonly history = new StatsHistory();
  /** Latency from each request's intended start (arrival-rate iterations and paced users only). */
  readonly corrected = new CorrectedStats();
  /** Arrival-rate iterations started and dropped. */
  readonly iterations = new IterationCounts();
  readonly #clock: Clock;
  readonly #errors: ErrorGroups;
  #total: StatsEntry;
  /**
   * name → entry, or name → method → entry once a name has several methods: no key string is built per request,
   * and a name with one method (nearly all) costs no Map of its own.
   */
  #entries = new Map<string, StatsEntry | Map<string, StatsEntry>>();
  /** The same entries in creation order (Locust's dict order, which `--json` follows). */
  #created: StatsEntry[] = [];
  // One-entry lookup cache: most consecutive requests hit the same entry.
  #lastName: string | null = null;
  #lastMethod: string | null = null;
  #lastEntry: StatsEntry | null = null;

  constructor(options: RequestStatsOptions = {}) {
    this.#clock = options.clock ?? realClock;
    this.useResponseTimesCache = options.useResponseTimesCache ?? true;
    this.currentPercentilesPerEntry = options.currentPercentilesPerEntry ?? false;
    this.#errors = new ErrorGroups(options.maxErrorGroups ?? DEFAULT_MAX_ERROR_GROUPS);
    this.#total = this.#createTotal(this.#clock.now());
  }

  /** The "Aggregated" entry (method ""). */
  get total(): StatsEntry {
    return this.#total;
  }
  /** Failure groups in first-seen order. */
  get errors(): ErrorGroups {
    return this.#errors;
  }
  get numRequests(): number {
    return this.#total.numRequests;
  }
  get numNoneRequests(): number {
    return this.#total.numNoneRequests;
  }
  get numFailures(): number {
    return this.#total.numFailures;
  }
  get startTime(): number {
    return this.#total.startTime;
  }
  get lastRequestTimestamp(): number | null {
    return this.#total.lastRequestTimestamp;
  }
  /** Number of (name, method) entries. */
  get entryCount(): number {
    return this.#created.length;
  }

  /**
   * Logs one request into the total and its entry at `now` (epoch seconds). Called on the per-request path: no
   * string building, no allocation except the first time a (name, method) pair is seen. Current-percentile
   * snapshots happen lazily here, when a request is the first of a new second (as in Locust).
   */
  logRequest(method: string, name: string, responseTime: number | null, contentLength: number, now: number): void {
    this.#total.log(responseTime, contentLength, now);
    this.#entryFor(name, method, now).log(responseTime, contentLength, now);
  }

  /**
   * Logs one failure (the request itself is logged by {@link RequestStats.logRequest}). The error is grouped by
   * method, name and its repr text with object addresses masked.
   */
  logError(method: string, name: string, error: unknown, now: number): void {
    this.#total.logError(now);
    this.#entryFor(name, method, now).logError(now);
    this.#errors.record(method, name, normalizeErrorText(formatErrorRepr(error)), now);
  }

  /** The entry for name and method, created (empty) if missing. */
  get(name: string, method: string): StatsEntry {
    return this.#entryFor(name, method, this.#clock.now());
  }

  /** The entry for name and method, or undefined (never creates one). */
  find(name: string, method: string): StatsEntry | undefined {
    const held = this.#entries.get(name);
    if (held instanceof StatsEntry) return held.method === method ? held : undefined;
    return held?.get(method);
  }

  /** Entries in creation order (without the total). */
  entries(): IterableIterator<StatsEntry> {
    return this.#created.values();
  }

  /** Entries sorted by name, then method (Locust's table and CSV order). */
  sortedEntries(): StatsEntry[] {
    return [...this.entries()].sort(
      (a, b) => compareStrings(a.name, b.name) || compareStrings(a.method, b.method),
    );
  }

  /** Zeroes the total and every entry in place (entries stay), drops errors and history (`--reset-stats`). */
  resetAll(now = this.#clock.now()): void {
    this.#total.reset(now);
    for (const entry of this.entries()) entry.reset(now);
    this.#errors.clear();
    this.history.clear();
    this.corrected.clear();
    this.iterations.reset();
  }

  /** Replaces the total and drops every entry, error and history row (a new test from a stopped state). */
  clearAll(now = this.#clock.now()): void {
    this.#total = this.#createTotal(now);
    this.#entries = new Map();
    this.#created = [];
    this.#lastName = this.#lastMethod = this.#lastEntry = null;
    this.#errors.clear();
    this.history.clear();
    this.corrected.clear();
    this.iterations.reset();
  }

  /** The state as a report: entries with requests or failures, the total, and the failure groups. */
  serialize(): StatsReport {
    const stats = [...this.entries()].filter((e) => e.numRequests > 0 || e.numFailures > 0).map((e) => e.serialize());
    return { stats, statsTotal: this.#total.serialize(), errors: this.#errors.serialize() };
  }

  /**
   * Locust's worker report: {@link RequestStats.serialize}, then every reported entry and the total are reset and
   * the errors cleared, so each report carries only what happened since the previous one.
   */
  drainReport(now = this.#clock.now()): StatsReport {
    const report = this.serialize();
    for (const entry of this.entries()) {
      if (entry.numRequests > 0 || entry.numFailures > 0) entry.reset(now);
    }
    this.#total.reset(now);
    this.#errors.clear();
    return report;
  }

  #entryFor(name: string, method: string, now: number): StatsEntry {
    if (name === this.#lastName && method === this.#lastMethod) return this.#lastEntry!;
    const entry = this.find(name, method) ?? this.#addEntry(name, method, now);
    this.#lastName = name;
    this.#lastMethod = method;
    this.#lastEntry = entry;
    return entry;
  }

  #addEntry(name: string, method: string, now: number): StatsEntry {
    const entry = new StatsEntry(name, method, now, {
      span: this,
      useResponseTimesCache: this.useResponseTimesCache && this.currentPercentilesPerEntry,
    });
    const held = this.#entries.get(name);
    if (held === undefined) this.#entries.set(name, entry);
    else if (held instanceof StatsEntry) this.#entries.set(name, new Map([[held.method, held], [method, entry]]));
    else held.set(method, entry);
    this.#created.push(entry);
    if (this.#created.length === MANY_NAMES_WARNING_AT) warnManyNames(name);
    return entry;
  }

  #createTotal(now: number): StatsEntry {
    return new StatsEntry("Aggregated", "", now, { span: this, useResponseTimesCache: this.useResponseTimesCache });
  }
}

function warnManyNames(latest: string): void {
  log.warning(
    `${MANY_NAMES_WARNING_AT} distinct request names so far (the latest: ${JSON.stringify(latest.slice(0, 80))}). ` +
      "If URLs carry ids or query strings, give the request a fixed name (name: \"/item?id=[id]\") so they share one " +
      "row: each name costs memory and a row in every table. This warning is not repeated.",
  );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
