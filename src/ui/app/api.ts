/**
 * Talking to the server: the JSON routes (relative to the page, so `--web-base-path` works) and the stats socket.
 * @module
 */
import type { StatsFrame } from "../stats-frame.ts";

/** The base path the page was served under ("" or "/prefix"). */
export const basePath = location.pathname.replace(/\/[^/]*$/, "");

/** `/swarm` and `/stop` answers. */
export interface SwarmAnswer {
  success: boolean;
  message: string;
}

/** One row of `/exceptions`. */
export interface ExceptionInfo {
  count: number;
  msg: string;
  traceback: string;
  nodes: string;
}

/** `/tasks`: Locust's task ratios (`{ratio, tasks?}` trees) per class and in total. */
export interface TaskRatioTree {
  [name: string]: { ratio: number; tasks?: TaskRatioTree };
}

/** `/stats/percentiles`: the spectrum's percentiles and, per entry, the response times at them. */
export interface PercentilesAnswer {
  percentiles: number[];
  stats: Array<{
    method: string;
    name: string;
    num_requests: number;
    response_times: Array<number | null>;
    "current_response_time_percentile_0.95": number | null;
  }>;
}

/** What the page says when a request cannot reach the server at all. */
const SERVER_GONE = "The locust-bun server cannot be reached: is it still running? The page reconnects by itself once it is back.";

/** `fetch`, with a network failure (server gone) turned into {@link SERVER_GONE}. */
async function request(path: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(`${basePath}${path}`, init);
  } catch {
    throw new Error(SERVER_GONE);
  }
}

async function getJson<T>(path: string): Promise<T> {
  const response = await request(path, { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** POSTs the form fields to `/swarm` (form-encoded, as Locust's page does); a failure becomes the answer's message. */
export async function postSwarm(fields: URLSearchParams): Promise<SwarmAnswer> {
  try {
    const response = await request("/swarm", { method: "POST", body: fields });
    if (!response.ok) return { success: false, message: `HTTP ${response.status}: ${await response.text()}` };
    return (await response.json()) as SwarmAnswer;
  } catch (err) {
    return { success: false, message: (err as Error).message };
  }
}

/** POSTs a state-changing route (Locust's page uses GET; POST keeps it out of prefetching and link previews). */
async function post(path: string): Promise<Response> {
  const response = await request(path, { method: "POST" });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response;
}

export const stopTest = async () => (await (await post("/stop")).json()) as SwarmAnswer;

export async function resetStats(): Promise<void> {
  await post("/stats/reset");
}

export const fetchExceptions = () => getJson<{ exceptions: ExceptionInfo[] }>("/exceptions");
export const fetchLogs = () => getJson<{ master: string[]; workers: Record<string, string[]> }>("/logs");
export const fetchTasks = () => getJson<{ per_class: TaskRatioTree; total: TaskRatioTree }>("/tasks");

export function fetchPercentiles(names: readonly string[]): Promise<PercentilesAnswer> {
  const query = new URLSearchParams(names.map((name) => ["names", name]));
  return getJson<PercentilesAnswer>(`/stats/percentiles?${query}`);
}

/**
 * Keeps a WebSocket to `/ws` open (reconnecting with back-off) and hands every frame to `onFrame`. The first
 * frame after each (re)connect carries the chart history.
 */
export function connectStats(onFrame: (frame: StatsFrame) => void, onStatus: (connected: boolean) => void): void {
  let delay = 500;
  const open = () => {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const socket = new WebSocket(`${scheme}://${location.host}${basePath}/ws`);
    socket.onopen = () => {
      delay = 500;
      onStatus(true);
    };
    socket.onmessage = (event) => onFrame(JSON.parse(String(event.data)) as StatsFrame);
    socket.onclose = () => {
      onStatus(false);
      setTimeout(open, delay);
      delay = Math.min(delay * 2, 5000);
    };
  };
  open();
}
