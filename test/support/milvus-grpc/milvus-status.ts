/** A `milvus.proto.common.Status` as the SDK reads it. */
export interface MilvusStatus {
  error_code: string;
  code: number;
  reason: string;
}

/** The Status of every successful call. */
export function successStatus(): MilvusStatus {
  return { error_code: "Success", code: 0, reason: "" };
}

/**
 * A failure a handler throws; the server answers it as a failed Status (not a gRPC error), the way
 * Milvus reports "collection not found" and friends. `code` is Milvus's numeric code, `errorCode` the
 * legacy enum name the SDK compares against.
 */
export class MilvusFailure extends Error {
  readonly code: number;
  readonly errorCode: string;

  constructor(code: number, reason: string, errorCode = "UnexpectedError") {
    super(reason);
    this.name = "MilvusFailure";
    this.code = code;
    this.errorCode = errorCode;
  }

  get status(): MilvusStatus {
    return { error_code: this.errorCode, code: this.code, reason: this.message };
  }
}

/** Milvus's "collection not found" (code 100). */
export function collectionNotFound(name: string): MilvusFailure {
  return new MilvusFailure(100, `collection not found[database=default][collection=${name}]`, "CollectionNotExists");
}

/** Milvus's "invalid parameter" (code 1100), e.g. an expression it cannot parse. */
export function invalidParameter(reason: string): MilvusFailure {
  return new MilvusFailure(1100, reason, "IllegalArgument");
}
