import { escapeHtml } from "../../escape-html.ts";
import { formatCount } from "../../number-format.ts";
import { fetchExceptions } from "../api.ts";
import type { Store } from "../state.ts";

/** The Exceptions tab: fetched from /exceptions when the tab opens and whenever an exception is recorded. */
export function mountExceptionsTable(store: Store): void {
  const body = (document.getElementById("exceptions-table") as HTMLTableElement).tBodies[0]!;
  const count = document.getElementById("exceptions-count")!;
  let loadedFor = "";
  store.subscribe(({ frame, tab }) => {
    if (!frame) return;
    count.textContent = frame.exceptionCount > 0 ? String(frame.exceptionCount) : "";
    const key = `${frame.statsStart}:${frame.exceptionOccurrences}`;
    if (tab !== "exceptions" || loadedFor === key) return;
    loadedFor = key;
    void fetchExceptions().then(({ exceptions }) => {
      body.innerHTML =
        exceptions.length === 0
          ? `<tr><td colspan="4" class="empty">No exceptions.</td></tr>`
          : exceptions
              .map((e) => `<tr><td class="num">${formatCount(e.count)}</td><td>${escapeHtml(e.msg)}</td><td><pre>${escapeHtml(e.traceback)}</pre></td><td>${escapeHtml(e.nodes)}</td></tr>`)
              .join("");
    });
  });
}
