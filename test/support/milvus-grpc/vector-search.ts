import { invalidParameter } from "./milvus-status.ts";

/** Distance metrics the test server computes on float vectors. */
export type Metric = "L2" | "IP" | "COSINE";

/** One search hit: the entity's primary-key string and its score. */
export interface Hit {
  key: string;
  score: number;
}

/** Parses a metric name (case-insensitive); Milvus's default for float vectors is COSINE. */
export function parseMetric(name: string | undefined): Metric {
  const upper = (name || "COSINE").toUpperCase();
  if (upper === "L2" || upper === "IP" || upper === "COSINE") return upper;
  throw invalidParameter(`metric type ${name} not supported by the test server`);
}

/** Milvus's score for the metric: squared L2 distance (smaller is better), inner product or cosine similarity. */
export function score(metric: Metric, a: number[], b: number[]): number {
  if (a.length !== b.length) throw invalidParameter(`vector dimension mismatch: expected ${b.length}, got ${a.length}`);
  let dot = 0;
  let l2 = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    l2 += (x - y) * (x - y);
    normA += x * x;
    normB += y * y;
  }
  if (metric === "L2") return l2;
  if (metric === "IP") return dot;
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

/** Brute force: every candidate scored, best `limit` after `offset` kept, best first. */
export function nearest(metric: Metric, query: number[], candidates: Array<[string, number[]]>, limit: number, offset = 0): Hit[] {
  const hits = candidates.map(([key, vector]) => ({ key, score: score(metric, query, vector) }));
  hits.sort(metric === "L2" ? (x, y) => x.score - y.score : (x, y) => y.score - x.score);
  return hits.slice(offset, offset + limit);
}

/** Reciprocal rank fusion: Σ 1 / (k + rank), rank counted from 1 in each list. */
export function fuseReciprocalRank(lists: Hit[][], k: number, limit: number, offset = 0): Hit[] {
  const fused = new Map<string, number>();
  for (const list of lists) {
    list.forEach((hit, rank) => fused.set(hit.key, (fused.get(hit.key) ?? 0) + 1 / (k + rank + 1)));
  }
  return ranked(fused, limit, offset);
}

/**
 * Weighted fusion: Σ weight × normalised score, normalised into [0, 1] per metric as Milvus's
 * WeightedRanker does (arctan for L2 and IP, (1 + cos) / 2 for COSINE).
 */
export function fuseWeighted(lists: Hit[][], metrics: Metric[], weights: number[], limit: number, offset = 0): Hit[] {
  const fused = new Map<string, number>();
  lists.forEach((list, i) => {
    const weight = weights[i] ?? 1;
    for (const hit of list) fused.set(hit.key, (fused.get(hit.key) ?? 0) + weight * normalise(metrics[i] ?? "COSINE", hit.score));
  });
  return ranked(fused, limit, offset);
}

function normalise(metric: Metric, value: number): number {
  if (metric === "L2") return 1 - (2 * Math.atan(value)) / Math.PI;
  if (metric === "IP") return 0.5 + Math.atan(value) / Math.PI;
  return (1 + value) / 2;
}

function ranked(scores: Map<string, number>, limit: number, offset: number): Hit[] {
  return [...scores].map(([key, value]) => ({ key, score: value })).sort((x, y) => y.score - x.score).slice(offset, offset + limit);
}
