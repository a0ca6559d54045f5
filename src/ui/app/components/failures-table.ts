import { escapeHtml } from "../../escape-html.ts";
import { formatCount } from "../../number-format.ts";
import type { Store } from "../state.ts";

/** The Failures tab: failure groups from the stats frame, most frequent first; the tab shows their count. */
export function mountFailuresTable(store: Store): void {
  const body = (document.getElementById("failures-table") as HTMLTableElement).tBodies[0]!;
  const count = document.getElementById("failures-count")!;
  let drawn: unknown = null;
  store.subscribe(({ frame, tab }) => {
    if (!frame) return;
    count.textContent = frame.errors.length > 0 ? String(frame.errors.length) : "";
    if (tab !== "failures" || drawn === frame) return;
    drawn = frame;
    const rows = [...frame.errors].sort((a, b) => b[3] - a[3]);
    body.innerHTML =
      rows.length === 0
        ? `<tr><td colspan="4" class="empty">No failures.</td></tr>`
        : rows
            .map(([method, name, error, occurrences]) =>
              `<tr><td>${escapeHtml(method)}</td><td>${escapeHtml(name)}</td><td><pre>${escapeHtml(error)}</pre></td><td class="num">${formatCount(occurrences)}</td></tr>`)
            .join("");
  });
}
