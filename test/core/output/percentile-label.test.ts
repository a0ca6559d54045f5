import { expect, test } from "bun:test";
import { formatPercentileLabel } from "../../../src/core/output/percentile-label.ts";

test.each([
  [0.5, "50%"],
  [0.66, "66%"],
  [0.999, "99.9%"],
  [0.9999, "99.99%"],
  [1, "100%"],
  [0.29, "29.0%"],
  [0.123456789, "12.345679%"],
])("percentile %d is labelled %s, as Locust labels it", (p, label) => {
  expect(formatPercentileLabel(p)).toBe(label);
});
