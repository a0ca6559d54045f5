import type { ThresholdTuple } from "../../stats-frame.ts";
import type { Store } from "../state.ts";

/** "12.5", "0.0042", "no data": what a badge shows as the value so far. */
function formatActual(actual: number | null): string {
  return actual === null ? "no data" : String(Number(actual.toPrecision(4)));
}

function renderBadge([expression, actual, passed]: ThresholdTuple): HTMLElement {
  const badge = document.createElement("span");
  badge.className = "threshold";
  badge.dataset.passed = String(passed);
  badge.title = passed ? "passing on the stats so far" : "failing on the stats so far";
  badge.textContent = `${passed ? "✓" : "✗"} ${expression} (${formatActual(actual)})`;
  return badge;
}

/** A badge per threshold under the top bar, green or red on the stats so far; hidden when no thresholds are set. */
export function mountThresholdBadges(store: Store): void {
  const strip = document.getElementById("threshold-badges")!;
  let shown = "";
  store.subscribe(({ frame }) => {
    const thresholds = frame?.thresholds ?? [];
    const key = JSON.stringify(thresholds);
    if (key === shown) return;
    shown = key;
    strip.hidden = thresholds.length === 0;
    strip.replaceChildren(...thresholds.map(renderBadge));
  });
}
