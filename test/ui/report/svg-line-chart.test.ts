import { describe, expect, test } from "bun:test";
import { niceTicks, renderSvgLineChart, timeTicks } from "../../../src/ui/report/svg-line-chart.ts";

describe("renderSvgLineChart", () => {
  test("draws one polyline per series scaled into the plot, with a legend and escaped labels", () => {
    const svg = renderSvgLineChart({
      title: "RPS <total>",
      times: [0, 1000, 2000],
      series: [
        { label: "a & b", color: "#111", values: [0, 5, 10] },
        { label: "c", color: "#222", values: [10, 10, 10] },
      ],
    });
    expect(svg).toStartWith('<svg class="chart" viewBox="0 0 960 280"');
    expect(svg).toContain("RPS &lt;total&gt;");
    expect(svg).toContain("a &amp; b");
    const lines = [...svg.matchAll(/<polyline[^>]*points="([^"]+)"/g)].map((m) => m[1]!.split(" ").map((p) => p.split(",").map(Number)));
    expect(lines).toHaveLength(2);
    const [first] = lines;
    expect(first!.map(([x]) => x)).toEqual([64, 500, 936]);
    expect(first![0]![1]).toBeGreaterThan(first![2]![1]!);
    expect(lines[1]!.every(([, y]) => y === lines[1]![0]![1])).toBe(true);
  });

  test("shows a note instead of lines with fewer than two points", () => {
    const svg = renderSvgLineChart({ title: "Users", times: [0], series: [{ label: "u", color: "#000", values: [1] }] });
    expect(svg).toContain("Not enough data for a chart yet");
    expect(svg).not.toContain("<polyline");
  });
});

describe("timeTicks", () => {
  const at = (time: string) => new Date(`2026-01-01T${time}`).getTime();
  test.each([
    ["12:00:03", "12:01:58", ["12:00:30", "12:01:00", "12:01:30"]],
    ["12:00:03", "12:00:09", ["12:00:03", "12:00:04", "12:00:05", "12:00:06", "12:00:07", "12:00:08", "12:00:09"]],
    ["12:07:13", "13:02:00", ["12:10:00", "12:20:00", "12:30:00", "12:40:00", "12:50:00", "13:00:00"]],
  ])("labels a run from %s to %s on round clock times", (from, to, labels) => {
    expect(timeTicks(at(from), at(to)).map((t) => new Date(t).toTimeString().slice(0, 8))).toEqual(labels);
  });
});

describe("niceTicks", () => {
  test.each([
    [0, [0, 1]],
    [10, [0, 2.5, 5, 7.5, 10]],
    [37, [0, 10, 20, 30, 40]],
    [0.9, [0, 0.25, 0.5, 0.75, 1]],
    [1234, [0, 500, 1000, 1500]],
  ])("covers 0..%p with round steps", (max, ticks) => {
    expect(niceTicks(max)).toEqual(ticks);
  });
});
