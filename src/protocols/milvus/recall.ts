/** A primary key as a ground truth may list it; compared as text, since the SDK returns int64 ids as strings. */
export type MilvusId = string | number | bigint;

/**
 * Recall of search results against a ground truth: for each query, |ground truth (first `limit` ids) ∩ retrieved
 * ids| / |ground truth (first `limit` ids)|, averaged over queries. `groundTruth` is one id list (compared with the
 * first query's results, as Locust does) or one list per query vector. Returns null when there is nothing to
 * compare (no ground truth ids).
 * @param results the SDK's `results`: hits for one query, or one hit list per query
 * @param limit the search's limit; default: the number of ids retrieved for each query (all of the ground truth when
 *   none were)
 */
export function computeRecall(
  results: unknown,
  groundTruth: readonly MilvusId[] | readonly (readonly MilvusId[])[],
  limit?: number,
): { recall: number; retrieved: number } | null {
  const perQuery = splitPerQuery(results);
  const truths = (Array.isArray(groundTruth[0]) ? groundTruth : [groundTruth]) as readonly (readonly MilvusId[])[];
  let sum = 0;
  let counted = 0;
  let retrieved = 0;
  truths.forEach((truth, query) => {
    const hits = perQuery[query] ?? [];
    const wanted = new Set(truth.slice(0, limit ?? (hits.length || truth.length)).map(String));
    if (wanted.size === 0) return;
    const found = new Set(hits.map((hit) => String(hit.id)));
    let intersect = 0;
    for (const id of wanted) if (found.has(id)) intersect++;
    sum += intersect / wanted.size;
    counted++;
    retrieved += hits.length;
  });
  return counted === 0 ? null : { recall: sum / counted, retrieved };
}

type Hit = { id?: unknown };

function splitPerQuery(results: unknown): Hit[][] {
  if (!Array.isArray(results) || results.length === 0) return [];
  return Array.isArray(results[0]) ? (results as Hit[][]) : [results as Hit[]];
}
