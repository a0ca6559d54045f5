/**
 * bench/distributed.ts, second table: one master fed by simulated workers over loopback. The master
 * (master-child.ts) runs pinned to one CPU and the workers (simulated-workers.ts, one process) to the other; the
 * master measures its own CPU and per-message handling time over a window.
 */
import { resolve } from "node:path";
import { printTable } from "./table.ts";

const ROOT = resolve(import.meta.dir, "../..");
const MASTER_CPU = 0;
const WORKERS_CPU = 1;
/** Descriptors each process needs besides one per worker connection. */
const SPARE_DESCRIPTORS = 256;

interface MasterFigures {
  workers: number;
  cpuPercent: number;
  reportsPerSecond: number;
  heartbeatsPerSecond: number;
  reportMicros: number;
  heartbeatMicros: number;
  cpuMicrosPerReport: number;
}

function shellLimit(flag: "-Sn" | "-Hn"): number {
  const text = Bun.spawnSync(["sh", "-c", `ulimit ${flag}`]).stdout.toString().trim();
  return text === "unlimited" ? Number.POSITIVE_INFINITY : Number(text);
}

/** The command pinned to `cpu`, with the open-file limit raised to `descriptors` when the soft limit is lower. */
function pinnedWithDescriptors(cpu: number, descriptors: number, command: string[]): string[] {
  const pinned = ["taskset", "-c", String(cpu), ...command];
  if (shellLimit("-Sn") >= descriptors) return pinned;
  return ["sh", "-c", `ulimit -n ${descriptors} && exec "$@"`, "sh", ...pinned];
}

/** Whether both processes can have `descriptors` open files; says so when the soft limit must be raised. */
function checkDescriptors(workers: number, descriptors: number): boolean {
  const [soft, hard] = [shellLimit("-Sn"), shellLimit("-Hn")];
  if (descriptors > hard) {
    console.error(`Skipping ${workers} workers: needs ${descriptors} open files, the hard limit (ulimit -Hn) is ${hard}. Raise it as root.`);
    return false;
  }
  if (descriptors > soft) console.error(`${workers} workers: raising the open-file limit from ${soft} to ${descriptors} for the master and the workers.`);
  return true;
}

async function runMaster(workers: number, windowSeconds: number): Promise<MasterFigures> {
  const descriptors = workers + SPARE_DESCRIPTORS;
  const master = Bun.spawn(pinnedWithDescriptors(MASTER_CPU, descriptors, ["bun", "bench/lib/master-child.ts", String(workers), String(windowSeconds)]), {
    cwd: ROOT,
    stdout: "pipe",
    stderr: "inherit",
  });
  const lines = readLines(master.stdout);
  const port = (await lines.next()).value;
  if (!port) throw new Error("the master child exited before printing its port");
  const simulated = Bun.spawn(pinnedWithDescriptors(WORKERS_CPU, descriptors, ["bun", "bench/lib/simulated-workers.ts", port, String(workers)]), {
    cwd: ROOT,
    stdout: "inherit",
    stderr: "inherit",
  });
  try {
    const result = (await lines.next()).value;
    if (!result) throw new Error(`the master child exited (code ${await master.exited}) before measuring ${workers} workers`);
    return JSON.parse(result) as MasterFigures;
  } finally {
    simulated.kill();
    master.kill();
    await Promise.all([simulated.exited, master.exited]);
  }
}

async function* readLines(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffered = "";
  for await (const chunk of stream) {
    buffered += decoder.decode(chunk, { stream: true });
    for (let end = buffered.indexOf("\n"); end >= 0; end = buffered.indexOf("\n")) {
      yield buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
    }
  }
}

/** Runs the master against each worker count in turn and prints one row per count. */
export async function benchMasterScale(workerCounts: number[], windowSeconds: number): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const workers of workerCounts) {
    if (!checkDescriptors(workers, workers + SPARE_DESCRIPTORS)) continue;
    const figures = await runMaster(workers, windowSeconds);
    rows.push([
      figures.workers,
      figures.reportsPerSecond.toFixed(1),
      figures.heartbeatsPerSecond.toFixed(0),
      `${figures.cpuPercent.toFixed(1)} %`,
      figures.reportMicros.toFixed(0),
      figures.heartbeatMicros.toFixed(1),
      figures.cpuMicrosPerReport.toFixed(0),
    ]);
  }
  console.log(
    `\nMaster at scale: simulated workers over loopback (heartbeat every 1 s, 20-entry report every 3 s, staggered); master on CPU ${MASTER_CPU}, ` +
      `workers on CPU ${WORKERS_CPU}; ${windowSeconds} s window, Bun ${Bun.version}`,
  );
  printTable([
    ["workers", "reports/s", "heartbeats/s", "master CPU (one core)", "µs per report", "µs per heartbeat", "all master CPU per report, µs"],
    ...rows,
  ]);
  console.log(
    "Target: 2,000 workers at ≤ 25 % of one core. µs per report and per heartbeat: CPU time of decoding and handling one " +
      "(heartbeats include the reply). The last column is all the master's CPU (sockets, timers, heartbeats, GC) divided by the reports.",
  );
}
