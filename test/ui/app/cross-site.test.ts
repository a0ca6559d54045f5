/**
 * End-to-end cross-site request forgery check in Debian's chromium (driven by playwright-core): pages of another
 * site and of another port on the UI's host try to start, re-target, stop and reset a test; none of it takes
 * effect, while the UI's own page and curl-style scripts still do all of it.
 * @module
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { BrowserContext } from "playwright-core";
import { haveChromium, launchChromium } from "./browser.ts";
import { Environment } from "../../../src/core/environment.ts";
import { recentLogLines } from "../../../src/core/log.ts";
import { defaultOptions } from "../../../src/core/options/index.ts";
import { startWebUi, type RunningWebUi } from "../../../src/ui/server.ts";
import { startHttpTarget, type HttpTarget } from "../../support/http-target.ts";
import { recordRequest, TargetUser, waitFor } from "../ui-fixture.ts";


let target: HttpTarget;
let environment: Environment;
let ui: RunningWebUi;
let other: Bun.Server<undefined>;
let context: BrowserContext;
let closeBrowser: () => Promise<void>;

beforeAll(async () => {
  if (!haveChromium) return;
  target = startHttpTarget();
  environment = new Environment({ userClasses: [TargetUser] });
  environment.attachStats();
  environment.createLocalRunner();
  ui = await startWebUi(environment, { ...defaultOptions(), webHost: "127.0.0.1", webPort: 0 });
  other = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: () => new Response("<!doctype html><title>another site</title><body></body>", { headers: { "content-type": "text/html" } }),
  });
  // evil.test is a different site from 127.0.0.1, served by the same local server.
  ({ context, close: closeBrowser } = await launchChromium(["--host-resolver-rules=MAP evil.test 127.0.0.1"]));
});

afterAll(async () => {
  if (!haveChromium) return;
  await closeBrowser?.();
  await environment?.runner?.quit();
  await ui?.stop();
  await other?.stop(true);
  await target?.stop();
});

type Attack = "post-swarm" | "get-stop" | "get-reset";

/**
 * Opens a page of `pageOrigin` and has it send `attacks` to the UI the ways a hostile page can: a form posted into
 * a frame, `fetch` in no-cors mode, an `<img>` and a frame navigation. Resolves once every request has finished.
 */
async function attackFrom(pageOrigin: string, attacks: Attack[]): Promise<void> {
  const page = await context.newPage();
  try {
    await page.goto(`${pageOrigin}/`);
    const uiOrigin = new URL(ui.url).origin;
    await page.evaluate(
      async ({ uiOrigin, attacks }) => {
        const loaded = (element: HTMLElement) =>
          new Promise((resolve) => {
            element.addEventListener("load", resolve);
            element.addEventListener("error", resolve);
          });
        const swarmFields = { user_count: "9", spawn_rate: "50", host: "http://victim.test" };
        for (const attack of attacks) {
          if (attack === "post-swarm") {
            const frame = Object.assign(document.createElement("iframe"), { name: "sink" });
            document.body.append(frame);
            const form = Object.assign(document.createElement("form"), { method: "POST", action: `${uiOrigin}/swarm`, target: "sink" });
            for (const [name, value] of Object.entries(swarmFields)) form.append(Object.assign(document.createElement("input"), { name, value }));
            document.body.append(form);
            const done = loaded(frame);
            form.submit();
            await done;
            await fetch(`${uiOrigin}/swarm`, { method: "POST", mode: "no-cors", body: new URLSearchParams(swarmFields) });
          } else {
            const url = `${uiOrigin}${attack === "get-stop" ? "/stop" : "/stats/reset"}`;
            await fetch(url, { mode: "no-cors" });
            const image = new Image();
            await new Promise((resolve) => {
              image.onload = image.onerror = resolve;
              image.src = `${url}?img`;
            });
            const frame = Object.assign(document.createElement("iframe"), { src: `${url}?frame` });
            const done = loaded(frame);
            document.body.append(frame);
            await done;
          }
        }
      },
      { uiOrigin, attacks },
    );
  } finally {
    await page.close();
  }
}

