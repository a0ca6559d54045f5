import { formatPercent, formatRate } from "../../number-format.ts";
import { resetStats, stopTest } from "../api.ts";
import type { Store } from "../state.ts";
import type { SwarmDialog } from "./swarm-dialog.ts";

const byId = (id: string) => document.getElementById(id)!;

/**
 * The top bar: version, host, state badge, users, RPS (0 once a test is not running, as its users make no
 * requests), failure ratio, the test buttons that fit the state, and a notice when a button's request failed.
 */
export function mountHeaderBar(store: Store, dialog: SwarmDialog): void {
  const badge = byId("state-badge");
  const notice = byId("notice");
  const buttons = { start: byId("new-test"), edit: byId("edit-test"), stop: byId("stop-test") };
  const report = (action: Promise<unknown>) => action.then(() => store.update({ notice: null }), (err: Error) => store.update({ notice: err.message }));
  buttons.start.addEventListener("click", () => dialog.open("start"));
  buttons.edit.addEventListener("click", () => dialog.open("edit"));
  buttons.stop.addEventListener("click", () => void report(stopTest()));
  byId("reset-stats").addEventListener("click", () => void report(resetStats()));
  notice.querySelector("button")!.addEventListener("click", () => store.update({ notice: null }));
  byId("logout").hidden = !store.state.config.loginPage;
  const version = store.state.config.version;
  byId("version").textContent = version ? `v${version}` : "";

  store.subscribe(({ frame, config, notice: message }) => {
    notice.hidden = message === null;
    notice.querySelector("span")!.textContent = message ?? "";
    if (!frame) return;
    const active = frame.state === "spawning" || frame.state === "running";
    badge.textContent = frame.state;
    badge.dataset.state = frame.state;
    byId("summary-host").textContent = frame.host ?? config.host ?? "–";
    byId("summary-host").title = frame.host ?? config.host ?? "";
    byId("summary-users").textContent = String(frame.userCount);
    byId("summary-rps").textContent = formatRate(active ? frame.total[11] : 0);
    byId("summary-failures").textContent = formatPercent(frame.failRatio);
    buttons.start.hidden = active;
    buttons.edit.hidden = !active;
    buttons.stop.hidden = !active;
  });
}
