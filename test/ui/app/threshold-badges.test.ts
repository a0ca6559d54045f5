/**
 * The threshold badges in the real page (Debian's chromium via playwright-core): one per threshold under the top
 * bar, turning from green to red as the stats push frames change.
 * @module
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { BrowserContext, Page } from "playwright-core";
import { haveChromium, launchChromium } from "./browser.ts";
import { Environment } from "../../../src/core/environment.ts";
import { defaultOptions } from "../../../src/core/options/index.ts";
import { startWebUi, type RunningWebUi } from "../../../src/ui/server.ts";
import { recordRequest, TargetUser } from "../ui-fixture.ts";


let environment: Environment;
let ui: RunningWebUi;
let context: BrowserContext;
let closeBrowser: () => Promise<void>;

beforeAll(async () => {
  if (!haveChromium) return;
  environment = new Environment({ userClasses: [TargetUser], thresholds: ['"GET /home":p95<100', "failures<1"] });
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
});

const badges = (page: Page) =>
  page.$$eval("#threshold-badges .threshold", (spans) => spans.map((s) => [s.textContent, (s as HTMLElement).dataset.passed]));

describe.skipIf(!haveChromium)("threshold badges", () => {
  test("show each threshold and follow the stats live", async () => {
    const page = await context.newPage();
    await page.goto(ui.url);
    await page.waitForSelector("#threshold-badges .threshold");
    expect(await badges(page)).toEqual([
      ['✗ "GET /home":p95<100 (no data)', "false"],
      ["✗ failures<1 (no data)", "false"],
    ]);
    recordRequest(environment, "/home", 20);
    await page.waitForSelector('#threshold-badges .threshold[data-passed="true"] >> nth=1');
    expect(await badges(page)).toEqual([
      ['✓ "GET /home":p95<100 (20)', "true"],
      ["✓ failures<1 (0)", "true"],
    ]);
    recordRequest(environment, "/home", 500, { error: new Error("HTTP 500") });
    await page.waitForFunction(() => document.querySelectorAll('#threshold-badges .threshold[data-passed="false"]').length === 2);
    expect(await badges(page)).toEqual([
      ['✗ "GET /home":p95<100 (500)', "false"],
      ["✗ failures<1 (1)", "false"],
    ]);
    await page.close();
  });
});
