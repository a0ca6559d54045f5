/** Line colours for per-row series (Aggregated first), distinct in both themes. */
export const SERIES_COLORS: readonly string[] = ["#2f9e5a", "#3a86d4", "#e2a03f", "#7b61ff", "#d64545", "#c2185b", "#00897b", "#8d6e63"];

/** The current theme's axis and grid colours, for charts built in script (uPlot draws on a canvas). */
export function themeColors(): { axis: string; grid: string } {
  const style = getComputedStyle(document.documentElement);
  return { axis: style.getPropertyValue("--muted").trim() || "#666", grid: style.getPropertyValue("--line").trim() || "#ddd" };
}
