/**
 * Locust's master/worker protocol constants, the version string workers announce, and the timings a test or a
 * deployment may shorten through the environment.
 * @module
 * @see https://docs.locust.io/en/stable/running-distributed.html
 */
import { hostname } from "node:os";

/**
 * The Locust version whose message catalogue this implementation follows. A worker sends it in `client_ready`;
 * a Python master compares its first four characters with its own and only logs when they differ.
 */
export const LOCUST_PROTOCOL_VERSION = "2.46.3";

/** Timings of the protocol, in milliseconds (Locust's constants unless an environment variable says otherwise). */
export interface DistributedTimings {
  /** Worker → master heartbeat period (HEARTBEAT_INTERVAL). */
  heartbeatIntervalMs: number;
  /** Heartbeat credit of a worker; one is lost per master tick, so silence of about this many seconds is "missing". */
  heartbeatLiveness: number;
  /** Credit at which a missing worker is dropped (HEARTBEAT_DEAD_INTERNAL). */
  heartbeatDeadCredit: number;
  /** Worker stats report period (WORKER_REPORT_INTERVAL). */
  reportIntervalMs: number;
  /** Worker log shipping period (WORKER_LOG_REPORT_INTERVAL); negative disables it. */
  logReportIntervalMs: number;
  /** How long a worker waits for `ack` before sending `client_ready` again (CONNECT_TIMEOUT). */
  connectTimeoutMs: number;
  /** How many `client_ready` attempts before a worker gives up (CONNECT_RETRY_COUNT). */
  connectRetryCount: number;
  /** A worker quits when the master has been silent this long, once it has heard one heartbeat. */
  masterHeartbeatTimeoutMs: number;
  /** After a ramp, how long the master waits for the workers' reported counts to reach the target. */
  waitForReportsAfterRampUpMs: number;
}

export const DEFAULT_TIMINGS: DistributedTimings = {
  heartbeatIntervalMs: 1000,
  heartbeatLiveness: 3,
  heartbeatDeadCredit: -60,
  reportIntervalMs: 3000,
  logReportIntervalMs: 10_000,
  connectTimeoutMs: 5000,
  connectRetryCount: 60,
  masterHeartbeatTimeoutMs: 60_000,
  waitForReportsAfterRampUpMs: 1000,
};

/**
 * The default timings with overrides from the environment: Locust's
 * `LOCUST_WAIT_FOR_WORKERS_REPORT_AFTER_RAMP_UP` (seconds, or `k * WORKER_REPORT_INTERVAL`), and locust-bun's
 * `LOCUST_CONNECT_TIMEOUT`, `LOCUST_CONNECT_RETRY_COUNT` and `LOCUST_MASTER_HEARTBEAT_TIMEOUT` (seconds), which
 * Locust hard-codes. Values that are not finite non-negative numbers are ignored.
 */
export function timingsFromEnv(env: Record<string, string | undefined> = process.env): DistributedTimings {
  const timings = { ...DEFAULT_TIMINGS };
  const read = (name: string) => {
    const text = env[name]?.trim();
    const value = Number(text);
    return text && Number.isFinite(value) && value >= 0 ? value : undefined;
  };
  const ms = (seconds: number | undefined) => (seconds === undefined ? undefined : seconds * 1000);
  timings.connectTimeoutMs = ms(read("LOCUST_CONNECT_TIMEOUT")) ?? timings.connectTimeoutMs;
  timings.connectRetryCount = Math.floor(read("LOCUST_CONNECT_RETRY_COUNT") ?? timings.connectRetryCount);
  timings.masterHeartbeatTimeoutMs = ms(read("LOCUST_MASTER_HEARTBEAT_TIMEOUT")) ?? timings.masterHeartbeatTimeoutMs;
  const afterRampUp = "LOCUST_WAIT_FOR_WORKERS_REPORT_AFTER_RAMP_UP";
  const multiple = env[afterRampUp]?.trim().match(/^(\d+(?:\.\d+)?)\s*\*\s*WORKER_REPORT_INTERVAL$/);
  timings.waitForReportsAfterRampUpMs = multiple
    ? Number(multiple[1]) * timings.reportIntervalMs
    : (ms(read(afterRampUp)) ?? timings.waitForReportsAfterRampUpMs);
  return timings;
}

/** A worker id as Locust makes it: `<hostname>_<32 hex digits>`; the master orders and groups workers by the host part. */
export function createNodeId(): string {
  return `${hostname()}_${crypto.randomUUID().replaceAll("-", "")}`;
}

/** A worker's state as its heartbeats report it, plus `missing` on the master's side. */
export type WorkerState = "ready" | "spawning" | "running" | "missing";

/** The worker states a heartbeat may carry (anything else is read as `running`, which Locust's master would copy). */
export function parseWorkerState(value: unknown): WorkerState {
  return value === "ready" || value === "spawning" || value === "running" ? value : "running";
}