/** How many refusals the UI logged for `what` (e.g. "POST /swarm (Sec-Fetch-Site: cross-site)"). */
const refusals = (what: string) => recentLogLines().filter((line) => line.endsWith(`Refused a cross-site ${what}`)).length;

/** A script's request: no Origin, no Sec-Fetch-Site, as curl sends. */
const script = (path: string, init?: RequestInit) => fetch(new URL(path, ui.url), init);

describe.skipIf(!haveChromium)("cross-site requests from chromium", () => {
  const otherSites: Array<[string, () => string, string]> = [
    ["another site", () => `http://evil.test:${other.port}`, "cross-site"],
    ["another port on the UI's host", () => `http://127.0.0.1:${other.port}`, "same-site"],
  ];

  test.each(otherSites)("a page of %s cannot start, re-target, stop or reset a test", async (_name, origin, site) => {
    const runner = environment.runner!;
    const [before, stateBefore] = [refusals(`POST /swarm (Sec-Fetch-Site: ${site})`), runner.state];
    await attackFrom(origin(), ["post-swarm"]);
    expect([runner.state, runner.userCount, environment.host]).toEqual([stateBefore, 0, undefined]);
    expect(refusals(`POST /swarm (Sec-Fetch-Site: ${site})`)).toBe(before + 2);

    const started = await script("swarm", { method: "POST", body: new URLSearchParams({ user_count: "2", spawn_rate: "50", host: target.url }) });
    expect(((await started.json()) as { success: boolean }).success).toBe(true);
    await waitFor(() => runner.state === "running" && runner.userCount === 2, "2 users running");
    recordRequest(environment, "/kept", 5);
    const [stops, resets] = [refusals(`GET /stop (Sec-Fetch-Site: ${site})`), refusals(`GET /stats/reset (Sec-Fetch-Site: ${site})`)];

    await attackFrom(origin(), ["post-swarm", "get-stop", "get-reset"]);
    expect([runner.state, runner.targetUserCount, environment.host]).toEqual(["running", 2, target.url]);
    expect(environment.stats.find("/kept", "GET")!.numRequests).toBe(1);
    expect(refusals(`GET /stop (Sec-Fetch-Site: ${site})`)).toBe(stops + 3);
    expect(refusals(`GET /stats/reset (Sec-Fetch-Site: ${site})`)).toBe(resets + 3);

    expect(await (await script("stop")).json()).toEqual({ success: true, message: "Test stopped" });
    await waitFor(() => runner.state === "stopped", "stopped by the script");
    environment.host = undefined;
  }, 30000);

  test("the UI's own page still resets and stops a test, and scripts still reset and stop one", async () => {
    const runner = environment.runner!;
    const page = await context.newPage();
    try {
      await page.goto(ui.url);
      await page.waitForSelector('#state-badge[data-state="stopped"]');
      await page.click("#new-test");
      await page.waitForSelector("#swarm-dialog[open]");
      await page.fill('input[name="user_count"]', "3");
      await page.fill('input[name="spawn_rate"]', "50");
      await page.fill('input[name="host"]', target.url);
      await page.click("#swarm-submit");
      await page.waitForSelector('#state-badge[data-state="running"]');
      await waitFor(() => runner.userCount === 3, "3 users from the page");
      recordRequest(environment, "/page-reset", 5);
      await page.click("#reset-stats");
      await waitFor(() => environment.stats.find("/page-reset", "GET")!.numRequests === 0, "reset from the page");
      await page.click("#stop-test");
      await page.waitForSelector('#state-badge[data-state="stopped"]');
    } finally {
      await page.close();
    }

    await script("swarm", { method: "POST", body: new URLSearchParams({ user_count: "1", spawn_rate: "50" }) });
    await waitFor(() => runner.state === "running", "running again from a script");
    recordRequest(environment, "/script-reset", 5);
    expect(await (await script("stats/reset")).text()).toBe("ok");
    expect(environment.stats.find("/script-reset", "GET")!.numRequests).toBe(0);
    await script("stop");
    await waitFor(() => runner.state === "stopped", "stopped by a script");
  }, 30000);
});
