/**
 * A PostgreSQL server for the Postgres tests, in order of preference: `LOCUST_TEST_PG_URL`; a server already on
 * 127.0.0.1:5432 (the CI machine runs one, trust auth); a throw-away cluster in a temporary directory (initdb +
 * postgres in the foreground on a free port, where the Debian/Ubuntu binaries exist). Otherwise tests skip with a
 * printed reason — or fail under CI.
 * @module
 */
import { chown, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import pg from "pg";
import { freePort } from "./free-port.ts";

/** A server the tests may create tables in; `await using` stops a throw-away cluster. */
export interface PostgresTarget extends AsyncDisposable {
  /** Connection string of a database the tests may write to. */
  readonly url: string;
  readonly source: "env" | "running" | "throw-away";
  stop(): Promise<void>;
}

const RUNNING_CANDIDATES = ["postgres://postgres@127.0.0.1:5432/test", "postgres://root@127.0.0.1:5432/test"];

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on("error", () => {}); // a refused probe is an answer, not a crash
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false; // nothing usable there: try the next option
  } finally {
    await client.end().catch(() => {}); // a probe that never connected has nothing to end cleanly
  }
}

function target(url: string, source: PostgresTarget["source"], stop = async () => {}): PostgresTarget {
  return { url, source, stop, [Symbol.asyncDispose]: stop };
}

/** The directory holding initdb and postgres: on PATH, or Debian's versioned directory (newest version). */
function findPostgresBin(): string | undefined {
  const onPath = Bun.which("initdb");
  if (onPath) return dirname(onPath);
  try {
    const glob = new Bun.Glob("*/bin/initdb");
    const found = [...glob.scanSync({ cwd: "/usr/lib/postgresql", absolute: true, onlyFiles: true })];
    const newest = found.sort((a, b) => a.localeCompare(b, "en", { numeric: true })).at(-1);
    return newest ? dirname(newest) : undefined;
  } catch {
    return undefined; // no Debian-style installation
  }
}

/** initdb refuses root: as root, run the cluster as the `postgres` system user. */
function asServerUser(command: string[]): string[] {
  if (process.getuid?.() !== 0) return command;
  return ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", ...command];
}

async function waitUntilReady(proc: Bun.Subprocess<"ignore", "ignore", "pipe">): Promise<void> {
  const reader = proc.stderr.getReader();
  const decoder = new TextDecoder();
  let output = "";
  while (!output.includes("ready to accept connections")) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`postgres exited before it was ready:\n${output}`);
    output += decoder.decode(value);
  }
  void (async () => {
    while (!(await reader.read()).done); // keep draining so the server never blocks on a full pipe
  })();
}

/** Starts a throw-away cluster (initdb into a temporary directory, postgres on a free port). */
export async function startThrowawayCluster(bin: string): Promise<PostgresTarget> {
  const dir = await mkdtemp(join(tmpdir(), "locust-bun-pg-"));
  if (process.getuid?.() === 0) {
    const uid = Number(Bun.spawnSync(["id", "-u", "postgres"]).stdout.toString());
    const gid = Number(Bun.spawnSync(["id", "-g", "postgres"]).stdout.toString());
    await chown(dir, uid, gid);
  }
  const data = join(dir, "data");
  const initdb = [join(bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "--no-sync"];
  const init = Bun.spawnSync(asServerUser(initdb));
  if (init.exitCode !== 0) throw new Error(`initdb failed: ${init.stderr.toString()}`);
  const port = freePort();
  const server = [join(bin, "postgres"), "-D", data, "-p", String(port), "-k", dir];
  const settings = ["-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"];
  const proc = Bun.spawn(asServerUser([...server, ...settings]), { stdin: "ignore", stdout: "ignore", stderr: "pipe" });
  await waitUntilReady(proc);
  const stop = async () => {
    proc.kill("SIGINT"); // "fast" shutdown
    await proc.exited;
    await rm(dir, { recursive: true, force: true });
  };
  return target(`postgres://postgres@127.0.0.1:${port}/postgres`, "throw-away", stop);
}

/** The best available server, or undefined (reason printed) when there is none; throws under CI. */
export async function findPostgres(): Promise<PostgresTarget | undefined> {
  const fromEnv = process.env.LOCUST_TEST_PG_URL;
  if (fromEnv) return target(fromEnv, "env");
  for (const url of RUNNING_CANDIDATES) if (await canConnect(url)) return target(url, "running");
  const bin = findPostgresBin();
  if (bin) return startThrowawayCluster(bin);
  const reason = "no PostgreSQL: set LOCUST_TEST_PG_URL, run one on 127.0.0.1:5432, or apt-get install postgresql";
  if (process.env.CI) throw new Error(`Postgres tests need a server: ${reason}`);
  console.warn(`skipping Postgres tests: ${reason}`);
  return undefined;
}
