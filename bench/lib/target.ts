/**
 * The benchmark targets: a tiny "ok" response from Bun.serve (which also counts the requests it answered), or from
 * nginx when it is installed.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Subprocess } from "bun";

/** A running target pinned to one CPU. */
export interface Target {
  name: string;
  url: string;
  /** Requests answered so far (Bun.serve only), read on a second port so reading does not count. */
  requests?(): Promise<number>;
  stop(): void;
}

const ROOT = join(import.meta.dir, "../..");

function freePort(): number {
  const probe = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = probe.port;
  probe.stop(true);
  return port;
}

async function waitForPort(port: number, child: Subprocess<"ignore", "ignore", "pipe">): Promise<void> {
  for (let attempt = 0; attempt < 100 && child.exitCode === null; attempt++) {
    try {
      (await Bun.connect({ hostname: "127.0.0.1", port, socket: { data() {} } })).end();
      return;
    } catch {
      await Bun.sleep(50);
    }
  }
  child.kill();
  throw new Error(`nginx did not start on port ${port}: ${(await new Response(child.stderr).text()).trim()}`);
}

/** Bun.serve on `cpu`; the child prints its port and its counter's port. */
export async function startBunTarget(cpu: number): Promise<Target> {
  const child = Bun.spawn(["taskset", "-c", String(cpu), "bun", "bench/lib/target.ts", "--serve"], { cwd: ROOT, stdout: "pipe" });
  const first = await child.stdout.getReader().read();
  const [port, counterPort] = new TextDecoder().decode(first.value).trim().split(" ").map(Number);
  return {
    name: "Bun.serve",
    url: `http://127.0.0.1:${port}/`,
    requests: async () => Number(await (await fetch(`http://127.0.0.1:${counterPort}/`)).text()),
    stop: () => child.kill(),
  };
}

/** One nginx worker on `cpu`, answering every request with "ok", with its files in a temporary prefix. */
export async function startNginxTarget(cpu: number): Promise<Target> {
  const prefix = mkdtempSync(join(tmpdir(), "bench-nginx-"));
  const port = freePort();
  const config = `worker_processes 1; daemon off; master_process off; pid ${prefix}/nginx.pid; error_log ${prefix}/error.log;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000; keepalive_timeout 120s;
  client_body_temp_path ${prefix}; proxy_temp_path ${prefix}; fastcgi_temp_path ${prefix}; uwsgi_temp_path ${prefix}; scgi_temp_path ${prefix};
  server { listen 127.0.0.1:${port}; location / { default_type text/plain; return 200 "ok"; } } }`;
  writeFileSync(join(prefix, "nginx.conf"), config);
  const child = Bun.spawn(["taskset", "-c", String(cpu), "nginx", "-p", prefix, "-c", join(prefix, "nginx.conf")], {
    stdin: "ignore",
    stdout: "ignore",
    stderr: "pipe",
  });
  await waitForPort(port, child);
  return { name: "nginx", url: `http://127.0.0.1:${port}/`, stop: () => child.kill() };
}

if (process.argv[2] === "--serve") {
  let requests = 0;
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: () => {
      requests++;
      return new Response("ok");
    },
  });
  const counter = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response(String(requests)) });
  console.log(`${server.port} ${counter.port}`);
}
