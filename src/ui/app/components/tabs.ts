import type { Store, TabName } from "../state.ts";

const TABS: readonly TabName[] = ["stats", "charts", "latency", "failures", "exceptions", "ratios", "workers", "logs", "downloads"];

/**
 * The tab bar: shows one panel, remembers the tab in the URL hash, and shows the connection status (a lost
 * connection also marks `<body>`, which the stylesheet turns into a banner).
 */
export function mountTabs(store: Store): void {
  const buttons = [...document.querySelectorAll<HTMLButtonElement>("nav.tabs [data-tab]")];
  const panels = [...document.querySelectorAll<HTMLElement>("main [data-panel]")];
  const connection = document.getElementById("connection")!;
  const select = (tab: TabName) => {
    for (const button of buttons) button.setAttribute("aria-selected", String(button.dataset.tab === tab));
    for (const panel of panels) panel.hidden = panel.dataset.panel !== tab;
    if (location.hash !== `#${tab}`) history.replaceState(null, "", `#${tab}`);
    if (store.state.tab !== tab) store.update({ tab });
  };
  for (const button of buttons) button.addEventListener("click", () => select(button.dataset.tab as TabName));
  const fromHash = location.hash.slice(1) as TabName;
  select(TABS.includes(fromHash) ? fromHash : "stats");
  let connected: boolean | undefined;
  store.subscribe((state) => {
    if (state.connected === connected) return;
    connected = state.connected;
    connection.dataset.connected = String(connected);
    connection.textContent = connected ? "live" : "reconnecting…";
    document.body.dataset.connected = String(connected);
  });
}
