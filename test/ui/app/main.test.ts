/**
 * End-to-end: the real page in Debian's chromium (driven by playwright-core) against a real web UI and a real
 * target. Screenshots go to test-artifacts/ for a human to look at.
 * @module
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { Environment } from "../../../src/core/environment.ts";
import { createArgumentTable, defaultOptions } from "../../../src/core/options/index.ts";
import { renderHtmlReport } from "../../../src/ui/report/html-report.ts";
import { startWebUi, type RunningWebUi } from "../../../src/ui/server.ts";
import { startHttpTarget, type HttpTarget } from "../../support/http-target.ts";
import { ManualClock, recordRequest, TargetUser } from "../ui-fixture.ts";
import { ARTIFACTS, haveChromium, launchChromium } from "./browser.ts";

let target: HttpTarget;
let environment: Environment;
let ui: RunningWebUi;
let context: BrowserContext;
let closeBrowser: () => Promise<void>;

beforeAll(async () => {
  if (!haveChromium) return;
  target = startHttpTarget();
  environment = new Environment({ userClasses: [TargetUser] });
  environment.attachStats();
  environment.createLocalRunner();
  ui = await startWebUi(environment, { ...defaultOptions(), webHost: "127.0.0.1", webPort: 0 });
  ({ context, close: closeBrowser } = await launchChromium());
});

afterAll(async () => {
  if (!haveChromium) return;
  await closeBrowser?.();
  await environment?.runner?.quit();
  await ui?.stop();
  await target?.stop();
});

/** Two minutes of a shop test: three names, a failing checkout, an exception, a history row every 5 s. */
function createReportEnvironment(): Environment {
  const clock = new ManualClock(Date.now() / 1000 - 120);
  const report = new Environment({ userClasses: [TargetUser], host: "http://shop.test", clock });
  report.attachStats();
  report.createLocalRunner();
  for (let step = 0; step < 24; step++) {
    const load = 5 + Math.round(10 * Math.sin(step / 4) ** 2);
    for (let second = 0; second < 5; second++) {
      clock.seconds += 1;
      for (let i = 0; i < load; i++) {
        recordRequest(report, "/home", 20 + ((i * 7 + step) % 40), { length: 5120 });
        if (i % 2 === 0) recordRequest(report, "/cart", 35 + ((i * 13) % 60), { method: "POST", length: 300 });
        if (i % 5 === 0) recordRequest(report, "/checkout", 120 + step * 6, { method: "POST", error: i === 0 ? new Error("HTTP 503") : null });
      }
    }
    report.stats.history.record(report.stats, load, clock.seconds);
  }
  report.runner!.exceptions.record(new TypeError("cart is undefined"), "TypeError: cart is undefined\n    at checkout (locustfile.ts:21:9)");
  return report;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, name), fullPage: false });

/** Pixels of a uPlot chart's canvas close to `rgb` (a series colour), i.e. how much of that line is drawn. */
const seriesPixels = (page: Page, id: string, rgb: [number, number, number]) =>
  page.$eval(
    `#${id} canvas`,
    (canvas, [r, g, b]) => {
      const c = canvas as HTMLCanvasElement;
      const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
      let count = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i]! - r) < 40 && Math.abs(data[i + 1]! - g) < 40 && Math.abs(data[i + 2]! - b) < 40 && data[i + 3]! > 200) count++;
      }
      return count;
    },
    rgb,
  );

