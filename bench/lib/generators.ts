/** How each load generator is run and its output read, for bench/http.ts. */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runTimed, type GeneratorResult } from "./measure.ts";

const ROOT = resolve(import.meta.dir, "../..");
const GENERATOR_CPU = 0;
/** Far above any user count here: Locust-style runners then start every user at once, as wrk opens every connection. */
const SPAWN_AT_ONCE = "100000";

function parseWrkLatency(text: string, label: string): number {
  const match = new RegExp(`^\\s*${label}\\s+([\\d.]+)(us|ms|s)`, "m").exec(text);
  if (!match) return Number.NaN;
  const value = Number(match[1]);
  return match[2] === "us" ? value / 1000 : match[2] === "s" ? value * 1000 : value;
}

export async function runWrk(url: string, connections: number, seconds: number): Promise<GeneratorResult> {
  const run = await runTimed(GENERATOR_CPU, ["wrk", "-t1", `-c${connections}`, `-d${seconds}s`, "--latency", url]);
  const total = Number(/(\d+) requests in/.exec(run.stdout)?.[1]);
  return {
    generator: "wrk",
    connections,
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(run.stdout)?.[1]),
    cpuMicrosPerRequest: (run.cpuSeconds * 1e6) / total,
    p50: parseWrkLatency(run.stdout, "50%"),
    p99: parseWrkLatency(run.stdout, "99%"),
  };
}

export async function runAutocannon(url: string, connections: number, seconds: number): Promise<GeneratorResult> {
  const bin = join(ROOT, "node_modules/.bin/autocannon");
  const run = await runTimed(GENERATOR_CPU, [bin, "-c", String(connections), "-d", String(seconds), "-j", url]);
  const json = JSON.parse(run.stdout) as { requests: { total: number; average: number }; latency: { p50: number; p99: number } };
  return {
    generator: "autocannon",
    connections,
    rps: json.requests.average,
    cpuMicrosPerRequest: (run.cpuSeconds * 1e6) / json.requests.total,
    p50: json.latency.p50,
    p99: json.latency.p99,
  };
}

function readStatsCsv(prefix: string): { requests: number; rps: number; p50: number; p99: number } {
  const rows = readFileSync(`${prefix}_stats.csv`, "utf8").trim().split("\r\n").map((l) => l.split(","));
  const header = rows[0]!;
  const total = rows.at(-1)!;
  const cell = (name: string) => Number(total[header.indexOf(name)]);
  return { requests: cell("Request Count"), rps: cell("Requests/s"), p50: cell("50%"), p99: cell("99%") };
}

async function runLocustLike(name: string, command: string[], connections: number, prefix: string): Promise<GeneratorResult> {
  const run = await runTimed(GENERATOR_CPU, command, ROOT);
  const stats = readStatsCsv(prefix);
  if (!(stats.requests > 0)) throw new Error(`${name} made no requests:\n${run.stderr.slice(-2000)}`);
  return { generator: name, connections, rps: stats.rps, cpuMicrosPerRequest: (run.cpuSeconds * 1e6) / stats.requests, p50: stats.p50, p99: stats.p99 };
}

export async function runLocustBun(userClass: "FastUser" | "FetchUser", url: string, connections: number, seconds: number): Promise<GeneratorResult> {
  const prefix = join(mkdtempSync(join(tmpdir(), "bench-")), "run");
  const args = ["-f", "bench/lib/http-users.ts", userClass, "--headless", "-H", url, "-u", String(connections), "-r", SPAWN_AT_ONCE];
  const command = ["bun", "src/cli.ts", ...args, "-t", `${seconds}s`, "--only-summary", "--csv", prefix, "-L", "WARNING"];
  const label = userClass === "FastUser" ? "locust-bun FastHttpUser" : "locust-bun HttpUser";
  return runLocustLike(label, command, connections, prefix);
}

/** Plain fetch loops with no locust-bun code: what HttpUser could reach at best on this Bun. */
export async function runFetchLoop(url: string, connections: number, seconds: number): Promise<GeneratorResult> {
  const run = await runTimed(GENERATOR_CPU, ["bun", "bench/lib/fetch-loop.ts", url, String(connections), String(seconds)], ROOT);
  const json = JSON.parse(run.stdout) as { requests: number; rps: number; p50: number; p99: number };
  return { generator: "Bun fetch loop (no locust-bun)", connections, rps: json.rps, cpuMicrosPerRequest: (run.cpuSeconds * 1e6) / json.requests, p50: json.p50, p99: json.p99 };
}

export async function runLocust(url: string, connections: number, seconds: number): Promise<GeneratorResult> {
  const prefix = join(mkdtempSync(join(tmpdir(), "bench-")), "run");
  const args = ["-f", "bench/lib/locustfile.py", "--headless", "-H", url, "-u", String(connections), "-r", SPAWN_AT_ONCE];
  const command = ["locust", ...args, "-t", `${seconds}s`, "--only-summary", "--csv", prefix, "-L", "WARNING"];
  return runLocustLike("Locust FastHttpUser", command, connections, prefix);
}
