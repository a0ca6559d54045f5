import { expect, test } from "bun:test";
import { formatThresholdTable, formatThresholdValue } from "../../../src/core/thresholds/index.ts";

test("values keep up to 6 significant digits and say 'no data' when there is none", () => {
  expect([412.345678, 0.0033333333, 15, 1234567.8, null].map(formatThresholdValue)).toEqual(["412.346", "0.00333333", "15", "1234570", "no data"]);
});

test("the table lists each threshold with its value and pass/FAIL, then the verdict and what stopped the run", () => {
  const failed = { expression: '"GET /items":p99<=500', actual: 612.5, passed: false };
  const text = formatThresholdTable([{ expression: "p95<300", actual: 120, passed: true }, failed], failed);
  expect(text.split("\n")).toEqual([
    `${"Threshold".padEnd(40)}${"Actual".padStart(14)}${"Result".padStart(10)}`,
    "-".repeat(64),
    `${"p95<300".padEnd(40)}${"120".padStart(14)}${"pass".padStart(10)}`,
    `${'"GET /items":p99<=500'.padEnd(40)}${"612.5".padStart(14)}${"FAIL".padStart(10)}`,
    "-".repeat(64),
    "1 of 2 thresholds failed",
    'The run was stopped early: "GET /items":p99<=500 failed (actual 612.5)',
  ]);
  expect(formatThresholdTable([{ expression: "rps>1", actual: 2, passed: true }]).split("\n").at(-1)).toBe("All 1 threshold passed");
});
