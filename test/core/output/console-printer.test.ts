import { describe, expect, test } from "bun:test";
import { ConsolePrinter, resolveNameWidth } from "../../../src/core/output/console-printer.ts";
import { RequestStats } from "../../../src/core/stats/request-stats.ts";
import { FakeClock } from "../../support/fake-clock.ts";

const T0 = 1_700_000_000;

function setup() {
  const clock = new FakeClock({ now: T0 });
  const stats = new RequestStats({ clock });
  const output: string[] = [];
  const printer = new ConsolePrinter({ stats, clock, write: (text) => output.push(text) });
  return { clock, stats, output, printer };
}

describe("ConsolePrinter", () => {
  test("prints the request table at start and every 2 s until stopped, each followed by a blank line", async () => {
    const { clock, output, printer } = setup();
    printer.start();
    expect(output).toHaveLength(1);
    expect(output[0]!.startsWith("Type     Name ")).toBe(true);
    expect(output[0]!.endsWith("\n\n")).toBe(true);
    await clock.advance(1999);
    expect(output).toHaveLength(1);
    await clock.advance(1);
    await clock.advance(4000);
    expect(output).toHaveLength(4);
    printer.stop();
    await clock.advance(10_000);
    expect(output).toHaveLength(4);
  });

  test("the summary has the total-rate table, the percentile table and the error report", () => {
    const { stats, output, printer } = setup();
    stats.logRequest("GET", "/", 10, 0, T0 + 1);
    stats.logRequest("GET", "/", 20, 0, T0 + 2);
    stats.logError("GET", "/", "boom", T0 + 2);
    printer.printSummary();
    const text = output.join("");
    const blocks = text.split("\n\n");
    expect(blocks[0]!.split("\n")[2]!.endsWith("|    1.00        0.50")).toBe(true);
    expect(blocks[1]!.startsWith("Response time percentiles (approximated)\n")).toBe(true);
    expect(blocks[2]!.startsWith("Error report\n")).toBe(true);
    expect(text.endsWith("-\n\n")).toBe(true);
  });

  test("without errors the summary ends after the percentile table", () => {
    const { stats, output, printer } = setup();
    stats.logRequest("GET", "/", 10, 0, T0 + 1);
    printer.printSummary();
    expect(output.join("")).not.toContain("Error report");
  });

  test.each([
    [true, 200, 80],
    [true, 120, 40],
    [true, 60, 0],
    [false, 200, 80],
    [true, undefined, 80],
  ])("name width on a TTY=%p with %p columns is %d", (isTty, columns, width) => {
    expect(resolveNameWidth(isTty, columns)).toBe(width);
  });
});
