import { describe, expect, test } from "bun:test";
import { SPECTRUM_PERCENTILES } from "../../../src/ui/percentile-spectrum.ts";
import { createUiFixture, ManualClock, recordRequest } from "../ui-fixture.ts";

describe("/stats/percentiles", () => {
  test("answers the spectrum of Aggregated and of each named entry (every method), read from the histograms", async () => {
    const clock = new ManualClock(1000);
    await using fixture = createUiFixture({}, { clock });
    clock.seconds = 1001;
    // 100,000 requests: 1..99,999 ms once each plus one at 250,000 ms, so p99.999 lands on the slow tail.
    for (let ms = 1; ms < 100_000; ms++) recordRequest(fixture.environment, "/a", ms);
    recordRequest(fixture.environment, "/a", 250_000);
    recordRequest(fixture.environment, "/b", 7, { method: "POST" });
    recordRequest(fixture.environment, "/c", 3);
    const body = (await (await fixture.request("/stats/percentiles?names=%2Fa&names=%2Fb")).json()) as {
      percentiles: number[];
      stats: Array<{ method: string; name: string; num_requests: number; response_times: number[] }>;
    };
    expect(body.percentiles).toEqual([...SPECTRUM_PERCENTILES]);
    expect(body.stats.map((row) => [row.method, row.name, row.num_requests])).toEqual([["", "Aggregated", 100_002], ["GET", "/a", 100_000], ["POST", "/b", 1]]);
    const a = body.stats[1]!.response_times;
    // Each value is within the histogram's 1% of the exact percentile of 1..99,999.
    SPECTRUM_PERCENTILES.slice(0, -1).forEach((p, i) => expect(Math.abs(a[i]! - p * 100_000) / (p * 100_000)).toBeLessThan(0.01));
    expect(a.at(-1)!).toBeGreaterThan(99_000);
    expect(body.stats[2]!.response_times).toEqual(SPECTRUM_PERCENTILES.map(() => 7));
  });

  test("without names only Aggregated, with null values before any request", async () => {
    await using fixture = createUiFixture();
    const body = (await (await fixture.request("/stats/percentiles")).json()) as { stats: Array<Record<string, unknown>> };
    expect(body.stats).toEqual([
      {
        method: "", name: "Aggregated", num_requests: 0, response_times: SPECTRUM_PERCENTILES.map(() => null),
        "current_response_time_percentile_0.5": null, "current_response_time_percentile_0.95": null,
      },
    ]);
  });
});
