import { describe, expect, test } from "bun:test";
import { editDistance, findClosestName } from "../../../src/core/options/closest-name.ts";

describe("editDistance", () => {
  test.each([
    ["", "", 0],
    ["abc", "", 3],
    ["kitten", "sitting", 3],
    ["--hedless", "--headless", 1],
    ["--users", "--users", 0],
  ])("between %p and %p is %p", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe("findClosestName", () => {
  const names = ["--headless", "--headful", "--host", "--users", "--spawn-rate", "--run-time"];

  test("suggests the nearest name for a typo", () => {
    expect(findClosestName("--hedless", names)).toBe("--headless");
    expect(findClosestName("--spawnrate", names)).toBe("--spawn-rate");
    expect(findClosestName("--user", names)).toBe("--users");
  });

  test("suggests the first name an abbreviation starts", () => {
    expect(findClosestName("--head", names)).toBe("--headless");
  });

  test("suggests nothing when no name is close", () => {
    expect(findClosestName("--completely-different", names)).toBeUndefined();
    expect(findClosestName("--xyz", [])).toBeUndefined();
  });
});
