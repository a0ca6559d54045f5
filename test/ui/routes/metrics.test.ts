import { describe, expect, test } from "bun:test";
import { createUiFixture, recordRequest } from "../ui-fixture.ts";

/** Parses Prometheus text into sample lines (name, labels, value); checks every line is well-formed. */
function parseMetrics(text: string): Array<{ name: string; labels: Record<string, string>; value: number }> {
  const samples = [];
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`malformed metrics line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[key!] = value!.replace(/\\(.)/g, (_m, c: string) => (c === "n" ? "\n" : c));
    }
    samples.push({ name: match[1]!, labels, value: Number(match[3]!.replace("+Inf", "Infinity")) });
  }
  return samples;
}

describe("GET /metrics", () => {
  test("exposes counters, a cumulative response-time histogram, users, state and rps in Prometheus text", async () => {
    await using fixture = createUiFixture();
    for (const ms of [0.5, 3, 3, 40, 700, 20000]) recordRequest(fixture.environment, '/say "hi"', ms, { method: "POST" });
    recordRequest(fixture.environment, "/b", 1, { error: new Error("x") });
    const response = await fixture.request("/metrics");
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const text = await response.text();
    expect(text).toContain("# TYPE locust_response_time_milliseconds histogram");
    const samples = parseMetrics(text);
    const value = (name: string, labels: Record<string, string>) =>
      samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
    const hi = { method: "POST", name: '/say "hi"' };
    expect(value("locust_requests_total", hi)).toBe(6);
    expect(value("locust_failures_total", { method: "GET", name: "/b" })).toBe(1);
    const buckets = samples.filter((s) => s.name === "locust_response_time_milliseconds_bucket" && s.labels.name === hi.name);
    expect(buckets.map((s) => [s.labels.le, s.value])).toEqual([
      ["1", 1], ["2", 1], ["5", 3], ["10", 3], ["25", 3], ["50", 4], ["100", 4], ["250", 4], ["500", 4],
      ["1000", 5], ["2500", 5], ["5000", 5], ["10000", 5], ["+Inf", 6],
    ]);
    expect(value("locust_response_time_milliseconds_sum", hi)).toBe(20746.5);
    expect(value("locust_response_time_milliseconds_count", hi)).toBe(6);
    expect(value("locust_users", {})).toBe(0);
    expect(samples.filter((s) => s.name === "locust_runner_state" && s.value === 1).map((s) => s.labels.state)).toEqual(["ready"]);
    expect(value("locust_current_rps", {})).toBeGreaterThanOrEqual(0);
  });
});
