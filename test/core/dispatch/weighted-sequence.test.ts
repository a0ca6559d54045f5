import { describe, expect, test } from "bun:test";
import { WeightedSequence } from "../../../src/core/dispatch/weighted-sequence.ts";

function sequenceOf(weights: Record<string, number>, length: number): (string | null)[] {
  return new WeightedSequence(Object.entries(weights).map(([name, weight]) => ({ name, weight }))).take(length);
}

function countsOf(names: (string | null)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of names) if (name !== null) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

describe("WeightedSequence", () => {
  test.each([
    ["A=5, B=1", { A: 5, B: 1 }, "A A B A A A A A B A A A"],
    ["A=3, B=1", { A: 3, B: 1 }, "A B A A A B A A A B"],
    ["three equal weights", { User1: 1, User2: 1, User3: 1 }, "User1 User2 User3 User1 User2 User3"],
    ["User1=4, User2=5", { User1: 4, User2: 5 }, "User2 User1 User2 User1 User2 User1 User2 User1 User2 User2"],
    ["A=1, B=2, C=3", { A: 1, B: 2, C: 3 }, "C B A C B C C B A C B C"],
  ])("interleaves %s smoothly as Locust does", (_label, weights, expected) => {
    const names = expected.split(" ");
    expect(sequenceOf(weights, names.length)).toEqual(names);
  });

  test.each([
    [{ A: 3, B: 1 }, 1, { A: 1 }],
    [{ A: 3, B: 1 }, 2, { A: 1, B: 1 }],
    [{ A: 3, B: 1 }, 3, { A: 2, B: 1 }],
    [{ A: 3, B: 1 }, 4, { A: 3, B: 1 }],
    [{ A: 3, B: 1 }, 5, { A: 4, B: 1 }],
    [{ A: 3, B: 1 }, 6, { A: 4, B: 2 }],
    [{ A: 5, B: 1 }, 12, { A: 10, B: 2 }],
    [{ User1: 4, User2: 5 }, 9, { User1: 4, User2: 5 }],
    [{ User1: 0.8, User2: 1 }, 18, { User1: 8, User2: 10 }],
    [{ User1: 20, User2: 25 }, 45, { User1: 20, User2: 25 }],
  ])("weights %o give counts after %i picks of %o", (weights, length, expected) => {
    expect(countsOf(sequenceOf(weights, length))).toEqual(expected);
  });

  test("skips names whose weight is not above zero", () => {
    expect(sequenceOf({ A: 0, B: 2, C: -1 }, 3)).toEqual(["B", "B", "B"]);
  });

  test("yields null forever when no weight is positive", () => {
    expect(sequenceOf({ A: 0 }, 3)).toEqual([null, null, null]);
    expect(new WeightedSequence([]).take(2)).toEqual([null, null]);
  });

  test("keeps the weight ratio in every long prefix", () => {
    const names = sequenceOf({ A: 1, B: 2, C: 3 }, 600);
    for (const prefix of [60, 300, 600]) {
      expect(countsOf(names.slice(0, prefix))).toEqual({ A: prefix / 6, B: prefix / 3, C: prefix / 2 });
    }
  });
});
