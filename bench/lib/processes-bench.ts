/**
 * bench/distributed.ts, first table: generator CPU per request of `--processes N` against one process, on the
 * same target in the same run, with the users split over as many plain processes as a control. Each round runs
 * every case once, one after another; CPU is the whole generator process tree's (master and workers) over a window
 * after start-up, divided by the requests the target counted in it.
 */
import { resolve } from "node:path";
import { spawnTimed } from "./measure.ts";
import { treeCpuSeconds } from "./process-tree-cpu.ts";
import { median, printTable } from "./table.ts";
import { startBunTarget, type Target } from "./target.ts";

const ROOT = resolve(import.meta.dir, "../..");
const TARGET_CPU = 1;
const GENERATOR_CPU = 0;
/** Time for the workers to start, connect and spawn their users before the window opens. */
const WARMUP_SECONDS = 3;

interface Sample {
  rps: number;
  /** Generator CPU per request in the window (steady state). */
  steadyMicros: number;
  /** Generator CPU per request over the whole run, start-up and shutdown included. */
  wholeRunMicros: number;
}

/** The locust-bun command line of one generator. */
function generatorCommand(target: Target, users: number, runSeconds: number, processes?: number): string[] {
  const args = ["-f", "bench/lib/http-users.ts", "FastUser", "--headless", "-H", target.url, "-u", String(users), "-r", "100000"];
  const command = ["bun", "src/cli.ts", ...args, "-t", `${runSeconds}s`, "--only-summary", "-L", "ERROR"];
  return processes === undefined ? command : [...command, "--processes", String(processes)];
}

/** Runs the commands side by side on the generator CPU and measures their process trees together. */
async function runGenerators(target: Target, commands: string[][], seconds: number): Promise<Sample> {
  const counted = () => target.requests!();
  const before = await counted();
  const runs = commands.map((command) => spawnTimed(GENERATOR_CPU, command, ROOT));
  const cpu = () => runs.reduce((sum, run) => sum + treeCpuSeconds(run.pid), 0);
  await Bun.sleep(WARMUP_SECONDS * 1000);
  const [cpu0, requests0, wall0] = [cpu(), await counted(), performance.now()];
  await Bun.sleep(seconds * 1000);
  const [cpu1, requests1, wall1] = [cpu(), await counted(), performance.now()];
  const results = await Promise.all(runs.map((run) => run.done));
  const requests = requests1 - requests0;
  if (!(requests > 0)) throw new Error(`the generator made no requests in the window:\n${results[0]!.stderr.slice(-2000)}`);
  return {
    rps: requests / ((wall1 - wall0) / 1000),
    steadyMicros: ((cpu1 - cpu0) * 1e6) / requests,
    wholeRunMicros: (results.reduce((sum, r) => sum + r.cpuSeconds, 0) * 1e6) / ((await counted()) - before),
  };
}

/** Runs `rounds` interleaved rounds of the three cases and prints the medians and the ratios to one process. */
export async function benchProcesses(processes: number, users: number, seconds: number, rounds: number): Promise<void> {
  const target = await startBunTarget(TARGET_CPU);
  const runSeconds = seconds + WARMUP_SECONDS + 1;
  const cases = [
    { label: "1 process", commands: [generatorCommand(target, users, runSeconds)] },
    { label: `--processes ${processes}`, commands: [generatorCommand(target, users, runSeconds, processes)] },
    {
      label: `${processes} separate processes, no master`,
      commands: Array.from({ length: processes }, (_, i) => generatorCommand(target, shareOf(users, processes, i), runSeconds)),
    },
  ];
  const samples: Sample[][] = cases.map(() => []);
  try {
    for (let round = 0; round < rounds; round++) {
      for (const [i, { commands }] of cases.entries()) samples[i]!.push(await runGenerators(target, commands, seconds));
    }
  } finally {
    target.stop();
  }
  const single = samples[0]!;
  const ratio = (runs: Sample[], pick: (s: Sample) => number) => median(runs.map((s, i) => pick(s) / pick(single[i]!))).toFixed(2);
  const rows = cases.map(({ label }, i) => {
    const runs = samples[i]!;
    return [
      label,
      Math.round(median(runs.map((s) => s.rps))),
      median(runs.map((s) => s.steadyMicros)).toFixed(2),
      ratio(runs, (s) => s.steadyMicros),
      median(runs.map((s) => s.wholeRunMicros)).toFixed(2),
      ratio(runs, (s) => s.wholeRunMicros),
    ];
  });
  console.log(
    `\nGenerator CPU per request: FastHttpUser, ${users} users, no wait; Bun.serve target on CPU ${TARGET_CPU}, generator ` +
      `(master + workers) on CPU ${GENERATOR_CPU}; ${seconds} s window after ${WARMUP_SECONDS} s start-up, median of ${rounds} rounds, Bun ${Bun.version}`,
  );
  printTable([
    ["generator", "req/s", "CPU µs/req", "vs 1 process", "whole run µs/req", "vs 1 process"],
    ...rows,
  ]);
  console.log(
    "Target: --processes within 1.1× of one process (steady state). The last row splits the users over as many plain " +
      "processes: the cost of sharing the core, without the master. The whole-run column adds each process's start-up.",
  );
}

/** Users of process `i` when `users` are split over `count` processes (the first ones take the remainder). */
function shareOf(users: number, count: number, i: number): number {
  return Math.floor(users / count) + (i < users % count ? 1 : 0);
}
