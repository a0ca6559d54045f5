import { fetchLogs } from "../api.ts";
import type { Store } from "../state.ts";

const REFRESH_MS = 2000;

/** The Logs tab: the last log lines from /logs, refreshed every 2 s while the tab is open. */
export function mountLogsPanel(store: Store): void {
  const pre = document.getElementById("logs")!;
  let lastFetch = 0;
  store.subscribe(({ tab }) => {
    if (tab !== "logs" || performance.now() - lastFetch < REFRESH_MS) return;
    lastFetch = performance.now();
    void fetchLogs().then(({ master }) => {
      const atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
      pre.textContent = master.join("\n");
      if (atBottom) pre.scrollTop = pre.scrollHeight;
    });
  });
}
