/**
 * End-to-end, in Debian's chromium: what a Locust user looks for in the web UI (issue 16). A test without a host
 * started from the form, the Current ratio tab, long names, errors with the server gone, charts across runs, the
 * latency spectrum, and the start dialog under --web-login. Each view is saved light and dark at 1440 and 800 px.
 * @module
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { BrowserContext, Page } from "playwright-core";
import packageJson from "../../../package.json" with { type: "json" };
import { formatTaskRatios } from "../../../src/cli/inspect.ts";
import { Environment } from "../../../src/core/environment.ts";
import { defaultOptions, type Options } from "../../../src/core/options/index.ts";
import { task } from "../../../src/core/user/decorators.ts";
import { constant } from "../../../src/core/user/wait-time.ts";
import { HttpUser } from "../../../src/protocols/http/index.ts";
import type { PercentilesAnswer, TaskRatioTree } from "../../../src/ui/app/api.ts";
import { formatMs } from "../../../src/ui/number-format.ts";
import { startWebUi, type RunningWebUi } from "../../../src/ui/server.ts";
import { startHttpTarget, type HttpTarget } from "../../support/http-target.ts";
import { recordRequest, waitFor } from "../ui-fixture.ts";
import { haveChromium, launchChromium, screenshotViews } from "./browser.ts";

/** An HttpUser with no host of its own: the run needs -H or the form's Host. */
class Shopper extends HttpUser {
  static override abstract = false;
  override waitTime = constant(0.02);

  @task(3) async fast() {
    await this.client.get("/ultra_fast");
  }

  @task async fail() {
    await this.client.get("/fail");
  }
}

class Browser extends HttpUser {
  static override abstract = false;
  static override weight = 3;
  override waitTime = constant(0.02);

  @task async browse() {
    await this.client.get("/ultra_fast");
  }
}

const SERVER_GONE = "The locust-bun server cannot be reached: is it still running? The page reconnects by itself once it is back.";
const LONG_NAME = `/api/v2/catalogue/${"very-long-segment-".repeat(8)}end?query=${"x".repeat(40)}`;

let target: HttpTarget;
let environment: Environment;
let ui: RunningWebUi;
let context: BrowserContext;
let closeBrowser: () => Promise<void>;
let page: Page;

const uiOptions = (overrides: Partial<Options> = {}): Options => ({ ...defaultOptions(), webHost: "127.0.0.1", webPort: 0, ...overrides });

beforeAll(async () => {
  if (!haveChromium) return;
  target = startHttpTarget();
  environment = new Environment({ userClasses: [Shopper, Browser] });
  environment.attachStats();
  environment.createLocalRunner();
  ui = await startWebUi(environment, uiOptions());
  ({ context, close: closeBrowser } = await launchChromium());
  page = await context.newPage();
});

afterAll(async () => {
  if (!haveChromium) return;
  await closeBrowser?.();
  await environment?.runner?.quit();
  await ui?.stop();
  await target?.stop();
});

/** Starts a test from the dialog (already open or opened with "New test"). */
async function startFromForm(host: string | null): Promise<void> {
  if (!(await page.isVisible("#swarm-dialog[open]"))) await page.click("#new-test");
  await page.fill('input[name="user_count"]', "4");
  await page.fill('input[name="spawn_rate"]', "50");
  if (host !== null) await page.fill('input[name="host"]', host);
  await page.click("#swarm-submit");
}

/** The ratio tree the page shows under `selector`, as sorted "Class/task 12.50%" lines (the server sorts keys). */
const readRatioList = (selector: string) =>
  page.$$eval(`${selector} li`, (items) =>
    items
      .map((li) => {
        const path: string[] = [];
        for (let item: Element | null = li; item; item = item.parentElement!.closest("li")) path.unshift(item.querySelector(":scope > .task")!.textContent!);
        return `${path.join("/")} ${li.querySelector(":scope > .ratio")!.textContent}`;
      })
      .sort(),
  );

function formatRatioLines(tree: TaskRatioTree, prefix = ""): string[] {
  return Object.entries(tree)
    .flatMap(([name, node]) => [`${prefix}${name} ${(node.ratio * 100).toFixed(2)}%`, ...formatRatioLines(node.tasks ?? {}, `${prefix}${name}/`)])
    .sort();
}

