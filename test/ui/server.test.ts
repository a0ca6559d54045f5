import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { Environment } from "../../src/core/environment.ts";
import { recentLogLines } from "../../src/core/log.ts";
import { defaultOptions, type Options } from "../../src/core/options/index.ts";
import { BOOT_CONFIG_ID } from "../../src/ui/boot-config.ts";
import { startWebUi } from "../../src/ui/server.ts";
import type { StatsFrame } from "../../src/ui/stats-frame.ts";
import { createSelfSignedCertificate, hasOpenssl } from "../support/self-signed-certificate.ts";
import { createTempDir, ManualClock, recordRequest, TargetUser, waitFor } from "./ui-fixture.ts";

async function serve(overrides: Partial<Options> = {}) {
  const environment = new Environment({ userClasses: [TargetUser], host: "http://target.test" });
  environment.attachStats();
  environment.createLocalRunner();
  const ui = await startWebUi(environment, { ...defaultOptions(), webHost: "127.0.0.1", webPort: 0, ...overrides });
  return {
    environment,
    ui,
    async [Symbol.asyncDispose]() {
      await environment.runner!.quit();
      await ui.stop();
    },
  };
}

describe("startWebUi (real socket)", () => {
  test("serves the bundled page with its boot config and assets, and logs where it listens", async () => {
    await using served = await serve();
    const { origin } = new URL(served.ui.url);
    expect(recentLogLines().some((line) => line.endsWith(`Starting web interface at ${origin}`))).toBe(true);
    const page = await fetch(served.ui.url);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await page.text();
    const config = JSON.parse(new RegExp(`id="${BOOT_CONFIG_ID}">(.*?)</script>`).exec(html)![1]!);
    expect(config).toMatchObject({ host: "http://target.test", userClasses: ["TargetUser"], loginPage: false });
    const assets = [...html.matchAll(/(?:src|href)="(\.\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.some((a) => a.endsWith(".js")) && assets.some((a) => a.endsWith(".css"))).toBe(true);
    for (const asset of assets) {
      const response = await fetch(new URL(asset, served.ui.url));
      expect([asset, response.status]).toEqual([asset, 200]);
      expect(response.headers.get("content-type")).toMatch(/^text\/(javascript|css)/);
    }
  });

  test("the WebSocket sends a first frame with history, then pushes a frame every second", async () => {
    await using served = await serve();
    recordRequest(served.environment, "/pushed", 12);
    const frames: StatsFrame[] = [];
    const socket = new WebSocket(new URL("ws", served.ui.url.replace(/^http/, "ws")));
    socket.onmessage = (event) => frames.push(JSON.parse(String(event.data)) as StatsFrame);
    try {
      await waitFor(() => frames.length >= 2, "a pushed frame after the first", 3000);
    } finally {
      socket.close();
    }
    expect(frames[0]!.history).toEqual([]);
    expect(frames[1]!.history).toBeUndefined();
    expect(frames[1]!).toMatchObject({ type: "stats", state: "ready", userCount: 0, host: "http://target.test", entryCount: 1 });
    expect(frames[1]!.rows.map((row) => [row[0], row[1], row[2]])).toEqual([["GET", "/pushed", 1]]);
  });

  test("serves everything under --web-base-path, the page's assets included", async () => {
    await using served = await serve({ webBasePath: "/locust" });
    expect(new URL(served.ui.url).pathname).toBe("/locust/");
    const html = await (await fetch(served.ui.url)).text();
    const asset = /src="(\.\/assets\/[^"]+)"/.exec(html)![1]!;
    const assetUrl = new URL(asset, served.ui.url);
    expect(assetUrl.pathname).toStartWith("/locust/assets/");
    expect((await fetch(assetUrl)).status).toBe(200);
    expect((await fetch(new URL("/locust/worker-count", served.ui.url))).status).toBe(200);
  });

  test("warns when it listens on every interface without authentication", async () => {
    await using served = await serve({ webHost: "" });
    const port = new URL(served.ui.url).port;
    expect(recentLogLines().some((line) => line.includes(`anyone who can reach port ${port} can start and stop load tests`))).toBe(true);
    expect(recentLogLines().some((line) => line.endsWith(`Starting web interface at http://0.0.0.0:${port}`))).toBe(true);
  });

  test("serves HTTPS with --tls-cert and --tls-key", async () => {
    if (!hasOpenssl("the web UI TLS test")) return;
    await using dir = await createTempDir("ui-tls-");
    const [cert, key] = [join(dir.path, "cert.pem"), join(dir.path, "key.pem")];
    const pem = await createSelfSignedCertificate();
    await Promise.all([Bun.write(cert, pem.cert), Bun.write(key, pem.key)]);
    await using served = await serve({ tlsCert: cert, tlsKey: key });
    expect(served.ui.url).toStartWith("https://");
    const response = await fetch(served.ui.url, { tls: { rejectUnauthorized: false } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(BOOT_CONFIG_ID);
  });

  test("throttles failed logins over a real socket, keyed by the peer address", async () => {
    const environment = new Environment({ userClasses: [TargetUser], clock: new ManualClock(1000) });
    environment.attachStats();
    environment.createLocalRunner();
    const ui = await startWebUi(environment, { ...defaultOptions(), webHost: "127.0.0.1", webPort: 0, webLogin: true, webAuth: "admin:pw" });
    try {
      const login = (password: string) => fetch(new URL("login", ui.url), { method: "POST", body: new URLSearchParams({ username: "admin", password }), redirect: "manual" });
      for (let i = 0; i < 6; i++) expect((await login("guess")).status).toBe(401);
      expect((await login("pw")).status).toBe(429);
    } finally {
      await environment.runner!.quit();
      await ui.stop();
    }
  });

  test("a busy port gives a clear error with a hint", async () => {
    await using first = await serve();
    const port = Number(new URL(first.ui.url).port);
    const environment = new Environment({ userClasses: [TargetUser] });
    environment.attachStats();
    environment.createLocalRunner();
    const attempt = startWebUi(environment, { ...defaultOptions(), webHost: "127.0.0.1", webPort: port });
    await expect(attempt).rejects.toMatchObject({ code: "WEB_UI_LISTEN_FAILED", hint: expect.stringContaining("--web-port") });
    await environment.runner!.quit();
  });
});
