/**
 * The open model: (1) the iteration rate achieved against the rate asked, at 1k, 10k and 50k iterations/s, by the
 * real CLI (FastHttpUser, one GET per iteration, 100 pre-allocated users, at most 1000) pinned to CPU 0 against a
 * Bun.serve target on CPU 1 — the median of `rounds` runs, since a shared machine moves single runs a lot; (2) the
 * engine's CPU per iteration in arrival-rate mode next to the closed model (in-process, no network).
 * Run: bun bench/arrival-rate.ts [seconds] [rounds]
 */
import { Environment, User, task } from "../src/index.ts";
import { runTimed } from "./lib/measure.ts";
import { printTable } from "./lib/table.ts";
import { startBunTarget } from "./lib/target.ts";

const SECONDS = Number(process.argv[2] ?? 5);
const ROUNDS = Number(process.argv[3] ?? 3);
const RATES = [1_000, 10_000, 50_000];
const ROOT = `${import.meta.dir}/..`;

interface JsonEntry {
  num_requests: number;
  num_failures: number;
  start_time: number;
  last_request_timestamp: number;
  dropped_iterations?: number;
  corrected_response_time_percentiles?: Record<string, number>;
  response_times: Record<string, number>;
}

/** One CLI run at `rate`; requests per second over the run time asked (a late start counts against it). */
async function runRate(url: string, rate: number): Promise<number[]> {
  const args = ["-f", "bench/lib/http-users.ts", "FastUser", "--headless", "-H", url, "--arrival-rate", String(rate)];
  const command = ["bun", "src/cli.ts", ...args, "--max-users", "1000", "--pre-allocated-users", "100", "-t", `${SECONDS}s`, "--json", "--only-summary", "-L", "ERROR"];
  const run = await runTimed(0, command, ROOT);
  const [entry] = JSON.parse(run.stdout) as JsonEntry[];
  if (!entry) throw new Error(`no requests at ${rate}/s:\n${run.stderr.slice(-2000)}`);
  const achieved = entry.num_requests / SECONDS;
  const cpuMicros = (run.cpuSeconds * 1e6) / entry.num_requests;
  return [achieved, entry.dropped_iterations ?? 0, entry.num_failures, cpuMicros, entry.corrected_response_time_percentiles?.["0.99"] ?? Number.NaN];
}

/** The median run (by achieved rate) of `ROUNDS` at `rate`, as a table row. */
async function medianRow(url: string, rate: number): Promise<(string | number)[]> {
  const runs: number[][] = [];
  for (let round = 0; round < ROUNDS; round++) runs.push(await runRate(url, rate));
  runs.sort((a, b) => a[0]! - b[0]!);
  const [achieved, dropped, failures, cpuMicros, p99] = runs[Math.floor(runs.length / 2)]!;
  const spread = `${Math.round(runs[0]![0]!)}–${Math.round(runs.at(-1)![0]!)}`;
  return [rate, Math.round(achieved!), `${((achieved! / rate) * 100).toFixed(1)}%`, spread, dropped!, failures!, cpuMicros!.toFixed(1), p99!];
}

let iterations = 0;

class RecordingTask extends User {
  @task record() {
    iterations++;
    this.environment.events.request.fire({ requestType: "GET", name: "/bench", responseTime: 1.5, responseLength: 120, exception: null, context: this.context() });
  }
}

/** CPU ns per iteration of RecordingTask: closed model (100 users, no wait) or arrival rate `rate`/s. */
async function engineCost(rate: number | null): Promise<{ perIteration: number; rate: number }> {
  const env = new Environment({ userClasses: [RecordingTask as never] });
  env.attachStats();
  const runner = env.createLocalRunner();
  if (rate === null) await runner.start(100, 100);
  else await runner.startArrivalRate({ rate, maxUsers: 1000, preAllocatedUsers: 100 });
  await Bun.sleep(200);
  iterations = 0;
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  await Bun.sleep(SECONDS * 1000);
  const cpu = process.cpuUsage(cpuStart);
  const done = iterations;
  const wall = performance.now() - wallStart;
  await runner.quit();
  return { perIteration: ((cpu.user + cpu.system) * 1000) / done, rate: done / (wall / 1000) };
}

const target = await startBunTarget(1);
const rows: (string | number)[][] = [
  ["asked it/s", "achieved it/s", "achieved/asked", "range", "dropped", "failures", "CPU µs/iteration", "corrected p99 ms"],
];
try {
  for (const rate of RATES) rows.push(await medianRow(target.url, rate));
} finally {
  target.stop();
}
console.log(`arrival rate, FastHttpUser GET against Bun.serve (CPU 1), generator on CPU 0, median of ${ROUNDS} × ${SECONDS} s, Bun ${Bun.version}`);
printTable(rows);

const closed = await engineCost(null);
const engineRows: (string | number)[][] = [["mode", "iterations/s", "CPU ns/iteration"], ["closed model: 100 users, no wait", Math.round(closed.rate), Math.round(closed.perIteration)]];
for (const rate of [50_000, 200_000]) {
  const open = await engineCost(rate);
  engineRows.push([`arrival rate ${rate}/s`, Math.round(open.rate), Math.round(open.perIteration)]);
}
console.log("\nengine CPU per iteration (task firing one request event with the user's context, no network), in-process");
printTable(engineRows);
