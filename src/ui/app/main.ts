/**
 * The page's entry point: reads the boot config, builds the store, mounts every component and opens the stats
 * socket. No framework: each component owns one part of the static markup in index.html.
 * @module
 */
import { BOOT_CONFIG_ID, type BootConfig } from "../boot-config.ts";
import { connectStats } from "./api.ts";
import { mountOpenModelSummary } from "./components/open-model-summary.ts";
import { mountChartsPanel } from "./components/charts-panel.ts";
import { mountDownloadsPanel } from "./components/downloads-panel.ts";
import { mountExceptionsTable } from "./components/exceptions-table.ts";
import { mountFailuresTable } from "./components/failures-table.ts";
import { mountHeaderBar } from "./components/header-bar.ts";
import { mountLatencyPanel } from "./components/latency-panel.ts";
import { mountLatencyPoll } from "./components/latency-poll.ts";
import { mountLogsPanel } from "./components/logs-panel.ts";
import { mountRatioPanel } from "./components/ratio-panel.ts";
import { mountRequestTable } from "./components/request-table.ts";
import { createSwarmDialog } from "./components/swarm-dialog.ts";
import { mountTabs } from "./components/tabs.ts";
import { mountThresholdBadges } from "./components/threshold-badges.ts";
import { mountWorkersTable } from "./components/workers-table.ts";
import { initialTheme, mountThemeToggle } from "./components/theme-toggle.ts";
import { Store } from "./state.ts";

function readConfig(): BootConfig {
  const element = document.getElementById(BOOT_CONFIG_ID);
  const fallback: BootConfig = {
    version: "",
    locustfile: "locustfile",
    host: null,
    users: 1,
    spawnRate: 1,
    runTime: "",
    classPicker: false,
    userClasses: [],
    shape: null,
    tags: [],
    loginPage: false,
    fullHistory: false,
    customOptions: [],
  };
  return element?.textContent ? { ...fallback, ...(JSON.parse(element.textContent) as BootConfig) } : fallback;
}

function start(): void {
  const store = new Store({
    config: readConfig(),
    frame: null,
    points: [],
    sort: { column: 1, descending: false },
    failureSort: { column: 3, descending: true },
    tab: "stats",
    theme: initialTheme(),
    connected: false,
    runStarts: [],
    ticked: [],
    latency: null,
    rowPoints: {},
    notice: null,
  });
  const swarmDialog = createSwarmDialog(store);
  mountThemeToggle(store);
  mountHeaderBar(store, swarmDialog);
  mountOpenModelSummary(store);
  mountTabs(store);
  mountThresholdBadges(store);
  mountRequestTable(store);
  mountChartsPanel(store);
  mountLatencyPoll(store);
  mountLatencyPanel(store);
  mountRatioPanel(store);
  mountFailuresTable(store);
  mountExceptionsTable(store);
  mountWorkersTable(store);
  mountLogsPanel(store);
  mountDownloadsPanel(store);
  store.update({});
  let firstFrame = true;
  connectStats(
    (frame) => {
      store.receiveFrame(frame);
      if (firstFrame && frame.state === "ready") swarmDialog.open("start");
      firstFrame = false;
    },
    (connected) => store.update({ connected }),
  );
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
