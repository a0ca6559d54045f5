import { describe, expect, test } from "bun:test";
import { MilvusError, countHits, findStatusFailure } from "../../../src/protocols/milvus/milvus-result.ts";

describe("findStatusFailure", () => {
  test.each([
    ["Success", { error_code: "Success", code: 0, reason: "" }, null],
    ["numeric success", { error_code: 0 }, null],
    ["no status", undefined, null],
    [
      "a named error code",
      { error_code: "CollectionNotExists", code: 100, reason: "collection not found" },
      new MilvusError("CollectionNotExists: collection not found", 100, "CollectionNotExists"),
    ],
    [
      "a non-zero code under a Success name",
      { error_code: "Success", code: 1100, reason: "invalid parameter" },
      new MilvusError("code 1100: invalid parameter", 1100, "Success"),
    ],
    ["numeric codes without a reason", { error_code: 1, code: 65535 }, new MilvusError("code 65535", 65535, 1)],
  ])("%s", (_label, status, expected) => {
    expect(findStatusFailure(status)).toEqual(expected);
  });
});

describe("countHits", () => {
  test.each([
    [[{ id: "1" }, { id: "2" }], 2],
    [[[{ id: "1" }], [{ id: "2" }, { id: "3" }]], 3],
    [[], 0],
    [null, 0],
  ])("%o has %d hits", (results, expected) => {
    expect(countHits(results)).toBe(expected);
  });
});
