/**
 * The threshold badges in the real page (Debian's chromium via playwright-core): one per threshold under the top
 * bar, turning from green to red as the stats push frames change.
 * @module
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { Environment } from "../../../src/core/environment.ts";
import { defaultOptions } from "../../../src/core/options/index.ts";
import { startWebUi, type RunningWebUi } from "../../../src/ui/server.ts";
import { recordRequest, TargetUser } from "../ui-fixture.ts";

const CHROMIUM = "/usr/bin/chromium";
const haveChromium = await Bun.file(CHROMIUM).exists();
if (!haveChromium) {
  if (process.env.CI) throw new Error(`${CHROMIUM} is required for the browser test under CI`);
  console.log(`skipping the threshold badge browser test: ${CHROMIUM} is not installed`);
}

let environment: Environment;
let ui: RunningWebUi;
let context: BrowserContext;
let profileDir: string;

beforeAll(async () => {
  if (!haveChromium) return;
  environment = new Environment({ userClasses: [TargetUser], thresholds: ['"GET /home":p95<100', "failures<1"] });
  environment.attachStats();
  environment.createLocalRunner();
  ui = await startWebUi(environment, { ...defaultOptions(), webHost: "127.0.0.1", webPort: 0 });
  profileDir = await mkdtemp(join(tmpdir(), "ui-badges-"));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
});

afterAll(async () => {
  if (!haveChromium) return;
  await context?.close();
  await environment?.runner?.quit();
  await ui?.stop();
  await rm(profileDir, { recursive: true, force: true });
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
