import { formatPercent, formatRate } from "../../number-format.ts";
import { resetStats, stopTest } from "../api.ts";
import type { Store } from "../state.ts";
import type { SwarmDialog } from "./swarm-dialog.ts";

const byId = (id: string) => document.getElementById(id)!;

/** The top bar: host, state badge, users, RPS, failure ratio, and the test buttons that fit the state. */
export function mountHeaderBar(store: Store, dialog: SwarmDialog): void {
  const badge = byId("state-badge");
  const buttons = { start: byId("new-test"), edit: byId("edit-test"), stop: byId("stop-test") };
  buttons.start.addEventListener("click", () => dialog.open("start"));
  buttons.edit.addEventListener("click", () => dialog.open("edit"));
  buttons.stop.addEventListener("click", () => void stopTest());
  byId("reset-stats").addEventListener("click", () => void resetStats());
  byId("logout").hidden = !store.state.config.loginPage;

  store.subscribe(({ frame, config }) => {
    if (!frame) return;
    const active = frame.state === "spawning" || frame.state === "running";
    badge.textContent = frame.state;
    badge.dataset.state = frame.state;
    byId("summary-host").textContent = frame.host ?? config.host ?? "–";
    byId("summary-users").textContent = String(frame.userCount);
    byId("summary-rps").textContent = formatRate(frame.total[11]);
    byId("summary-failures").textContent = formatPercent(frame.failRatio);
    buttons.start.hidden = active;
    buttons.edit.hidden = !active;
    buttons.stop.hidden = !active;
  });
}
