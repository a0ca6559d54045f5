/** The report's inline stylesheet: light by default, dark under `.dark` on `<html>`. */
export const REPORT_STYLES = `
:root { --bg: #f7f8fa; --panel: #fff; --text: #1d2433; --muted: #5d6779; --line: #dfe3ea; --accent: #2f7d4f; --head: #eef1f5; }
:root.dark { --bg: #12151b; --panel: #1b2029; --text: #e3e7ee; --muted: #9aa4b5; --line: #2c3340; --accent: #5cc48a; --head: #222835; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; background: var(--bg); color: var(--text); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px 24px; margin-bottom: 20px; }
h1 { margin: 0; font-size: 24px; }
h1 span { color: var(--accent); }
h2 { margin: 32px 0 10px; font-size: 18px; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0; color: var(--muted); }
.meta dt { font-weight: 600; }
.meta dd { margin: 0; color: var(--text); }
.download { margin-left: auto; color: var(--accent); }
section { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 4px 16px 16px; margin-top: 16px; overflow-x: auto; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: right; vertical-align: top; }
th { background: var(--head); font-weight: 600; white-space: nowrap; }
th:nth-child(-n+2), td:nth-child(-n+2) { text-align: left; }
tbody tr:last-child td { font-weight: 600; }
table.failures th, table.failures td, table.exceptions th, table.exceptions td { text-align: left; }
table.failures tbody tr:last-child td, table.exceptions tbody tr:last-child td { font-weight: normal; }
pre, code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; white-space: pre-wrap; margin: 0; }
.empty { color: var(--muted); }
table.thresholds tbody tr:last-child td { font-weight: normal; }
.pass { color: var(--accent); font-weight: 600; }
.fail { color: #c8423b; font-weight: 600; }
td.name { min-width: 12ch; max-width: 48ch; overflow-wrap: anywhere; }
.note { color: var(--muted); margin: 0 0 8px; }
h3 { font-size: 15px; margin: 12px 0 6px; }
.ratios { display: flex; flex-wrap: wrap; gap: 8px 48px; }
.ratios ul { list-style: none; margin: 0; padding-left: 18px; }
.ratios > div > ul { padding-left: 0; }
.ratio { display: inline-block; min-width: 7ch; text-align: right; font-variant-numeric: tabular-nums; color: var(--accent); }
.charts { display: grid; gap: 12px; }
svg.chart { width: 100%; height: auto; }
svg .chart-title { font-size: 15px; font-weight: 600; fill: var(--text); }
svg .legend text, svg .tick, svg .chart-note { font-size: 12px; fill: var(--muted); }
svg .grid { stroke: var(--line); stroke-width: 1; }
`;
