/**
 * A Redis server for the Redis tests: the one on 127.0.0.1:6379 when it answers (the CI machine runs one), else a
 * throw-away `redis-server` on a free port without persistence, else none — the tests then skip with a printed
 * reason, except under CI, where a missing server fails them.
 * @module
 */
import { RedisClient } from "bun";
import { freePort } from "./free-port.ts";

/** A reachable Redis; `await using` stops it when this process started it. */
export interface RedisServer extends AsyncDisposable {
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** True when this process started the server (it is stopped on dispose). */
  readonly owned: boolean;
  stop(): Promise<void>;
}

const SHARED_URL = "redis://127.0.0.1:6379";
const SEARCH_PATH = [process.env.PATH ?? "", "/usr/sbin", "/usr/local/sbin"].join(":");

/** True when a Redis server answers PING at `url`. */
export async function answersPing(url: string): Promise<boolean> {
  const client = new RedisClient(url, { autoReconnect: false, connectionTimeout: 1000 });
  try {
    return (await client.ping()) === "PONG";
  } catch {
    return false; // refused, reset or not Redis: the caller tries the next option
  } finally {
    client.close();
  }
}

/**
 * A Redis to test against, or undefined (with the reason printed) when there is none; throws under CI.
 * Tests sharing 127.0.0.1:6379 must use keys of their own (see {@link uniqueKeyPrefix}) and delete them.
 */
export async function findRedisServer(): Promise<RedisServer | undefined> {
  if (await answersPing(SHARED_URL)) {
    const nothing = async () => {};
    return { url: SHARED_URL, port: 6379, owned: false, stop: nothing, [Symbol.asyncDispose]: nothing };
  }
  const binary = Bun.which("redis-server", { PATH: SEARCH_PATH });
  if (binary) return startRedisServer(binary);
  const reason = "nothing answers on 127.0.0.1:6379 and redis-server is not installed (apt-get install redis-server)";
  if (process.env.CI) throw new Error(`Redis tests need a server: ${reason}`);
  console.warn(`skipping Redis tests: ${reason}`);
  return undefined;
}

/** A key prefix no other test run uses, e.g. `test-3f9c2a1b:`. */
export function uniqueKeyPrefix(): string {
  return `test-${crypto.randomUUID().slice(0, 8)}:`;
}

/** Deletes every key starting with `prefix` (SCAN, not KEYS, so a shared server is not blocked). */
export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const client = new RedisClient(url, { autoReconnect: false });
  try {
    let cursor = "0";
    do {
      const [next, keys] = (await client.send("SCAN", [cursor, "MATCH", `${prefix}*`, "COUNT", "1000"])) as [string, string[]];
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    client.close();
  }
}

/** Starts `redis-server` on a free port; retries on another port if the one picked was taken meanwhile. */
export async function startRedisServer(binary: string): Promise<RedisServer> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await launch(binary, freePort());
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}

async function launch(binary: string, port: number): Promise<RedisServer> {
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"];
  const proc = Bun.spawn([binary, ...args], { stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  await waitUntilReady(proc);
  const stop = async () => {
    proc.kill("SIGKILL"); // nothing to flush: no persistence
    await proc.exited;
  };
  return { url: `redis://127.0.0.1:${port}`, port, owned: true, stop, [Symbol.asyncDispose]: stop };
}

/** Resolves once the server logs that it accepts connections; rejects with its output if it exits first. */
async function waitUntilReady(proc: Bun.Subprocess<"ignore", "pipe", "pipe">): Promise<void> {
  const decoder = new TextDecoder();
  const reader = proc.stdout.getReader();
  let output = "";
  while (!output.includes("Ready to accept connections")) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`redis-server exited before it was ready:\n${output}${await new Response(proc.stderr).text()}`);
    output += decoder.decode(value);
  }
  // Keep draining its log so a full pipe never blocks the server.
  void (async () => {
    while (!(await reader.read()).done);
  })();
}
