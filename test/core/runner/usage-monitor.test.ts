import { expect, test } from "bun:test";
import { Environment } from "../../../src/core/environment.ts";
import { UsageMonitor } from "../../../src/core/runner/usage-monitor.ts";

test("every sample fires usageMonitor; above 90% CPU it also fires cpuWarning", () => {
  const env = new Environment();
  const usage: number[] = [];
  const warnings: number[] = [];
  env.events.usageMonitor.addListener(({ cpuUsage, memoryUsage }) => void usage.push(cpuUsage, memoryUsage));
  env.events.cpuWarning.addListener(({ cpuUsage }) => void warnings.push(cpuUsage));
  const monitor = new UsageMonitor(env);
  monitor.sample(5_000_000, 10_000, 123); // 5 s of CPU in 10 s: 50%
  monitor.sample(9_500_000, 10_000, 456); // 95%
  expect(usage).toEqual([50, 123, 95, 456]);
  expect(warnings).toEqual([95]);
  expect(monitor.cpuUsage).toBe(95);
});
