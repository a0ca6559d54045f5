/**
 * Reads the parts of a worker's `stats` report (Locust's snake_case dicts, as msgpack or JSON decoded them) into
 * the camelCase serialized forms of stats-entry.ts and stats-error.ts. Each reader throws a one-line Error naming
 * the bad field; locust-report-merge.ts catches it per entry so one bad entry loses nothing else.
 * @module
 */
import { BUCKET_COUNT, bucketIndex, type EncodedHistogram, HISTOGRAM_SCHEME } from "./histogram.ts";
import type { SerializedStatsEntry } from "./stats-entry.ts";
import type { SerializedStatsError } from "./stats-error.ts";

/**
 * A decoded dict as a plain record: msgpack decoders give a `Map` (with `mapsAsObjects: false`) or a plain
 * object, JSON a plain object. Throws when `value` is neither.
 */
export function readRecord(value: unknown, what: string): Record<string, unknown> {
  if (value instanceof Map) return Object.fromEntries([...value].map(([key, item]) => [String(key), item]));
  if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new Error(`${what} is not a dict (got ${formatBadValue(value)})`);
}

/**
 * Locust's entry dict as a serialized entry. `exact` (from the extra key) replaces the histogram built from
 * Locust's rounded `response_times` when it holds the same number of samples; `onFallback` hears why not.
 */
export function parseLocustEntry(value: unknown, exact: number[] | undefined, onFallback: (why: string) => void): SerializedStatsEntry {
  const dict = readRecord(value, "entry");
  const name = readString(dict, "name");
  const method = dict.method == null ? "" : readString(dict, "method");
  const numRequests = readCount(dict, "num_requests");
  const numNoneRequests = readCount(dict, "num_none_requests");
  // The exact histogram holds one sample per timed request; Locust's rounded copy may be left empty beside it.
  const problem = exact === undefined ? null : checkExactPairs(exact, numRequests - numNoneRequests);
  if (problem !== null) onFallback(`${method} ${name}: ${problem}; used Locust's rounded response_times`);
  const pairs =
    exact !== undefined && problem === null ? exact : toBucketPairs(readIntKeyedCounts(dict.response_times, "response_times", false));
  const responseTimes: EncodedHistogram = { scheme: HISTOGRAM_SCHEME, pairs };
  return {
    name,
    method,
    lastRequestTimestamp: readNullableNumber(dict, "last_request_timestamp"),
    startTime: readNumber(dict, "start_time"),
    numRequests,
    numNoneRequests,
    numFailures: readCount(dict, "num_failures"),
    totalResponseTime: readNumber(dict, "total_response_time"),
    maxResponseTime: readNumber(dict, "max_response_time"),
    minResponseTime: readNullableNumber(dict, "min_response_time"),
    totalContentLength: readNumber(dict, "total_content_length"),
    responseTimes,
    perSecond: readPerSecond(dict),
  };
}

/** Locust's error dict as a serialized error (`first_seen` / `last_seen` are optional: Locust 2.44+ only). */
export function parseLocustError(value: unknown): SerializedStatsError {
  const dict = readRecord(value, "error");
  return {
    name: readString(dict, "name"),
    method: dict.method == null ? "" : readString(dict, "method"),
    error: readString(dict, "error"),
    occurrences: readCount(dict, "occurrences"),
    firstSeen: readNullableNumber(dict, "first_seen"),
    lastSeen: readNullableNumber(dict, "last_seen"),
  };
}

/** Why exact pairs cannot stand in for a histogram of `expected` samples, or null when they can. */
function checkExactPairs(pairs: number[], expected: number): string | null {
  if (pairs.length % 2 !== 0) return "exact histogram has an odd number of values";
  let total = 0;
  for (let i = 0; i < pairs.length; i += 2) {
    const index = pairs[i]!;
    const count = pairs[i + 1]!;
    if (!Number.isInteger(index) || index < 0 || index >= BUCKET_COUNT || !isCount(count)) {
      return `exact histogram has a malformed pair [${formatBadValue(index)}, ${formatBadValue(count)}]`;
    }
    total += count;
  }
  return total === expected ? null : `exact histogram holds ${total} samples for ${expected} timed requests`;
}

