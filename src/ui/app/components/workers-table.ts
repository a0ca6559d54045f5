import { escapeHtml } from "../../escape-html.ts";
import { formatCount } from "../../number-format.ts";
import type { Store } from "../state.ts";

/**
 * The Workers tab, shown only on a master (as Locust's): each worker's id, state, users, CPU and memory from the
 * stats frame; the tab shows how many are connected.
 */
export function mountWorkersTable(store: Store): void {
  const tab = document.querySelector<HTMLElement>('nav.tabs [data-tab="workers"]')!;
  const body = (document.getElementById("workers-table") as HTMLTableElement).tBodies[0]!;
  const count = document.getElementById("workers-count")!;
  let drawn: unknown = null;
  store.subscribe(({ frame, tab: open }) => {
    if (!frame) return;
    tab.hidden = frame.workers === undefined;
    const workers = frame.workers ?? [];
    count.textContent = String(workers.filter(([, state]) => state !== "missing").length);
    if (open !== "workers" || drawn === frame) return;
    drawn = frame;
    body.innerHTML =
      workers.length === 0
        ? `<tr><td colspan="5" class="empty">No workers connected yet. Start some with: locust-bun -f &lt;locustfile&gt; --worker --master-host &lt;this host&gt;</td></tr>`
        : workers
            .map(([id, state, users, cpu, memory]) =>
              `<tr><td>${escapeHtml(id)}</td><td class="state-${escapeHtml(state)}">${escapeHtml(state)}</td>` +
              `<td class="num">${formatCount(users)}</td><td class="num">${cpu.toFixed(1)} %</td>` +
              `<td class="num">${(memory / 1_048_576).toFixed(1)} MB</td></tr>`)
            .join("");
  });
}
