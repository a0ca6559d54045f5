import { escapeHtml } from "../../escape-html.ts";
import { fetchTasks, type TaskRatioTree } from "../api.ts";
import type { Store } from "../state.ts";

/**
 * The Current ratio tab (Locust's): `/tasks` as nested lists, per user class and in total, for the users running
 * now. Fetched when the tab opens and whenever the user count or state changes while it is open.
 */
export function mountRatioPanel(store: Store): void {
  const perClass = document.getElementById("ratios-per-class")!;
  const total = document.getElementById("ratios-total")!;
  let loadedFor = "";
  store.subscribe(({ frame, tab }) => {
    const key = `${frame?.state}:${frame?.userCount}`;
    if (tab !== "ratios") return void (loadedFor = "");
    if (loadedFor === key) return;
    loadedFor = key;
    fetchTasks().then(
      (answer) => {
        perClass.innerHTML = renderTree(answer.per_class);
        total.innerHTML = renderTree(answer.total);
      },
      // Not retried at once: the next state or user-count change (or reopening the tab) tries again.
      (err: Error) => store.update({ notice: err.message }),
    );
  });
}

function renderTree(tree: TaskRatioTree): string {
  const items = Object.entries(tree).map(([name, node]) => {
    const children = node.tasks && Object.keys(node.tasks).length > 0 ? renderTree(node.tasks) : "";
    return `<li><span class="ratio">${(node.ratio * 100).toFixed(2)}%</span> <span class="task">${escapeHtml(name)}</span>${children}</li>`;
  });
  return items.length === 0 ? `<p class="empty">No user classes.</p>` : `<ul>${items.join("")}</ul>`;
}
