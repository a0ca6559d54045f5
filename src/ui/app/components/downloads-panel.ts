import type { Store } from "../state.ts";

/**
 * The Download Data tab: static links (the full-history CSV only when the run writes it, as Locust offers it),
 * with the HTML report following the page's theme.
 */
export function mountDownloadsPanel(store: Store): void {
  document.getElementById("full-history-item")!.hidden = !store.state.config.fullHistory;
  const open = document.getElementById("report-link") as HTMLAnchorElement;
  const download = document.getElementById("report-download") as HTMLAnchorElement;
  let theme = "";
  store.subscribe((state) => {
    if (state.theme === theme) return;
    theme = state.theme;
    const suffix = theme === "dark" ? "theme=dark" : "";
    open.href = `./stats/report${suffix ? `?${suffix}` : ""}`;
    download.href = `./stats/report?download=1${suffix ? `&${suffix}` : ""}`;
  });
}
