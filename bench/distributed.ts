/**
 * Distributed mode: (1) generator CPU per request of `--processes 2` against one process, on the same target in
 * the same run; (2) one master fed by 100, 500 and 2,000 simulated workers over loopback: its CPU share and the
 * handling time per worker report. Details in bench/lib/processes-bench.ts and bench/lib/master-scale.ts.
 * Run: bun run bench:distributed [seconds per run, default 5] [rounds, default 5] [worker counts, default
 * 100,500,2000] [master window seconds, default 15] [which: processes,master]
 */
import { benchMasterScale } from "./lib/master-scale.ts";
import { benchProcesses } from "./lib/processes-bench.ts";

const SECONDS = Number(process.argv[2] ?? 5);
const ROUNDS = Number(process.argv[3] ?? 5);
const WORKER_COUNTS = (process.argv[4] ?? "100,500,2000").split(",").map(Number);
const WINDOW_SECONDS = Number(process.argv[5] ?? 15);
const WHICH = (process.argv[6] ?? "processes,master").split(",");
const PROCESSES = 2;
const USERS = 50;

if (WHICH.includes("processes")) await benchProcesses(PROCESSES, USERS, SECONDS, ROUNDS);
if (WHICH.includes("master")) await benchMasterScale(WORKER_COUNTS, WINDOW_SECONDS);
