/**
 * A throw-away mosquitto broker for the MQTT tests: foreground process, free ports, TCP and WebSocket listeners,
 * optional password file and ACL. When the binary is missing, tests skip with a printed reason (fail under CI).
 * @module
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Extra broker rules. */
export interface MosquittoOptions {
  /** Require this user (anonymous clients are refused). */
  credentials?: { username: string; password: string };
  /** ACL file text; lines before any `user` line apply to anonymous clients, e.g. `topic readwrite open/#`. */
  acl?: string;
}

/** A running broker; `await using` stops it. */
export interface Mosquitto extends AsyncDisposable {
  readonly port: number;
  readonly wsPort: number;
  /** `mqtt://127.0.0.1:<port>` */
  readonly url: string;
  /** `ws://127.0.0.1:<wsPort>/mqtt` */
  readonly wsUrl: string;
  /** Everything the broker printed so far. */
  output(): string;
  stop(): Promise<void>;
}

const SEARCH_PATH = [process.env.PATH ?? "", "/usr/sbin", "/usr/local/sbin"].join(":");

/** The mosquitto binary, or undefined (with the reason printed) when it is missing; throws under CI. */
export function findMosquitto(): string | undefined {
  const binary = Bun.which("mosquitto", { PATH: SEARCH_PATH }) ?? undefined;
  if (binary) return binary;
  const reason = "mosquitto is not installed (apt-get install mosquitto)";
  if (process.env.CI) throw new Error(`MQTT tests need a broker: ${reason}`);
  console.warn(`skipping MQTT broker tests: ${reason}`);
  return undefined;
}

/** Free TCP ports on 127.0.0.1 (the broker binds them right after; a rare race is retried by the caller). */
function freePorts(count: number): number[] {
  const listeners = Array.from({ length: count }, () =>
    Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } }),
  );
  const ports = listeners.map((listener) => listener.port);
  for (const listener of listeners) listener.stop(true);
  return ports;
}

async function writeConfig(dir: string, port: number, wsPort: number, options: MosquittoOptions): Promise<string> {
  const lines = ["persistence false", "log_dest stdout", "log_type error", "log_type warning", "log_type notice"];
  // As root, mosquitto drops to user "mosquitto", which cannot read our private temporary directory.
  if (process.getuid?.() === 0) lines.push("user root");
  lines.push(`listener ${port} 127.0.0.1`, `listener ${wsPort} 127.0.0.1`, "protocol websockets");
  if (options.credentials) {
    const passwordFile = join(dir, "passwords");
    const { username, password } = options.credentials;
    const made = Bun.spawnSync(["mosquitto_passwd", "-b", "-c", passwordFile, username, password], {
      env: { ...process.env, PATH: SEARCH_PATH },
    });
    if (made.exitCode !== 0) throw new Error(`mosquitto_passwd failed: ${made.stderr.toString()}`);
    lines.push("allow_anonymous false", `password_file ${passwordFile}`);
  } else {
    lines.push("allow_anonymous true");
  }
  if (options.acl !== undefined) {
    await writeFile(join(dir, "acl"), `${options.acl}\n`);
    lines.push(`acl_file ${join(dir, "acl")}`);
  }
  // `per_listener_settings false` (the default) makes the security lines above apply to both listeners.
  const file = join(dir, "mosquitto.conf");
  await writeFile(file, `${lines.join("\n")}\n`);
  return file;
}

/** Resolves once the broker printed its "running" line; rejects with its output if it exits first. */
async function waitUntilRunning(proc: Bun.Subprocess<"ignore", "pipe", "pipe">, log: string[]): Promise<void> {
  const decoder = new TextDecoder();
  const reader = proc.stdout.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      const stderr = await new Response(proc.stderr).text();
      throw new Error(`mosquitto exited before it was ready:\n${log.join("")}${stderr}`);
    }
    log.push(decoder.decode(value));
    if (log.join("").includes(" running")) break;
  }
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      log.push(decoder.decode(value));
    }
  })();
}

async function launch(binary: string, dir: string, options: MosquittoOptions): Promise<Mosquitto> {
  const [port, wsPort] = freePorts(2) as [number, number];
  const config = await writeConfig(dir, port, wsPort, options);
  const proc = Bun.spawn([binary, "-c", config], { stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  const log: string[] = [];
  await waitUntilRunning(proc, log);
  const stop = async () => {
    proc.kill("SIGTERM");
    await proc.exited;
  };
  return {
    port,
    wsPort,
    url: `mqtt://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${wsPort}/mqtt`,
    output: () => log.join(""),
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

/** Starts a broker in a fresh temporary directory; the directory is removed when the broker stops. */
export async function startMosquitto(binary: string, options: MosquittoOptions = {}): Promise<Mosquitto> {
  const dir = await mkdtemp(join(tmpdir(), "locust-bun-mosquitto-"));
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const broker = await launch(binary, dir, options);
      const stop = async () => {
        await broker.stop();
        await rm(dir, { recursive: true, force: true });
      };
      return { ...broker, stop, [Symbol.asyncDispose]: stop };
    } catch (err) {
      lastError = err; // most likely a port taken between freePorts() and the bind: try other ports
    }
  }
  await rm(dir, { recursive: true, force: true });
  throw lastError;
}