describe.skipIf(!haveChromium)("the web UI in chromium", () => {
  test("starts a swarm from the form, shows rows and charts, edits users, stops and downloads the CSV", async () => {
    const page = await context.newPage();
    await page.goto(ui.url);
    await page.waitForSelector("#swarm-dialog[open]");
    await page.fill('input[name="user_count"]', "4");
    await page.fill('input[name="spawn_rate"]', "20");
    await page.fill('input[name="host"]', target.url);
    await shot(page, "ui-start-dialog.png");
    await page.click("#swarm-submit");
    await page.waitForSelector("#swarm-dialog:not([open])", { state: "attached" });
    await page.waitForSelector('#state-badge[data-state="running"]');
    await page.waitForFunction(() => document.querySelectorAll("#request-table tbody tr").length === 2);
    expect(await page.$$eval("#request-table tbody tr td:nth-child(2)", (cells) => cells.map((c) => c.textContent))).toEqual(["/fail", "/ultra_fast"]);
    await page.click('#request-table th[data-column="2"]');
    await page.waitForSelector('#request-table th[data-column="2"][data-sort="desc"]');
    await page.waitForFunction(() => Number(document.querySelector("#summary-users")!.textContent) === 4);
    await shot(page, "ui-stats-light.png");

    await page.click('nav.tabs [data-tab="charts"]');
    await page.waitForFunction(() => Number(document.getElementById("charts")!.dataset.pointCount) >= 3, undefined, { timeout: 6000 });
    // The users line (#3a86d4) is drawn: 4 users from the first point on.
    expect(await seriesPixels(page, "chart-users", [0x3a, 0x86, 0xd4])).toBeGreaterThan(50);
    await shot(page, "ui-charts-light.png");

    await page.click("#edit-test");
    await page.fill('input[name="user_count"]', "7");
    await page.click("#swarm-submit");
    await page.waitForFunction(() => document.querySelector("#summary-users")!.textContent === "7");
    expect(environment.runner!.targetUserCount).toBe(7);

    await page.click("#theme-toggle");
    await page.waitForSelector("html.dark", { state: "attached" });
    await page.waitForFunction(() => Number(document.getElementById("charts")!.dataset.pointCount) >= 4);
    await shot(page, "ui-charts-dark.png");
    await page.click('nav.tabs [data-tab="stats"]');
    await shot(page, "ui-stats-dark.png");

    await page.click('nav.tabs [data-tab="failures"]');
    await page.waitForSelector("#failures-table tbody tr td pre");
    expect(await page.textContent("#failures-table tbody tr td pre")).toBe("Error('HTTP 500')");
    await shot(page, "ui-failures-dark.png");

    await page.click("#stop-test");
    await page.waitForSelector('#state-badge[data-state="stopped"]');

    await page.click('nav.tabs [data-tab="downloads"]');
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-requests")]);
    const csv = await Bun.file((await download.path())!).text();
    expect(csv.split("\r\n")[0]).toBe(
      "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%",
    );
    expect(csv).toContain(",Aggregated,");

    await page.reload();
    await page.click('nav.tabs [data-tab="charts"]');
    await page.waitForFunction(() => Number(document.getElementById("charts")!.dataset.pointCount) >= 4);
    await page.close();
  }, 30000);

  test("keeps up with 500 request names (the frame's cap) and sorts them", async () => {
    for (let i = 0; i < 510; i++) recordRequest(environment, `/a/${String(i).padStart(3, "0")}`, 1 + (i % 50), { length: i });
    const page = await context.newPage();
    await page.goto(`${ui.url}#stats`);
    await page.waitForFunction(() => document.querySelectorAll("#request-table tbody tr").length === 500, undefined, { timeout: 5000 });
    const renderMs = await page.$eval("#request-table", (table) => Number((table as HTMLElement).dataset.renderMs));
    console.log(`request table with 500 names rendered in ${renderMs} ms`);
    expect(await page.isVisible("#request-table-note")).toBe(true);
    await page.click('#request-table th[data-column="10"]');
    // The frame keeps the first 500 entries by name (Locust's cap): /a/000 … /a/499.
    await page.waitForFunction(() => document.querySelector("#request-table tbody tr td:nth-child(2)")!.textContent === "/a/499");
    await shot(page, "ui-500-names.png");
    await page.close();
  }, 20000);

  test("the Exceptions tab follows an exception that keeps recurring; no full-history link without that CSV", async () => {
    const page = await context.newPage();
    await page.goto(`${ui.url}#exceptions`);
    const traceback = "Error: recurring\n    at tick (locustfile.ts:3:9)";
    const countShown = (n: string) =>
      page.waitForFunction(
        (expected) => [...document.querySelectorAll("#exceptions-table tbody tr")].some((row) => row.textContent!.includes("recurring") && row.querySelector("td")!.textContent === expected),
        n,
      );
    environment.runner!.exceptions.record(new Error("recurring"), traceback);
    await countShown("1");
    environment.runner!.exceptions.record(new Error("recurring"), traceback);
    await countShown("2");
    expect(await page.isHidden("#full-history-item")).toBe(true);
    await page.close();
  }, 20000);

  test("the start form shows custom options (Locust's custom parameters) and posts their new values", async () => {
    const table = createArgumentTable();
    table.addArgument("--max-items", { type: "int", default: 3, help: "items per cart" });
    table.addArgument("--my-flag", { default: true });
    table.addArgument("--api-token", { default: "s3cret", isSecret: true });
    table.addArgument("--mode", { default: "fast", choices: ["fast", "slow"] });
    table.addArgument("--hidden", { default: "x", includeInWebUi: false });
    const custom = new Environment({ userClasses: [TargetUser], host: target.url, parsedOptions: { maxItems: 3, myFlag: true, apiToken: "s3cret", mode: "fast", hidden: "x" } });
    custom.attachStats();
    custom.createLocalRunner();
    const customUi = await startWebUi(custom, { ...defaultOptions(), webHost: "127.0.0.1", webPort: 0 }, table.customFlags);
    const page = await context.newPage();
    try {
      await page.goto(customUi.url);
      await page.waitForSelector("#swarm-dialog[open]");
      expect(await page.isVisible("#swarm-custom")).toBe(true);
      expect(await page.inputValue('input[name="max_items"]')).toBe("3");
      expect(await page.isChecked('input[name="my_flag"]')).toBe(true);
      expect(await page.getAttribute('input[name="api_token"]', "type")).toBe("password");
      expect(await page.inputValue('select[name="mode"]')).toBe("fast");
      expect(await page.$('[name="hidden"]')).toBeNull();
      await page.fill('input[name="max_items"]', "7");
      await page.uncheck('input[name="my_flag"]');
      await page.selectOption('select[name="mode"]', "slow");
      await page.fill('input[name="user_count"]', "1");
      await page.click("#swarm-submit");
      await page.waitForSelector('#state-badge[data-state="running"]');
      expect(custom.parsedOptions).toMatchObject({ maxItems: 7, myFlag: false, apiToken: "s3cret", mode: "slow", hidden: "x" });
    } finally {
      await page.close();
      await custom.runner!.quit();
      await customUi.stop();
    }
  }, 20000);

  test("the HTML report opens offline and shows its tables and charts", async () => {
    const report = createReportEnvironment();
    for (const theme of ["light", "dark"] as const) {
      const page = await context.newPage();
      await context.setOffline(true);
      await page.setContent(renderHtmlReport(report, { theme, download: true }));
      expect(await page.$$eval("table.requests tbody tr td:nth-child(2)", (cells) => cells.map((c) => c.textContent))).toEqual([
        "/cart", "/checkout", "/home", "Aggregated",
      ]);
      expect(await page.$$eval("table.percentiles thead th", (cells) => cells.map((c) => c.textContent))).toContain("95%ile (ms)");
      expect(await page.$$eval("table.failures tbody tr", (rows) => rows.length)).toBe(1);
      expect(await page.$$eval("table.exceptions tbody tr", (rows) => rows.length)).toBe(1);
      expect(await page.$$eval("svg.chart polyline", (lines) => lines.length)).toBe(5);
      expect(await page.$$eval("table.spectrum tbody td.name", (cells) => cells.map((c) => c.textContent))).toEqual(["/cart", "/checkout", "/home", "Aggregated"]);
      expect(await page.$$eval(".ratios li > .ratio", (cells) => cells.map((c) => c.textContent))).toEqual(["100.00%", "75.00%", "25.00%", "100.00%", "75.00%", "25.00%"]);
      await page.screenshot({ path: join(ARTIFACTS, `report-${theme}.png`), fullPage: true });
      await context.setOffline(false);
      await page.close();
    }
    await report.runner!.quit();
  }, 20000);
});
