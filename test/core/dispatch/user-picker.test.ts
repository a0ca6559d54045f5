import { describe, expect, test } from "bun:test";
import { UserPicker } from "../../../src/core/dispatch/user-picker.ts";

function pick(picker: UserPicker, counts: Record<string, number>, length: number): (string | null)[] {
  return Array.from({ length }, () => {
    const name = picker.next((className) => counts[className] ?? 0);
    if (name !== null) counts[name] = (counts[name] ?? 0) + 1;
    return name;
  });
}

describe("UserPicker", () => {
  test("emits missing fixed users before weighted ones", () => {
    const picker = new UserPicker([
      { name: "Fixed", weight: 1, fixedCount: 2 },
      { name: "W1", weight: 1, fixedCount: 0 },
      { name: "W3", weight: 3, fixedCount: 0 },
    ]);
    expect(pick(picker, {}, 5)).toEqual(["Fixed", "Fixed", "W3", "W1", "W3"]);
  });

  test("tops fixed classes up again only after a check is requested", () => {
    const picker = new UserPicker([
      { name: "Fixed", weight: 1, fixedCount: 1 },
      { name: "W", weight: 1, fixedCount: 0 },
    ]);
    const counts: Record<string, number> = {};
    expect(pick(picker, counts, 2)).toEqual(["Fixed", "W"]);
    counts.Fixed = 0;
    expect(pick(picker, counts, 1)).toEqual(["W"]);
    picker.requestFixedCheck();
    expect(pick(picker, counts, 2)).toEqual(["Fixed", "W"]);
  });

  test("returns null when only satisfied fixed classes remain", () => {
    const picker = new UserPicker([
      { name: "A", weight: 0, fixedCount: 1 },
      { name: "B", weight: 5, fixedCount: 2 },
    ]);
    expect(pick(picker, {}, 5)).toEqual(["B", "A", "B", null, null]);
  });
});
