import { escapeHtml } from "../../escape-html.ts";
import { formatCount } from "../../number-format.ts";
import type { ErrorRowTuple } from "../../stats-frame.ts";
import type { SortOrder, Store } from "../state.ts";

/**
 * The Failures tab: failure groups from the stats frame, most frequent first until a header is clicked (sortable
 * like the statistics table); names wrap and carry their whole text as a title. The tab shows the group count.
 */
export function mountFailuresTable(store: Store): void {
  const table = document.getElementById("failures-table") as HTMLTableElement;
  const headRow = table.tHead!.rows[0]!;
  const body = table.tBodies[0]!;
  const count = document.getElementById("failures-count")!;
  const sortBy = (th: HTMLElement | null) => {
    if (!th) return;
    const column = Number(th.dataset.column);
    const { failureSort } = store.state;
    store.update({ failureSort: { column, descending: failureSort.column === column ? !failureSort.descending : column === 3 } });
  };
  headRow.addEventListener("click", (event) => sortBy((event.target as HTMLElement).closest("th")));
  headRow.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") sortBy((event.target as HTMLElement).closest("th"));
  });

  let drawn: { frame: unknown; sort: unknown } = { frame: null, sort: null };
  store.subscribe(({ frame, tab, failureSort }) => {
    if (!frame) return;
    count.textContent = frame.errors.length > 0 ? String(frame.errors.length) : "";
    if (tab !== "failures" || (drawn.frame === frame && drawn.sort === failureSort)) return;
    drawn = { frame, sort: failureSort };
    for (const th of headRow.cells) th.dataset.sort = Number(th.dataset.column) === failureSort.column ? (failureSort.descending ? "desc" : "asc") : "";
    const rows = sortRows(frame.errors, failureSort);
    body.innerHTML =
      rows.length === 0
        ? `<tr><td colspan="4" class="empty">No failures.</td></tr>`
        : rows
            .map(([method, name, error, occurrences]) =>
              `<tr><td>${escapeHtml(method)}</td><td class="name" title="${escapeHtml(name)}">${escapeHtml(name)}</td><td><pre>${escapeHtml(error)}</pre></td><td class="num">${formatCount(occurrences)}</td></tr>`)
            .join("");
  });
}

function sortRows(rows: readonly ErrorRowTuple[], { column, descending }: SortOrder): ErrorRowTuple[] {
  const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows].sort((a, b) => compare(a[column]!, b[column]!) * (descending ? -1 : 1) || compare(a[1], b[1]));
}
