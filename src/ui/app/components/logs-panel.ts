import { fetchLogs } from "../api.ts";
import type { Store } from "../state.ts";

const REFRESH_MS = 2000;

/** The Logs tab: the last log lines from /logs (a master's, then each worker's), refreshed every 2 s while open. */
export function mountLogsPanel(store: Store): void {
  const pre = document.getElementById("logs")!;
  let lastFetch = 0;
  store.subscribe(({ tab }) => {
    if (tab !== "logs" || performance.now() - lastFetch < REFRESH_MS) return;
    lastFetch = performance.now();
    void fetchLogs().then(({ master, workers }) => {
      const atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
      const sections = Object.entries(workers ?? {}).map(([id, lines]) => [`\n── worker ${id} ──`, ...lines].join("\n"));
      pre.textContent = [master.join("\n"), ...sections].join("\n");
      if (atBottom) pre.scrollTop = pre.scrollHeight;
    });
  });
}
