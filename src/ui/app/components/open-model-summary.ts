import { formatCount, formatMs } from "../../number-format.ts";
import type { Store } from "../state.ts";

const byId = (id: string) => document.getElementById(id)!;

/**
 * The top bar's open-model figures, shown only in runs that have them: dropped arrival-rate iterations, and the
 * Aggregated percentiles corrected for coordinated omission (clearly apart from the measured table).
 */
export function mountOpenModelSummary(store: Store): void {
  store.subscribe(({ frame }) => {
    const openModel = frame?.openModel;
    byId("summary-dropped-item").hidden = openModel === undefined || openModel[0] + openModel[1] === 0;
    byId("summary-corrected-item").hidden = openModel?.[2] == null;
    if (!openModel) return;
    const [, dropped, p50, p95, p99] = openModel;
    byId("summary-dropped").textContent = formatCount(dropped);
    if (p50 !== null) byId("summary-corrected").textContent = [p50, p95!, p99!].map(formatMs).join(" / ");
  });
}
