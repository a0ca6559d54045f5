import { describe, expect, test } from "bun:test";
import { computeRecall } from "../../../src/protocols/milvus/recall.ts";

const hits = (...ids: string[]) => ids.map((id, i) => ({ id, score: i }));

describe("computeRecall", () => {
  test.each([
    ["all found", hits("1", "2", "3"), [1, 2, 3], 3, { recall: 1, retrieved: 3 }],
    ["half of the limit found", hits("1", "9"), [1, 2, 3, 4], 2, { recall: 0.5, retrieved: 2 }],
    ["ground truth cut to the limit", hits("1", "2"), ["1", "2", "3", "4"], 2, { recall: 1, retrieved: 2 }],
    ["limit defaults to ids retrieved", hits("1", "5"), [1, 2, 3], undefined, { recall: 0.5, retrieved: 2 }],
    ["nothing retrieved", [], [1, 2], undefined, { recall: 0, retrieved: 0 }],
    ["bigint ids", hits("10"), [10n], 1, { recall: 1, retrieved: 1 }],
  ])("%s", (_label, results, truth, limit, expected) => {
    expect(computeRecall(results, truth, limit)).toEqual(expected);
  });

  test("averages over queries when given one ground truth per query", () => {
    const results = [hits("1", "2"), hits("3", "9")];
    expect(computeRecall(results, [[1, 2], [3, 4]], 2)).toEqual({ recall: 0.75, retrieved: 4 });
  });

  test("compares a single ground truth with the first query's hits, as Locust does", () => {
    expect(computeRecall([hits("1", "2"), hits("7", "8")], [1, 2], 2)).toEqual({ recall: 1, retrieved: 2 });
  });

  test("is null without ground truth ids", () => {
    expect(computeRecall(hits("1"), [], 1)).toBeNull();
  });
});
