/**
 * `locust-bun build`: size and start-up time of a built executable, for an HTTP-only locustfile and for one using
 * a heavy protocol library (the MongoDB driver), next to the same locustfile run from source with `bun`.
 * Start-up is the median of several runs: `--list` (process start + importing the locustfile), and the time from
 * spawning a headless run to the first request arriving at a local target (the protocol library loaded and
 * connected). Run: `bun bench/build-size.ts [runs]`.
 * @module
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startMongoWireServer } from "../test/support/mongo-wire-server.ts";
import { printTable } from "./lib/table.ts";

const RUNS = Number(process.argv[2] ?? 5);
const CLI = resolve(import.meta.dir, "../src/cli.ts");

const HTTP_LOCUSTFILE = `import { FastHttpUser, task, constant } from "locust-bun";
export class Web extends FastHttpUser { waitTime = constant(1); @task home() { return this.client.get("/"); } }
`;
const MONGO_LOCUSTFILE = `import { task, constant } from "locust-bun";
import { MongoDBUser } from "locust-bun/mongodb";
export class Reader extends MongoDBUser {
  static override dbName = "shop";
  waitTime = constant(1);
  @task async browse() { await this.client.find("products", {}); }
}
`;

/** A local target and how to tell that it has seen the first request. */
interface Target extends AsyncDisposable {
  host: string;
  firstRequestAt(): number | undefined;
  reset(): void;
}

function startHttpTarget(): Target {
  let first: number | undefined;
  const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => ((first ??= performance.now()), new Response("ok")) });
  return { host: server.url.href.replace(/\/$/, ""), firstRequestAt: () => first, reset: () => (first = undefined), [Symbol.asyncDispose]: () => server.stop(true) };
}

async function startMongoTarget(): Promise<Target> {
  const server = await startMongoWireServer();
  let first: number | undefined;
  let seen = 0;
  // The wire server records commands but not their arrival time: poll for the first `find` every millisecond.
  const poll = setInterval(() => {
    if (first === undefined && server.commands.slice(seen).some((command) => command.command === "find")) first = performance.now();
    seen = server.commands.length;
  }, 1);
  return {
    host: `${server.uri}/shop`,
    firstRequestAt: () => first,
    reset: () => ((first = undefined), (seen = server.commands.length)),
    [Symbol.asyncDispose]: async () => (clearInterval(poll), await server.stop()),
  };
}

const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Median wall time of `command` until it exits. */
async function timeToExit(command: string[], cwd: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const child = Bun.spawn(command, { cwd, stdout: "ignore", stderr: "ignore" });
    if ((await child.exited) !== 0) throw new Error(`${command.join(" ")} failed`);
    times.push(performance.now() - started);
  }
  return median(times);
}

/** Median time from spawning a headless run to the first request at `target`. */
async function timeToFirstRequest(command: string[], cwd: string, target: Target): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    target.reset();
    const started = performance.now();
    const child = Bun.spawn([...command, "--headless", "-H", target.host, "-u", "1", "-r", "1", "-t", "10s"], { cwd, stdout: "ignore", stderr: "ignore" });
    while (target.firstRequestAt() === undefined && child.exitCode === null) await Bun.sleep(1);
    const first = target.firstRequestAt();
    child.kill("SIGKILL");
    await child.exited;
    if (first === undefined) throw new Error(`${command.join(" ")} exited before its first request`);
    times.push(first - started);
  }
  return median(times);
}

async function measure(label: string, file: string, source: string, target: Target, dir: string): Promise<(string | number)[][]> {
  writeFileSync(join(dir, file), source);
  const started = performance.now();
  const build = Bun.spawnSync(["bun", CLI, "build", "-f", file, "-o", `${file}.bin`], { cwd: dir, stderr: "pipe" });
  if (build.exitCode !== 0) throw new Error(`build of ${file} failed: ${build.stderr.toString()}`);
  const buildSeconds = ((performance.now() - started) / 1000).toFixed(1);
  const executable = join(dir, `${file}.bin`);
  const size = (statSync(executable).size / 1024 / 1024).toFixed(1);
  const fromSource = ["bun", CLI, "-f", file];
  const row = async (how: string, command: string[], sizeCell: string, buildCell: string) => [
    `${label}, ${how}`,
    sizeCell,
    buildCell,
    (await timeToExit([...command, "--list"], dir)).toFixed(0),
    (await timeToFirstRequest(command, dir, target)).toFixed(0),
  ];
  return [await row("built executable", [executable], size, buildSeconds), await row("bun from source", fromSource, "–", "–")];
}

const dir = mkdtempSync(join(tmpdir(), "locust-bun-bench-build-"));
try {
  await using http = startHttpTarget();
  await using mongo = await startMongoTarget();
  const rows = [
    ...(await measure("HTTP (FastHttpUser)", "http.ts", HTTP_LOCUSTFILE, http, dir)),
    ...(await measure("MongoDB driver", "mongo.ts", MONGO_LOCUSTFILE, mongo, dir)),
  ];
  console.log(`locust-bun build: executable size and start-up (Bun ${Bun.version}, ${process.platform}-${process.arch}, median of ${RUNS} runs)\n`);
  printTable([["locustfile, run as", "size MiB", "build s", "--list ms", "first request ms"], ...rows]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