/** `[second, requests, failures, …]` from `num_reqs_per_sec` and `num_fail_per_sec`. */
function readPerSecond(dict: Record<string, unknown>): number[] {
  const requests = readIntKeyedCounts(dict.num_reqs_per_sec, "num_reqs_per_sec", true);
  const failures = readIntKeyedCounts(dict.num_fail_per_sec, "num_fail_per_sec", true);
  const triples: number[] = [];
  for (let i = 0; i < requests.length; i += 2) triples.push(requests[i]!, requests[i + 1]!, 0);
  if (failures.length === 0) return triples;
  const at = new Map<number, number>();
  for (let i = 0; i < triples.length; i += 3) at.set(triples[i]!, i);
  for (let i = 0; i < failures.length; i += 2) {
    const slot = at.get(failures[i]!);
    if (slot !== undefined) triples[slot + 2]! += failures[i + 1]!;
    else triples.push(failures[i]!, 0, failures[i + 1]!);
  }
  return triples;
}

/**
 * An int-keyed dict (a `Map` from msgpack, string keys from JSON or a plain-object decoder) as flat
 * `[key, count, key, count, …]`: a master reads several per entry of every worker report.
 */
function readIntKeyedCounts(value: unknown, field: string, integerKeys: boolean): number[] {
  if (value === undefined || value === null) return [];
  const flat: number[] = [];
  const add = (rawCount: unknown, rawKey: unknown) => {
    const key = toNumber(typeof rawKey === "string" ? Number(rawKey) : rawKey);
    const count = toNumber(rawCount);
    const keyOk = integerKeys ? Number.isInteger(key) && key >= 0 : Number.isFinite(key);
    if (!keyOk || !isCount(count)) throw new Error(`${field} has a bad item ${formatBadValue(rawKey)}: ${formatBadValue(rawCount)}`);
    flat.push(key, count);
  };
  if (value instanceof Map) value.forEach(add);
  else for (const [key, count] of Object.entries(readRecord(value, field))) add(count, key);
  return flat;
}

/** Locust's rounded `[ms, count, …]` as histogram `[index, count, …]` pairs. */
function toBucketPairs(bucketed: number[]): number[] {
  const pairs: number[] = [];
  for (let i = 0; i < bucketed.length; i += 2) pairs.push(bucketIndex(bucketed[i]!), bucketed[i + 1]!);
  return pairs;
}

function readString(dict: Record<string, unknown>, field: string): string {
  const value = dict[field];
  if (typeof value !== "string") throw new Error(`${field} is not a string (got ${formatBadValue(value)})`);
  return value;
}

function readNumber(dict: Record<string, unknown>, field: string): number {
  const value = toNumber(dict[field]);
  if (!Number.isFinite(value)) throw new Error(`${field} is not a number (got ${formatBadValue(dict[field])})`);
  return value;
}

function readNullableNumber(dict: Record<string, unknown>, field: string): number | null {
  return dict[field] == null ? null : readNumber(dict, field);
}

function readCount(dict: Record<string, unknown>, field: string): number {
  const value = toNumber(dict[field]);
  if (!isCount(value)) throw new Error(`${field} is not a count (got ${formatBadValue(dict[field])})`);
  return value;
}

/** msgpack decoders may hand 64-bit integers over as BigInt. */
function toNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  return Number.NaN;
}

function isCount(value: number): boolean {
  return Number.isInteger(value) && value >= 0;
}

/** Short text of a bad value for a problem line. */
export function formatBadValue(value: unknown): string {
  let text: string;
  if (typeof value === "bigint") text = `${value}n`;
  else if (value instanceof Map) text = `a Map of ${value.size}`;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      // BigInt inside, or a cycle: the type is enough to say what went wrong.
      text = Object.prototype.toString.call(value);
    }
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/**
 * Exact histogram pairs as sent: packed little-endian uint32s (a msgpack bin), or a plain array of numbers;
 * undefined for anything else.
 */
export function readExactPairs(value: unknown): number[] | undefined {
  if (Array.isArray(value)) return value as number[];
  if (!(value instanceof Uint8Array) || value.byteLength % 4 !== 0) return undefined;
  const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
  const pairs = new Array<number>(value.byteLength / 4);
  for (let i = 0; i < pairs.length; i++) pairs[i] = view.getUint32(i * 4, true);
  return pairs;
}
