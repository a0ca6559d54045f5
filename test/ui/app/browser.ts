/**
 * The browser the end-to-end tests drive: Debian's chromium through playwright-core (never a downloaded one),
 * with the launch flags that keep it quiet and offline-friendly. Screenshots go to test-artifacts/.
 * @module
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const ARTIFACTS = join(import.meta.dir, "../../../test-artifacts");
export const haveChromium = await Bun.file(CHROMIUM).exists();
if (!haveChromium) {
  if (process.env.CI) throw new Error(`${CHROMIUM} is required for the browser test under CI`);
  console.log(`skipping the browser test: ${CHROMIUM} is not installed`);
}

/** A persistent chromium context in a fresh profile, with `extraArgs` added; closing it removes the profile. */
export async function launchChromium(extraArgs: string[] = []): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  await mkdir(ARTIFACTS, { recursive: true });
  const profileDir = await mkdtemp(join(tmpdir(), "ui-chromium-"));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1400, height: 900 },
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync",
      ...extraArgs,
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}

/**
 * The page's theme, switched with its own toggle button (so charts rebuild as they do for a user); clicked from
 * script, since an open modal dialog keeps the pointer from it.
 */
async function setTheme(page: Page, theme: "light" | "dark"): Promise<void> {
  const dark = await page.evaluate(() => document.documentElement.classList.contains("dark"));
  if (dark === (theme === "dark")) return;
  await page.evaluate(() => document.getElementById("theme-toggle")!.click());
  await page.waitForFunction((want) => document.documentElement.dataset.theme === want, theme);
}

/**
 * Screenshots of what the page shows now, light and dark at 1440 and 800 px wide:
 * `<name>-<theme>-<width>.png`. Leaves the page light at 1440 px.
 */
export async function screenshotViews(page: Page, name: string): Promise<void> {
  for (const width of [1440, 800]) {
    await page.setViewportSize({ width, height: 900 });
    for (const theme of ["light", "dark"] as const) {
      await setTheme(page, theme);
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      await page.screenshot({ path: join(ARTIFACTS, `${name}-${theme}-${width}.png`) });
    }
  }
  await setTheme(page, "light");
  await page.setViewportSize({ width: 1440, height: 900 });
}
