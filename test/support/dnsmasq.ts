/**
 * @module A throw-away dnsmasq (Debian `dnsmasq-base`) in the foreground on a free high port of 127.0.0.1, with the
 * fixed test records below. Without the binary, {@link checkDnsmasq} prints why DNS tests skip (or throws under CI).
 */
import type { Subprocess } from "bun";

/** The records every instance serves (see reference/test-servers.md). */
export const DNSMASQ_RECORDS = {
  /** A and AAAA for example.test and every name under it. */
  a: { name: "example.test", ipv4: "10.1.2.3", ipv6: "fd00::123" },
  txt: { name: "txt.example.test", text: "hello world" },
  host: { name: "host.test", ipv4: "10.9.9.9" },
  cname: { name: "alias.test", target: "host.test" },
  mx: { name: "mail.test", exchange: "mx.host.test", preference: 10 },
  srv: { name: "_svc._tcp.test", target: "host.test", port: 8080, priority: 0, weight: 5 },
  /** Under the local domain but not configured: NXDOMAIN. */
  missing: "missing.test",
  /** Outside the local domain with no upstream: REFUSED. */
  outside: "example.org",
} as const;

const SYSTEM_PATHS = `${process.env.PATH ?? ""}:/usr/sbin:/sbin`;
const START_ATTEMPTS = 5;

/** A running dnsmasq; `await using` stops it with SIGTERM. */
export interface Dnsmasq {
  readonly port: number;
  /** `dns://127.0.0.1:<port>` */
  readonly url: string;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** The dnsmasq binary, if installed. */
export function locateDnsmasq(): string | null {
  return Bun.which("dnsmasq", { PATH: SYSTEM_PATHS });
}

/** True when dnsmasq is installed; otherwise prints why the DNS tests skip, or throws when `CI` is set. */
export function checkDnsmasq(): boolean {
  if (locateDnsmasq()) return true;
  const reason = "dnsmasq is not installed (apt-get install dnsmasq-base)";
  if (process.env.CI) throw new Error(`DNS tests need dnsmasq under CI: ${reason}`);
  console.warn(`skipping DNS tests: ${reason}`);
  return false;
}

/** Starts dnsmasq on a free port; retries when another process took the port first. */
export async function startDnsmasq(): Promise<Dnsmasq> {
  const binary = locateDnsmasq();
  if (!binary) throw new Error("dnsmasq is not installed (apt-get install dnsmasq-base)");
  let lastError = "no port free for both UDP and TCP";
  for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
    const port = await findFreePort();
    if (port === null) continue;
    const child = Bun.spawn([binary, ...dnsmasqArguments(port)], { stdout: "ignore", stderr: "pipe" });
    const outcome = await waitForStart(child);
    if (outcome === "started") return running(child, port);
    lastError = outcome;
  }
  throw new Error(`dnsmasq did not start: ${lastError}`);
}

function dnsmasqArguments(port: number): string[] {
  const r = DNSMASQ_RECORDS;
  return [
    "--keep-in-foreground", "--conf-file=/dev/null", "--user=root", "--pid-file=", "--log-facility=-",
    "--listen-address=127.0.0.1", "--bind-interfaces", `--port=${port}`, "--no-resolv", "--no-hosts",
    "--local=/test/", `--address=/${r.a.name}/${r.a.ipv4}`, `--address=/${r.a.name}/${r.a.ipv6}`,
    `--txt-record=${r.txt.name},${r.txt.text}`, `--host-record=${r.host.name},${r.host.ipv4}`,
    `--cname=${r.cname.name},${r.cname.target}`, `--mx-host=${r.mx.name},${r.mx.exchange},${r.mx.preference}`,
    `--srv-host=${r.srv.name},${r.srv.target},${r.srv.port},${r.srv.priority},${r.srv.weight}`,
  ];
}

/** A port free for both UDP and TCP at the moment of the check, or null when the TCP side is taken. */
async function findFreePort(): Promise<number | null> {
  const udp = await Bun.udpSocket({ hostname: "127.0.0.1" });
  const port = udp.port;
  udp.close();
  try {
    Bun.listen({ hostname: "127.0.0.1", port, socket: { data() {} } }).stop(true);
    return port;
  } catch {
    return null; // the caller tries another port
  }
}

/** Reads stderr until dnsmasq logs "started" (its sockets are bound by then) or exits; keeps draining after. */
async function waitForStart(child: Subprocess<"ignore", "ignore", "pipe">): Promise<"started" | string> {
  const reader = child.stderr.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) return `exited (${await child.exited}): ${text.trim()}`;
    text += decoder.decode(chunk.value, { stream: true });
    if (text.includes("started, version")) {
      void drain(reader);
      return "started";
    }
  }
}

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  while (!(await reader.read()).done) {
    // discard: dnsmasq's log lines only matter for start-up
  }
}

function running(child: Subprocess, port: number): Dnsmasq {
  const stop = async (): Promise<void> => {
    child.kill("SIGTERM");
    await child.exited;
  };
  return { port, url: `dns://127.0.0.1:${port}`, stop, [Symbol.asyncDispose]: stop };
}
