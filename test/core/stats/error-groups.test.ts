import { describe, expect, test } from "bun:test";
import { ErrorGroups, OTHER_ERRORS_TEXT } from "../../../src/core/stats/error-groups.ts";

describe("ErrorGroups", () => {
  test("same method, name and text form one group; different texts form new groups (vector 10)", () => {
    const groups = new ErrorGroups();
    groups.record("GET", "/some-path", "Exception('Exception!')", 1);
    groups.record("GET", "/some-path", "Exception('Exception!')", 2);
    expect(groups.size).toBe(1);
    expect([...groups][0]!.occurrences).toBe(2);
    groups.record("GET", "/some-path", "Exception('Another exception!')", 3);
    groups.record("GET", "/some-path", "Exception('Another exception!')", 4);
    groups.record("GET", "/some-path", "Exception('Third exception!')", 5);
    expect([...groups].map((g) => g.occurrences)).toEqual([2, 2, 1]);
  });

  test("method and name are part of the group", () => {
    const groups = new ErrorGroups();
    groups.record("GET", "/a", "x", 1);
    groups.record("POST", "/a", "x", 1);
    groups.record("GET", "/b", "x", 1);
    expect(groups.size).toBe(3);
  });

  test("beyond the bound, new distinct errors count in one 'other errors' group per method and name", () => {
    const groups = new ErrorGroups(3);
    for (let i = 0; i < 50; i++) groups.record("GET", "/a", `error ${i}`, i);
    groups.record("GET", "/a", "error 1", 60);
    groups.record("POST", "/b", "new", 61);
    const rows = [...groups].map((g) => [g.method, g.name, g.error, g.occurrences]);
    expect(rows).toEqual([
      ["GET", "/a", "error 0", 1],
      ["GET", "/a", "error 1", 2],
      ["GET", "/a", "error 2", 1],
      ["GET", "/a", OTHER_ERRORS_TEXT, 47],
      ["POST", "/b", OTHER_ERRORS_TEXT, 1],
    ]);
  });

  test("merging serialized groups adds occurrences to known groups and inserts unknown ones", () => {
    const groups = new ErrorGroups();
    groups.record("GET", "/a", "x", 100);
    groups.merge({ method: "GET", name: "/a", error: "x", occurrences: 3, firstSeen: 90, lastSeen: 120 });
    groups.merge({ method: "GET", name: "/a", error: "y", occurrences: 2, firstSeen: 95, lastSeen: 96 });
    expect(groups.serialize()).toEqual([
      { name: "/a", method: "GET", error: "x", occurrences: 4, firstSeen: 90, lastSeen: 120 },
      { name: "/a", method: "GET", error: "y", occurrences: 2, firstSeen: 95, lastSeen: 96 },
    ]);
  });

  test("sortedByLocustKey orders by the SHA-256 key", () => {
    const groups = new ErrorGroups();
    for (const text of ["a", "b", "c", "d"]) groups.record("GET", "/", text, 1);
    const keys = groups.sortedByLocustKey().map((g) => g.locustKey);
    expect(keys).toEqual([...keys].sort());
    groups.clear();
    expect(groups.size).toBe(0);
  });
});