describe.skipIf(!haveChromium)("the web UI's views in chromium", () => {
  test("with no host anywhere the form says so, and the test runs against the host typed into it", async () => {
    await page.goto(ui.url);
    await page.waitForSelector("#swarm-dialog[open]");
    expect(await page.textContent("#version")).toBe(`v${packageJson.version}`);
    await page.click("#swarm-cancel");
    await page.waitForSelector("#request-table tbody td.empty");
    expect(await page.textContent("#request-table tbody td.empty")).toContain("Click “New test” to start a load test");
    await screenshotViews(page, "view-empty-table");

    await startFromForm("");
    await page.waitForSelector("#swarm-error:not([hidden])");
    expect(await page.textContent("#swarm-error")).toBe("Enter a Host (e.g. http://127.0.0.1:8080): Shopper, Browser have no host of their own and none was given with -H.");
    expect(environment.runner!.state).toBe("ready");
    await screenshotViews(page, "view-host-required");

    await startFromForm(target.url);
    await page.waitForSelector('#state-badge[data-state="running"]');
    expect(await page.textContent("#summary-host")).toBe(target.url);
    await waitFor(() => target.hits("GET", "/ultra_fast") > 0, "requests to the form's host");
  }, 30000);

  test("the Current ratio tab shows the numbers --show-task-ratio-json prints for the same users", async () => {
    await page.waitForFunction(() => document.querySelector("#summary-users")!.textContent === "4");
    await page.click('nav.tabs [data-tab="ratios"]');
    await page.waitForSelector("#ratios-total li");
    const printed = JSON.parse(formatTaskRatios(environment, 4, true)) as { per_class: TaskRatioTree; total: TaskRatioTree };
    expect(await readRatioList("#ratios-per-class")).toEqual(formatRatioLines(printed.per_class));
    expect(await readRatioList("#ratios-total")).toEqual(formatRatioLines(printed.total));
    // 1 Shopper and 3 Browsers: Shopper's fast task is 3/4 of a quarter of all task runs.
    expect(await readRatioList("#ratios-total")).toContain("Shopper/fast 18.75%");
    await screenshotViews(page, "view-ratio");
  }, 30000);

  test("ticked rows get a live percentile spectrum and their own response-time line; charts save as PNG", async () => {
    await page.click('nav.tabs [data-tab="stats"]');
    await page.check('#request-table input.pick[data-name="/ultra_fast"]');
    await page.click('nav.tabs [data-tab="latency"]');
    await page.waitForFunction(() => document.querySelectorAll("#latency-table tbody tr").length === 2);
    expect(await page.$$eval("#latency-table tbody td.name", (cells) => cells.map((c) => c.textContent))).toEqual(["Aggregated", "/ultra_fast"]);
    expect(await page.$$eval("#latency-table thead th", (cells) => cells.map((c) => c.textContent)).then((h) => [h[2], h.at(-1)])).toEqual(["p50", "p99.999"]);
    await screenshotViews(page, "view-latency-live");

    await page.click('nav.tabs [data-tab="charts"]');
    await page.waitForFunction(() => [...document.querySelectorAll("#chart-response-times .u-legend .u-label")].some((l) => l.textContent === "GET /ultra_fast (p95)"));
    await page.waitForFunction(() => Number(document.getElementById("charts")!.dataset.pointCount) >= 3);
    // The pointer is elsewhere, so the legend shows the newest values rather than dashes.
    await page.mouse.move(5, 5);
    expect(await page.textContent("#chart-users .u-legend .u-series:nth-child(2) .u-value")).toBe("4");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#chart-rps .save-chart")]);
    expect(download.suggestedFilename()).toBe("locust-bun-rps.png");
    const png = new Uint8Array(await Bun.file((await download.path())!).arrayBuffer());
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await screenshotViews(page, "view-charts-ticked");
  }, 30000);

  test("a stopped test shows RPS 0; a second run stays on the charts after the first, with a marker each", async () => {
    await page.click("#stop-test");
    await page.waitForSelector('#state-badge[data-state="stopped"]');
    expect(await page.textContent("#summary-rps")).toBe("0");
    await startFromForm(null);
    await page.waitForSelector('#state-badge[data-state="running"]');
    await page.waitForFunction(() => document.getElementById("charts")!.dataset.runCount === "2");
    const before = Number(await page.getAttribute("#charts", "data-point-count"));
    await page.waitForFunction((n) => Number(document.getElementById("charts")!.dataset.pointCount) >= n + 2, before);
    await page.click("#stop-test");
    await page.waitForSelector('#state-badge[data-state="stopped"]');
    await screenshotViews(page, "view-charts-two-runs");
  }, 30000);

  test("the spectrum on the Latency tab shows the values /stats/percentiles answers", async () => {
    const answer = (await (await fetch(`${ui.url}stats/percentiles?names=%2Fultra_fast`)).json()) as PercentilesAnswer;
    expect(answer.stats.map((row) => row.name)).toEqual(["Aggregated", "/ultra_fast"]);
    const expected = answer.stats.map((row) => row.response_times.map((v) => formatMs(v!)));
    await page.click('nav.tabs [data-tab="latency"]');
    await page.waitForFunction(
      (want) => JSON.stringify([...document.querySelectorAll("#latency-table tbody tr")].map((tr) => [...tr.querySelectorAll("td.num")].map((td) => td.textContent))) === want,
      JSON.stringify(expected),
    );
    expect(expected[0]!.at(-1)).not.toBe(expected[0]![0]);
    await screenshotViews(page, "view-latency-stopped");
  }, 30000);

  test("a long request name is readable whole in the table and the failures table, which sorts like the table", async () => {
    recordRequest(environment, LONG_NAME, 12);
    recordRequest(environment, LONG_NAME, 15, { method: "POST", error: new Error("HTTP 502") });
    await page.click('nav.tabs [data-tab="stats"]');
    const cell = `#request-table td.name[title="${LONG_NAME}"]`;
    await page.waitForSelector(cell);
    const shown = await page.$eval(cell, (td) => ({ text: td.textContent, clipped: td.scrollWidth > td.clientWidth, lines: td.clientHeight }));
    expect(shown.text).toBe(LONG_NAME);
    expect(shown.clipped).toBe(false);
    expect(shown.lines).toBeGreaterThan(30);
    await screenshotViews(page, "view-long-name");

    await page.click('nav.tabs [data-tab="failures"]');
    await page.waitForSelector(`#failures-table td.name[title="${LONG_NAME}"]`);
    const names = () => page.$$eval("#failures-table tbody td.name", (cells) => cells.map((c) => c.textContent));
    await page.click('#failures-table th[data-column="1"]');
    await page.waitForSelector('#failures-table th[data-column="1"][data-sort="asc"]');
    expect(await names()).toEqual([LONG_NAME, "/fail"]);
    await page.click('#failures-table th[data-column="1"]');
    await page.waitForSelector('#failures-table th[data-column="1"][data-sort="desc"]');
    expect(await names()).toEqual(["/fail", LONG_NAME]);
    await screenshotViews(page, "view-failures-long-name");
  }, 30000);

  test("with the server gone, the header, the connection state and the form say so", async () => {
    const lonely = new Environment({ userClasses: [Shopper], host: target.url });
    lonely.attachStats();
    lonely.createLocalRunner();
    const lonelyUi = await startWebUi(lonely, uiOptions());
    const gone = await context.newPage();
    try {
      await gone.goto(lonelyUi.url);
      await gone.waitForSelector('#connection[data-connected="true"]');
      await gone.click("#swarm-cancel");
      await lonelyUi.stop();
      await gone.waitForSelector('#connection[data-connected="false"]');
      expect(await gone.textContent("#connection")).toBe("reconnecting…");
      await gone.click("#reset-stats");
      await gone.waitForSelector("#notice:not([hidden])");
      expect(await gone.textContent("#notice span")).toBe(SERVER_GONE);
      await screenshotViews(gone, "view-server-gone");
      await gone.click("#new-test");
      await gone.click("#swarm-submit");
      await gone.waitForSelector("#swarm-error:not([hidden])");
      expect(await gone.textContent("#swarm-error")).toBe(SERVER_GONE);
      await screenshotViews(gone, "view-server-gone-form");
    } finally {
      await gone.close();
      await lonely.runner!.quit();
    }
  }, 30000);

  test("under --web-login the start dialog leaves Log out in reach", async () => {
    const guarded = new Environment({ userClasses: [Shopper], host: target.url });
    guarded.attachStats();
    guarded.createLocalRunner();
    const guardedUi = await startWebUi(guarded, uiOptions({ webLogin: true, webAuth: "admin:pw" }));
    const login = await context.newPage();
    try {
      await login.goto(guardedUi.url);
      await login.fill('input[name="username"]', "admin");
      await login.fill('input[name="password"]', "pw");
      await login.click('button[type="submit"]');
      await login.waitForSelector("#swarm-dialog[open]");
      await screenshotViews(login, "view-login-dialog");
      // Playwright clicks only what receives the pointer: a modal dialog's backdrop would make this time out.
      await login.click("#logout", { timeout: 3000 });
      await login.waitForURL(/\/login$/);
    } finally {
      await login.close();
      await guarded.runner!.quit();
      await guardedUi.stop();
    }
  }, 30000);
});
