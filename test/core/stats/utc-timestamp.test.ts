import { expect, test } from "bun:test";
import { formatUtcTimestamp } from "../../../src/core/stats/utc-timestamp.ts";

test("epoch seconds print as UTC YYYY-MM-DDTHH:MM:SSZ without fractions", () => {
  expect(formatUtcTimestamp(0)).toBe("1970-01-01T00:00:00Z");
  expect(formatUtcTimestamp(1_700_000_000.999)).toBe("2023-11-14T22:13:20Z");
});
