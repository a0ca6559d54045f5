/** The status every Milvus reply carries (the SDK's `ResStatus`, reduced to what decides success). */
export interface MilvusStatusLike {
  error_code?: string | number;
  code?: number;
  reason?: string;
}

/** A reply whose status is not a success; the SDK returns these instead of throwing. */
export class MilvusError extends Error {
  override name = "MilvusError";
  constructor(
    message: string,
    /** Milvus's numeric error code (0 on success). */
    readonly code: number | undefined,
    /** The legacy error code name, e.g. `"CollectionNotExists"`. */
    readonly errorCode: string | number | undefined,
  ) {
    super(message);
  }
}

/** A search or query that found nothing, when `emptyIsFailure` is set. */
export class MilvusEmptyResultError extends Error {
  override name = "MilvusEmptyResultError";
}

/**
 * The failure a reply's status stands for, or null on success: `error_code` other than "Success" (or 0), or a
 * non-zero `code`. The message is the server's reason, prefixed by the error code name.
 */
export function findStatusFailure(status: MilvusStatusLike | undefined): MilvusError | null {
  if (!status) return null;
  const okCode = status.error_code === undefined || status.error_code === "Success" || status.error_code === 0;
  if (okCode && !status.code) return null;
  const named = typeof status.error_code === "string" && status.error_code !== "Success";
  const label = named ? String(status.error_code) : `code ${status.code || status.error_code}`;
  const message = status.reason ? `${label}: ${status.reason}` : label;
  return new MilvusError(message, status.code, status.error_code);
}

/** Number of hits in search results (one list per query vector, or a single list for one vector). */
export function countHits(results: unknown): number {
  if (!Array.isArray(results)) return 0;
  let hits = 0;
  for (const entry of results) hits += Array.isArray(entry) ? entry.length : 1;
  return hits;
}
