import { describe, expect, test } from "bun:test";
import { formatSwarmResult, parseSwarmFields, toWireName } from "../../src/ui/wire-format.ts";

describe("wire format", () => {
  test("parseSwarmFields reads Locust's field names, splits list fields and keeps the rest", () => {
    const fields = new Map([
      ["user_count", ["5"]],
      ["spawn_rate", ["2.5"]],
      ["host", ["http://h"]],
      ["run_time", ["1m"]],
      ["user_classes", ["A", "B,C"]],
      ["tags", ["x, y"]],
      ["my_option", ["1"]],
    ]);
    expect(parseSwarmFields(fields)).toEqual({
      userCount: "5",
      spawnRate: "2.5",
      host: "http://h",
      runTime: "1m",
      userClasses: ["A", "B", "C"],
      tags: ["x", "y"],
      other: new Map([["my_option", ["1"]]]),
    });
    expect(parseSwarmFields(new Map()).tags).toBeUndefined();
  });

  test("formatSwarmResult adds run_time and user_classes only when present; an unset host is null", () => {
    expect(formatSwarmResult({ success: true, message: "m", host: undefined })).toEqual({ success: true, message: "m", host: null });
    expect(formatSwarmResult({ success: true, message: "m", host: "h", runTime: 20, userClasses: ["A"] })).toEqual({
      success: true, message: "m", host: "h", run_time: 20, user_classes: ["A"],
    });
  });

  test("toWireName turns camelCase option keys into Locust's snake_case", () => {
    expect([toWireName("spawnRate"), toWireName("maxItemsPerUser"), toWireName("host")]).toEqual(["spawn_rate", "max_items_per_user", "host"]);
  });
});
