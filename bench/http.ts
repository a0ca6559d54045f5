/**
 * HTTP generators side by side on the same target and core: wrk, autocannon, Locust (when installed), locust-bun's
 * FastHttpUser and HttpUser, and a plain Bun fetch loop (HttpUser's ceiling) — 50 and 200 connections/users, no
 * wait time. The target (Bun.serve, and nginx when installed) runs pinned to CPU 1, every generator pinned to CPU 0,
 * one after another. Each round runs every generator once; the table shows medians over the rounds, and the ratios
 * are medians of each round's ratio to that round's wrk, so a noisy neighbour moves both sides of a ratio together.
 * Run: bun run bench:http [seconds per run, default 10] [rounds, default 3] [targets: bun,nginx]
 */
import { isInstalled, type GeneratorResult } from "./lib/measure.ts";
import { runAutocannon, runFetchLoop, runLocust, runLocustBun, runWrk } from "./lib/generators.ts";
import { median, printTable } from "./lib/table.ts";
import { startBunTarget, startNginxTarget, type Target } from "./lib/target.ts";

const SECONDS = Number(process.argv[2] ?? 10);
const ROUNDS = Number(process.argv[3] ?? 3);
const CONNECTIONS = [50, 200];
const TARGETS = (process.argv[4] ?? "bun,nginx").split(",");
const TARGET_CPU = 1;

type Generator = (url: string, connections: number, seconds: number) => Promise<GeneratorResult>;

const generators: Generator[] = [
  ...(isInstalled("wrk") ? [runWrk] : []),
  runAutocannon,
  ...(isInstalled("locust") ? [runLocust] : []),
  (url, c, s) => runLocustBun("FastUser", url, c, s),
  (url, c, s) => runLocustBun("FetchUser", url, c, s),
  runFetchLoop,
];

async function benchTarget(target: Target): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const connections of CONNECTIONS) {
    const rounds: GeneratorResult[][] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const results: GeneratorResult[] = [];
      for (const run of generators) results.push(await run(target.url, connections, SECONDS));
      rounds.push(results);
    }
    for (let g = 0; g < generators.length; g++) {
      const runs = rounds.map((results) => results[g]!);
      const wrk = rounds.map((results) => results.find((r) => r.generator === "wrk"));
      const ratio = (pick: (r: GeneratorResult) => number) =>
        wrk[0] ? median(runs.map((r, i) => pick(r) / pick(wrk[i]!))).toFixed(2) : "-";
      rows.push([
        runs[0]!.generator,
        connections,
        Math.round(median(runs.map((r) => r.rps))),
        median(runs.map((r) => r.cpuMicrosPerRequest)).toFixed(2),
        median(runs.map((r) => r.p50)).toFixed(2),
        median(runs.map((r) => r.p99)).toFixed(2),
        ratio((r) => r.rps),
        ratio((r) => r.cpuMicrosPerRequest),
      ]);
    }
  }
  console.log(`\n${target.name} target on CPU ${TARGET_CPU}, generators on CPU 0, ${SECONDS} s each, median of ${ROUNDS} rounds, Bun ${Bun.version}`);
  printTable([["generator", "conns", "req/s", "CPU µs/req", "p50 ms", "p99 ms", "req/s vs wrk", "CPU vs wrk"], ...rows]);
}

const starters = [
  ...(TARGETS.includes("bun") ? [startBunTarget] : []),
  ...(TARGETS.includes("nginx") && isInstalled("nginx") ? [startNginxTarget] : []),
];
for (const start of starters) {
  const target = await start(TARGET_CPU);
  try {
    await benchTarget(target);
  } finally {
    target.stop();
  }
}
