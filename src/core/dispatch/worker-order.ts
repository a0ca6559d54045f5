/**
 * Orders worker ids the way Locust's dispatcher consumes them: by id, then interleaved across hosts so that
 * consecutive users land on different machines. The host is the text before the first `_` of the id, and each
 * worker is ranked by how many workers of its host sort before it.
 *
 * @example
 * orderWorkers(["h1_w1", "h1_w2", "h2_w1", "h2_w2"]); // ["h1_w1", "h2_w1", "h1_w2", "h2_w2"]
 * @see https://docs.locust.io/en/stable/running-distributed.html
 */
export function orderWorkers(workerIds: readonly string[]): string[] {
  const byId = [...workerIds].sort(compareText);
  const seenPerHost = new Map<string, number>();
  const rankOf = new Map<string, number>();
  for (const id of byId) {
    const host = id.split("_", 1)[0];
    const rank = seenPerHost.get(host) ?? 0;
    rankOf.set(id, rank);
    seenPerHost.set(host, rank + 1);
  }
  return byId.sort((a, b) => rankOf.get(a)! - rankOf.get(b)! || compareText(a, b));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
