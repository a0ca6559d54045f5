import { filterFor } from "./data-handlers.ts";
import { encodeColumns } from "./field-columns.ts";
import type { MilvusCollection } from "./milvus-collection.ts";
import { encodeIds, keyValues, requireLoaded, resolveOutputs, type MilvusHandler } from "./milvus-handler.ts";
import { decodeMessage } from "./milvus-proto.ts";
import { invalidParameter } from "./milvus-status.ts";
import { fuseReciprocalRank, fuseWeighted, nearest, parseMetric, type Hit, type Metric } from "./vector-search.ts";

/** One sub-search's hits per query vector and the metric that scored them. */
interface SearchRun {
  hits: Hit[][];
  metric: Metric;
  topk: number;
}

/** Search: brute force over the filtered entities; the reply carries the primary key in fields_data. */
export const search: MilvusHandler = (request, { store }) => {
  const collection = store.require(String(request.collection_name));
  requireLoaded(collection);
  const run = runSearch(collection, request);
  return { collection_name: collection.name, results: searchResults(collection, run.hits, request.output_fields, run.topk), session_ts: 0 };
};

/** HybridSearch: each sub-request searched, then fused per query by RRF (default) or weighted ranking. */
export const hybridSearch: MilvusHandler = (request, { store }) => {
  const collection = store.require(String(request.collection_name));
  requireLoaded(collection);
  const runs = ((request.requests ?? []) as any[]).map((sub) => runSearch(collection, sub));
  const rank = keyValues(request.rank_params);
  const limit = Number(rank.limit ?? 10);
  const offset = Number(rank.offset ?? 0);
  const params = JSON.parse(rank.params || "{}") as { k?: number; weights?: number[] };
  const queries = runs[0]?.hits.length ?? 0;
  const fused = Array.from({ length: queries }, (_unused, q) => {
    const lists = runs.map((run) => run.hits[q] ?? []);
    return rank.strategy === "weighted"
      ? fuseWeighted(lists, runs.map((run) => run.metric), params.weights ?? [], limit, offset)
      : fuseReciprocalRank(lists, Number(params.k ?? 60), limit, offset);
  });
  return { collection_name: collection.name, results: searchResults(collection, fused, request.output_fields, limit), session_ts: 0 };
};

function runSearch(collection: MilvusCollection, request: any): SearchRun {
  const params = keyValues(request.search_params);
  const vectorFields = collection.fields.filter((f) => collection.isVectorField(f));
  const annsField = params.anns_field || vectorFields[0]?.name;
  const field = annsField ? collection.field(annsField) : undefined;
  if (!field || field.data_type !== "FloatVector") throw invalidParameter(`the test server searches FloatVector fields only, not ${annsField}`);
  const metric = parseMetric(params.metric_type || collection.indexedMetric(field.name));
  const topk = Number(params.topk ?? 10);
  const offset = Number(params.offset ?? 0);
  const matches = filterFor(collection, request.dsl);
  const candidates: Array<[string, number[]]> = [];
  for (const [key, row] of collection.rows) {
    if (row[field.name] != null && matches(row)) candidates.push([key, row[field.name] as number[]]);
  }
  const hits = queryVectors(collection, request, field.name).map((vector) => nearest(metric, vector, candidates, topk, offset));
  return { hits, metric, topk };
}

/** The query vectors: decoded from the PlaceholderGroup bytes, or the stored vectors of `ids` (search by PK). */
function queryVectors(collection: MilvusCollection, request: any, fieldName: string): number[][] {
  const ids = request.ids?.int_id?.data ?? request.ids?.str_id?.data;
  if (ids && ids.length > 0) {
    return (ids as unknown[]).map((id) => {
      const key = collection.primaryField.data_type === "Int64" ? String(Number(id)) : String(id);
      const vector = collection.rows.get(key)?.[fieldName];
      if (!vector) throw invalidParameter(`primary key ${id} not found`);
      return vector as number[];
    });
  }
  const group = decodeMessage("milvus.proto.common.PlaceholderGroup", request.placeholder_group);
  const placeholder = group.placeholders?.[0];
  if (!placeholder || placeholder.type !== "FloatVector") throw invalidParameter("the test server searches float vectors only");
  return (placeholder.values as Uint8Array[]).map((bytes) => Array.from(new Float32Array(new Uint8Array(bytes).buffer)));
}

function searchResults(collection: MilvusCollection, perQuery: Hit[][], requested: string[] | undefined, topk: number): Record<string, unknown> {
  const hits = perQuery.flat();
  const rows = hits.map((hit) => collection.rows.get(hit.key)!);
  const { outputFields, columns } = resolveOutputs(collection, requested);
  return {
    num_queries: perQuery.length,
    top_k: topk,
    topks: perQuery.map((list) => list.length),
    scores: hits.map((hit) => hit.score),
    ids: encodeIds(collection, rows.map((row) => row[collection.primaryField.name])),
    fields_data: encodeColumns(collection, columns, rows),
    output_fields: outputFields,
    primary_field_name: collection.primaryField.name,
  };
}
