/**
 * `locust-bun build`: size and start-up time of a built executable, for an HTTP-only locustfile and for ones using
 * heavy protocol libraries (the MongoDB driver; the Milvus SDK with gRPC), next to the same locustfile run from
 * source with `bun`.
 * Start-up is the median of several runs (after a warm-up run): `--list` (process start + importing the locustfile), and the time from
 * spawning a headless run to the first request arriving at a local target (the protocol library loaded and
 * connected). Run: `bun bench/build-size.ts [runs]`.
 * @module
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startMilvusGrpcServer, type RecordedCall } from "../test/support/milvus-grpc-server.ts";
import { startMongoWireServer, type RecordedCommand } from "../test/support/mongo-wire-server.ts";
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
// Int64 (5) and FloatVector (101) of the SDK's DataType: the locustfile imports only locust-bun, built in an empty folder.
const MILVUS_LOCUSTFILE = `import { task, constant } from "locust-bun";
import { MilvusUser } from "locust-bun/milvus";
export class Searcher extends MilvusUser {
  static override collectionName = "bench";
  static override schema = { fields: [{ name: "id", data_type: 5, is_primary_key: true, autoID: true }, { name: "vec", data_type: 101, dim: 4 }] };
  static override indexParams = { field_name: "vec", index_type: "FLAT", metric_type: "L2" };
  waitTime = constant(1);
  @task async search() { await this.client.search([[0.1, 0.2, 0.3, 0.4]], { annsField: "vec", limit: 3 }); }
}
`;

/** A local target and how to tell that it has seen the first request. */
interface Target extends AsyncDisposable {
  host: string;
  firstRequestAt(): number | undefined;
  reset(): void;
}

async function startHttpTarget(): Promise<Target> {
  let first: number | undefined;
  const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => ((first ??= performance.now()), new Response("ok")) });
  return { host: server.url.href.replace(/\/$/, ""), firstRequestAt: () => first, reset: () => (first = undefined), [Symbol.asyncDispose]: () => server.stop(true) };
}

/**
 * A wire server that records what it received but not when: poll every millisecond for the first recorded item
 * that is a real request (not a handshake or heartbeat).
 */
function pollTarget<T>(host: string, received: () => readonly T[], isRequest: (item: T) => boolean, stop: () => Promise<void>): Target {
  let first: number | undefined;
  let seen = 0;
  const poll = setInterval(() => {
    const items = received();
    if (first === undefined && items.slice(seen).some(isRequest)) first = performance.now();
    seen = items.length;
  }, 1);
  return {
    host,
    firstRequestAt: () => first,
    reset: () => ((first = undefined), (seen = received().length)),
    [Symbol.asyncDispose]: async () => (clearInterval(poll), await stop()),
  };
}

async function startMongoTarget(): Promise<Target> {
  const server = await startMongoWireServer();
  return pollTarget(`${server.uri}/shop`, () => server.commands, (command: RecordedCommand) => command.command === "find", () => server.stop());
}

async function startMilvusTarget(): Promise<Target> {
  const server = await startMilvusGrpcServer();
  return pollTarget(`http://${server.address}`, () => server.calls, (call: RecordedCall) => call.method === "Search", () => server.stop());
}

const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Median wall time of `command` until it exits, after one run that warms the page cache. */
async function timeToExit(command: string[], cwd: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const started = performance.now();
    const child = Bun.spawn(command, { cwd, stdout: "ignore", stderr: "ignore" });
    if ((await child.exited) !== 0) throw new Error(`${command.join(" ")} failed`);
    if (i > 0) times.push(performance.now() - started);
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

async function measure(label: string, file: string, source: string, startTarget: () => Promise<Target>, dir: string): Promise<(string | number)[][]> {
  // One target at a time: the pollers would otherwise share this process's CPU with the HTTP target.
  await using target = await startTarget();
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
  const rows = [
    ...(await measure("HTTP (FastHttpUser)", "http.ts", HTTP_LOCUSTFILE, startHttpTarget, dir)),
    ...(await measure("MongoDB driver", "mongo.ts", MONGO_LOCUSTFILE, startMongoTarget, dir)),
    ...(await measure("Milvus SDK (gRPC)", "milvus.ts", MILVUS_LOCUSTFILE, startMilvusTarget, dir)),
  ];
  console.log(`locust-bun build: executable size and start-up (Bun ${Bun.version}, ${process.platform}-${process.arch}, median of ${RUNS} runs)\n`);
  printTable([["locustfile, run as", "size MiB", "build s", "--list ms", "first request ms"], ...rows]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
