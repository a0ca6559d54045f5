import { escapeHtml } from "../../escape-html.ts";
import { formatCount, formatMs, formatRate } from "../../number-format.ts";
import type { StatsRowTuple } from "../../stats-frame.ts";
import type { AppState, Store } from "../state.ts";

/** Columns in StatsRowTuple order: header, formatter, whether numeric. */
const COLUMNS: ReadonlyArray<[string, (value: never) => string, boolean]> = [
  ["Type", escapeHtml, false],
  ["Name", escapeHtml, false],
  ["# Requests", formatCount, true],
  ["# Fails", formatCount, true],
  ["Median (ms)", formatMs, true],
  ["95%ile (ms)", formatMs, true],
  ["99%ile (ms)", formatMs, true],
  ["Average (ms)", formatMs, true],
  ["Min (ms)", formatMs, true],
  ["Max (ms)", formatMs, true],
  ["Average size (bytes)", formatCount, true],
  ["Current RPS", formatRate, true],
  ["Current Failures/s", formatRate, true],
];

/**
 * The live request table, sortable by any column (Aggregated stays at the bottom). Each frame rebuilds the body
 * with one `innerHTML` assignment, which stays fast with 500 names; the time taken is exposed as
 * `data-render-ms` for the browser test to log. A name wraps and carries its whole text as a title; its box ticks
 * the name for the Latency tab and the charts. Current RPS shows 0 once the test is not running.
 */
export function mountRequestTable(store: Store): void {
  const table = document.getElementById("request-table") as HTMLTableElement;
  const headRow = table.tHead!.rows[0]!;
  const note = document.getElementById("request-table-note")!;
  headRow.innerHTML = COLUMNS.map(([label, , numeric], i) => `<th data-column="${i}" class="${numeric ? "num" : ""}" tabindex="0">${label}</th>`).join("");
  const sortBy = (column: number) => {
    const { sort } = store.state;
    store.update({ sort: { column, descending: sort.column === column ? !sort.descending : COLUMNS[column]![2] } });
  };
  headRow.addEventListener("click", (event) => {
    const th = (event.target as HTMLElement).closest("th");
    if (th) sortBy(Number(th.dataset.column));
  });
  table.tBodies[0]!.addEventListener("change", (event) => {
    const box = event.target as HTMLInputElement;
    const name = box.dataset.name!;
    const ticked = store.state.ticked.filter((n) => n !== name);
    store.update({ ticked: box.checked ? [...ticked, name] : ticked });
  });
  headRow.addEventListener("keydown", (event) => {
    const th = (event.target as HTMLElement).closest("th");
    if (th && (event.key === "Enter" || event.key === " ")) sortBy(Number(th.dataset.column));
  });

  let drawn: { frame: unknown; sort: unknown; ticked: unknown } = { frame: null, sort: null, ticked: null };
  store.subscribe((state) => {
    if (state.tab !== "stats" || !state.frame) return;
    if (drawn.frame === state.frame && drawn.sort === state.sort && drawn.ticked === state.ticked) return;
    drawn = { frame: state.frame, sort: state.sort, ticked: state.ticked };
    const started = performance.now();
    render(table, state);
    for (const th of headRow.cells) th.dataset.sort = Number(th.dataset.column) === state.sort.column ? (state.sort.descending ? "desc" : "asc") : "";
    const { entryCount, rows } = state.frame;
    note.hidden = entryCount <= rows.length;
    note.textContent = `Showing ${rows.length} of ${entryCount} request names (the CSV download has them all).`;
    table.dataset.renderMs = (performance.now() - started).toFixed(2);
  });
}

function render(table: HTMLTableElement, state: AppState): void {
  const frame = state.frame!;
  const { column, descending } = state.sort;
  const active = frame.state === "spawning" || frame.state === "running";
  const ticked = new Set(state.ticked);
  const rows = [...frame.rows].sort((a, b) => compare(a[column], b[column]) * (descending ? -1 : 1) || compare(a[1], b[1]));
  table.tBodies[0]!.innerHTML =
    rows.length === 0 ? formatEmpty(frame.state) : rows.map((row) => formatRow(row, "", active, ticked.has(row[1]))).join("");
  table.tFoot!.innerHTML = formatRow(frame.total, "total", active, null);
}

function formatEmpty(state: string): string {
  const text =
    state === "spawning" || state === "running"
      ? "The test is running: rows appear with the first request."
      : "No requests yet. Click “New test” to start a load test (or run locust-bun with --autostart or --headless).";
  return `<tr><td colspan="${COLUMNS.length}" class="empty">${text}</td></tr>`;
}

/** One row; `ticked` is null for Aggregated (always on the Latency tab, so no box). */
function formatRow(row: StatsRowTuple, className: string, active: boolean, ticked: boolean | null): string {
  const failing = row[3] > 0 ? " failing" : "";
  const cells = row.map((value, i) => {
    const shown = !active && i >= 11 ? 0 : value;
    if (i !== 1) return `<td${COLUMNS[i]![2] ? ' class="num"' : ""}>${COLUMNS[i]![1](shown as never)}</td>`;
    const name = escapeHtml(row[1]);
    const box = ticked === null ? "" : `<input type="checkbox" class="pick" data-name="${name}" aria-label="Show ${name} on the Latency tab and the charts"${ticked ? " checked" : ""}>`;
    return `<td class="name" title="${name}">${box}${name}</td>`;
  });
  return `<tr class="${className}${failing}">${cells.join("")}</tr>`;
}

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
