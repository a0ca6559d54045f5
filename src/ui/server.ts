/**
 * The web UI server: Bun.serve on `--web-host`/`--web-port` (HTTPS with `--tls-cert`/`--tls-key`), the page from
 * Bun's HTML import, the JSON API, and a WebSocket that pushes one stats frame per second.
 * @module
 * @see https://docs.locust.io/en/stable/quickstart.html#locust-s-web-interface
 */
import type { Environment } from "../core/environment.ts";
import { LocustError } from "../core/errors.ts";
import { createLogger } from "../core/log.ts";
import type { FlagSpec, Options } from "../core/options/index.ts";
import page from "./app/index.html";
import { STATS_TOPIC } from "./stats-push.ts";
import { createWebUi } from "./web-app.ts";

export { createWebUi, type WebUiApp } from "./web-app.ts";

const log = createLogger("locust.main");

/** A started web UI as the CLI sees it. */
export interface RunningWebUi {
  /** A URL that reaches the page from this machine, e.g. `http://127.0.0.1:8089/`. */
  url: string;
  stop(): Promise<void>;
}

/** True for `--web-host` values that mean "every interface" (Locust treats "*" like ""). */
function isAllInterfaces(webHost: string): boolean {
  return webHost === "" || webHost === "*" || webHost === "0.0.0.0" || webHost === "::";
}

/**
 * Starts the web UI and its once-a-second stats push, and sets `environment.webUi` (for `init` listeners that add
 * routes). Port 0 picks a free port (tests).
 */
export async function startWebUi(environment: Environment, options: Options, customFlags: readonly FlagSpec[] = []): Promise<RunningWebUi> {
  const internalPath = `/__locust-bun-page-${crypto.randomUUID()}/`;
  const app = createWebUi(environment, options, internalPath, customFlags);
  const allInterfaces = isAllInterfaces(options.webHost);
  const hostname = allInterfaces ? "0.0.0.0" : options.webHost;
  const tls = options.tlsCert && options.tlsKey ? { cert: Bun.file(options.tlsCert), key: Bun.file(options.tlsKey) } : undefined;
  let server: Bun.Server<unknown>;
  try {
    server = Bun.serve({
      hostname,
      port: options.webPort,
      development: false,
      // Stated explicitly: with an HTML route and the default, Bun 1.4 silently "starts" on a port in use.
      reusePort: false,
      tls,
      routes: { [internalPath]: page },
      fetch: (req, srv) => app.fetch(req, srv),
      websocket: app.websocket,
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new LocustError(`The web UI could not listen on ${hostname}:${options.webPort}: ${message}`, {
      code: "WEB_UI_LISTEN_FAILED",
      hint: "Pick another port with --web-port (or -P), or stop the process using it.",
      cause: err,
    });
  }
  const scheme = tls ? "https" : "http";
  const origin = `${scheme}://${formatUrlHost(allInterfaces ? "127.0.0.1" : hostname)}:${server.port}`;
  app.context.page.attach((path) => fetch(`${origin}${path}`, { tls: { rejectUnauthorized: false } }));
  app.context.push.start(
    (text) => void server.publish(STATS_TOPIC, text),
    () => server.subscriberCount(STATS_TOPIC) > 0,
  );
  const shownHost = options.webHostDisplayName ?? (allInterfaces ? "0.0.0.0" : hostname);
  log.info(`Starting web interface at ${scheme}://${formatUrlHost(shownHost)}:${server.port}${app.context.basePath}`);
  if (allInterfaces && !app.context.auth.enabled) {
    log.warning(
      `The web UI listens on all interfaces without authentication: anyone who can reach port ${server.port} can start and stop load tests. ` +
        "Use --web-host 127.0.0.1, or protect it with --web-auth user:password.",
    );
  }
  return {
    url: `${origin}${app.context.basePath}/`,
    async stop() {
      app.context.push.stop();
      await server.stop(true);
    },
  };
}

function formatUrlHost(host: string): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}
