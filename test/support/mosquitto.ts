/**
 * A throw-away mosquitto broker for the MQTT tests: foreground process, free ports, TCP and WebSocket listeners,
 * optional password file and ACL. When the binary is missing, tests skip with a printed reason (fail under CI).
 * @module
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { freePorts } from "./free-port.ts";

/** Extra broker rules. */
export interface MosquittoOptions {
  /** Require this user (anonymous clients are refused). */
  credentials?: { username: string; password: string };
  /**
   * Topic filters whose SUBSCRIBE the broker refuses with a SUBACK failure code. Needs `credentials` and the
   * dynamic-security plugin (mosquitto's ACL file only filters deliveries; it grants every subscription).
   */
  denySubscribe?: string[];
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
  /** Freezes the broker (SIGSTOP): connections stay open but nothing is answered. */
  pause(): void;
  /** Unfreezes a paused broker (SIGCONT). */
  resume(): void;
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

async function writeConfig(dir: string, port: number, wsPort: number, options: MosquittoOptions): Promise<string> {
  // stderr, not stdout: mosquitto block-buffers stdout into a pipe, so the "running" line would never arrive.
  const lines = ["persistence false", "log_dest stderr"];
  // As root, mosquitto drops to user "mosquitto", which cannot read our private temporary directory.
  if (process.getuid?.() === 0) lines.push("user root");
  lines.push(`listener ${port} 127.0.0.1`, `listener ${wsPort} 127.0.0.1`, "protocol websockets");
  if (options.denySubscribe) lines.push(...(await dynamicSecurityLines(dir, options)));
  else if (options.credentials) lines.push(...passwordFileLines(dir, options.credentials));
  else lines.push("allow_anonymous true");
  // `per_listener_settings false` (the default) makes the security lines above apply to both listeners.
  const file = join(dir, "mosquitto.conf");
  await writeFile(file, `${lines.join("\n")}\n`);
  return file;
}

function run(command: string[]): void {
  const done = Bun.spawnSync(command, { env: { ...process.env, PATH: SEARCH_PATH } });
  if (done.exitCode !== 0) throw new Error(`${command[0]} failed: ${done.stderr.toString()}`);
}

function passwordFileLines(dir: string, { username, password }: { username: string; password: string }): string[] {
  const passwordFile = join(dir, "passwords");
  run(["mosquitto_passwd", "-b", "-c", passwordFile, username, password]);
  return ["allow_anonymous false", `password_file ${passwordFile}`];
}

/** The dynamic-security plugin next to the broker binary (e.g. <prefix>/lib/<multiarch>/), if installed. */
export function findDynamicSecurityPlugin(binary: string): string | undefined {
  const prefix = dirname(dirname(binary));
  for (const pattern of ["mosquitto_dynamic_security.so", "*/mosquitto_dynamic_security.so"]) {
    for (const found of new Bun.Glob(pattern).scanSync({ cwd: join(prefix, "lib"), absolute: true })) return found;
  }
  return undefined;
}

/** A dynamic-security setup: the one client may publish and subscribe anywhere except `denySubscribe`. */
async function dynamicSecurityLines(dir: string, options: MosquittoOptions): Promise<string[]> {
  const binary = findMosquitto();
  const plugin = binary && findDynamicSecurityPlugin(binary);
  if (!options.credentials || !plugin) {
    throw new Error("denySubscribe needs credentials and the dynamic-security plugin");
  }
  const file = join(dir, "dynamic-security.json");
  await rm(file, { force: true }); // a retry on other ports runs this again; init refuses an existing file
  run(["mosquitto_ctrl", "dynsec", "init", file, options.credentials.username, options.credentials.password]);
  const config = JSON.parse(await Bun.file(file).text());
  const deny = (topic: string) => ({ acltype: "subscribePattern", topic, allow: false, priority: 10 });
  const denied = options.denySubscribe!.map(deny);
  config.roles[0].acls.push(...denied, { acltype: "publishClientSend", topic: "#", allow: true });
  await writeFile(file, JSON.stringify(config));
  return ["allow_anonymous false", `plugin ${plugin}`, `plugin_opt_config_file ${file}`];
}

/** Resolves once the broker printed its "running" line; rejects with its output if it exits first. */
async function waitUntilRunning(proc: Bun.Subprocess<"ignore", "ignore", "pipe">, log: string[]): Promise<void> {
  const decoder = new TextDecoder();
  const reader = proc.stderr.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`mosquitto exited before it was ready:\n${log.join("")}`);
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
  const proc = Bun.spawn([binary, "-c", config], { stdin: "ignore", stdout: "ignore", stderr: "pipe" });
  const log: string[] = [];
  await waitUntilRunning(proc, log);
  const stop = async () => {
    // SIGKILL: a SIGTERM that lands just before mosquitto's main loop starts is forgotten (the loop resets its
    // run flag), and a throw-away broker without persistence has nothing to flush.
    proc.kill("SIGKILL");
    await proc.exited;
  };
  return {
    port,
    wsPort,
    url: `mqtt://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${wsPort}/mqtt`,
    output: () => log.join(""),
    pause: () => proc.kill("SIGSTOP"),
    resume: () => proc.kill("SIGCONT"),
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
