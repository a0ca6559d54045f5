/**
 * HTTP generators side by side on the same target and core: wrk, autocannon, Locust (when installed) and
 * locust-bun's FastHttpUser and HttpUser, 50 and 200 connections/users, no wait time. The target runs pinned to
 * CPU 1, every generator pinned to CPU 0, one after another in the same run.
 * Run: bun run bench:http [seconds per run, default 10]
 */
import { isInstalled, type GeneratorResult } from "./lib/measure.ts";
import { runAutocannon, runLocust, runLocustBun, runWrk } from "./lib/generators.ts";
import { printTable } from "./lib/table.ts";

const SECONDS = Number(process.argv[2] ?? 10);
const CONNECTIONS = [50, 200];

const target = Bun.spawn(["taskset", "-c", "1", "bun", "bench/lib/target.ts"], { cwd: `${import.meta.dir}/..`, stdout: "pipe" });
const reader = target.stdout.getReader();
const port = Number(new TextDecoder().decode((await reader.read()).value).trim());
const url = `http://127.0.0.1:${port}/`;

const results: GeneratorResult[] = [];
try {
  for (const connections of CONNECTIONS) {
    if (isInstalled("wrk")) results.push(await runWrk(url, connections, SECONDS));
    results.push(await runAutocannon(url, connections, SECONDS));
    if (isInstalled("locust")) results.push(await runLocust(url, connections, SECONDS));
    results.push(await runLocustBun("FastUser", url, connections, SECONDS));
    results.push(await runLocustBun("FetchUser", url, connections, SECONDS));
  }
} finally {
  target.kill();
}

const wrkAt = (connections: number) => results.find((r) => r.generator === "wrk" && r.connections === connections);
const ratio = (value: number, base: number | undefined) => (base ? (value / base).toFixed(2) : "-");
console.log(`HTTP generators, Bun.serve target on CPU 1, generators on CPU 0, ${SECONDS} s each, Bun ${Bun.version}`);
printTable([
  ["generator", "conns", "req/s", "CPU µs/req", "p50 ms", "p99 ms", "req/s vs wrk", "CPU vs wrk"],
  ...results.map((r) => [
    r.generator,
    r.connections,
    Math.round(r.rps),
    r.cpuMicrosPerRequest.toFixed(2),
    r.p50.toFixed(2),
    r.p99.toFixed(2),
    ratio(r.rps, wrkAt(r.connections)?.rps),
    ratio(r.cpuMicrosPerRequest, wrkAt(r.connections)?.cpuMicrosPerRequest),
  ]),
]);
