import { describe, expect, test } from "bun:test";
import { formatJsonReport, serializeJsonEntries } from "../../../src/core/output/json-output.ts";
import { RequestStats } from "../../../src/core/stats/request-stats.ts";
import { FakeClock } from "../../support/fake-clock.ts";

const T0 = 1_700_000_000;

describe("JSON output", () => {
  test("entries carry Locust's snake_case fields in Locust's order; Aggregated and empty entries are left out", () => {
    const stats = new RequestStats({ clock: new FakeClock({ now: T0 }) });
    for (const ms of [10, 10, 12.345, 6034]) stats.logRequest("GET", "/a", ms, 5, T0 + 1.5);
    stats.logRequest("GET", "/a", null, 5, T0 + 2.5);
    stats.logError("GET", "/a", "e", T0 + 2.5);
    stats.get("/empty", "GET");
    const [entry, ...rest] = serializeJsonEntries(stats);
    expect(rest).toEqual([]);
    expect(Object.keys(entry!)).toEqual([
      "name", "method", "last_request_timestamp", "start_time", "num_requests", "num_none_requests", "num_failures",
      "total_response_time", "max_response_time", "min_response_time", "total_content_length", "response_times",
      "num_reqs_per_sec", "num_fail_per_sec",
    ]);
    expect(entry).toMatchObject({
      name: "/a",
      method: "GET",
      last_request_timestamp: T0 + 2.5,
      start_time: T0 + 1.5,
      num_requests: 5,
      num_none_requests: 1,
      num_failures: 1,
      total_response_time: 6066.345,
      max_response_time: 6034,
      min_response_time: 10,
      total_content_length: 25,
      num_reqs_per_sec: { [T0 + 1]: 4, [T0 + 2]: 1 },
      num_fail_per_sec: { [T0 + 2]: 1 },
    });
    // Bucket lower bounds clamped to [min, max], rounded to 0.01 ms: 12.345 is in the bucket from 12.3125, 6034 in
    // the one from 6016 (Locust's keys would be 12 and 6000).
    expect(entry!.response_times).toEqual({ "10": 2, "12.31": 1, "6016": 1 });
  });

  test("entries come in the order they were first seen, as Locust's dict keeps them", () => {
    const stats = new RequestStats({ clock: new FakeClock({ now: T0 }) });
    for (const [method, name] of [["GET", "/a"], ["GET", "/b"], ["POST", "/a"], ["GET", "/a"]]) stats.logRequest(method!, name!, 1, 0, T0);
    expect(serializeJsonEntries(stats).map((e) => `${e.method} ${e.name}`)).toEqual(["GET /a", "GET /b", "POST /a"]);
  });

  test("producing the JSON does not reset the stats (unlike Locust's --json)", () => {
    const stats = new RequestStats({ clock: new FakeClock({ now: T0 }) });
    stats.logRequest("GET", "/a", 1, 0, T0);
    const text = formatJsonReport(stats);
    expect(JSON.parse(text)).toHaveLength(1);
    expect(text.split("\n")[1]).toBe("    {");
    expect(stats.find("/a", "GET")!.numRequests).toBe(1);
  });
});
