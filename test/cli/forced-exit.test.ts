import { expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createProject, startCli } from "../support/run-cli.ts";

// A task stuck on something that ignores the stop signal, so the graceful stop waits out --stop-timeout.
const STUCK = `
import { User, task, constant } from "locust-bun";
export class Stuck extends User {
  waitTime = constant(0);
  @task async hang() { await new Promise((resolve) => setTimeout(resolve, 600_000)); }
}
`;

test("a second Ctrl-C forces the exit with code 130, still writing the CSV and JSON reports", async () => {
  await using project = createProject({ "locustfile.ts": STUCK });
  const cli = startCli(["--headless", "-u", "2", "-r", "100", "--stop-timeout", "600", "--csv", "out/run", "--json-file", "out/run"], {
    cwd: project.dir,
    timeoutMs: 20_000,
  });
  await cli.waitForStderr("All users spawned");
  cli.kill("SIGINT");
  await cli.waitForStderr("Received SIGINT, shutting down...");
  cli.kill("SIGINT");
  const result = await cli.result;
  expect(result.exitCode).toBe(130);
  expect(result.stderr).toContain("Received SIGINT again, forcing exit");
  expect(result.stderr).toContain("Shutting down (exit code 130)");
  expect(existsSync(join(project.dir, "out/run_stats.csv"))).toBe(true);
  expect(JSON.parse(readFileSync(join(project.dir, "out/run.json"), "utf8"))).toBeArray();
});

test("one Ctrl-C alone still waits for the users' graceful stop (the force is only on the second)", async () => {
  await using project = createProject({ "locustfile.ts": STUCK });
  const cli = startCli(["--headless", "-u", "1", "--stop-timeout", "1"], { cwd: project.dir, timeoutMs: 20_000 });
  await cli.waitForStderr("All users spawned");
  cli.kill("SIGINT");
  const result = await cli.result;
  expect(result.stderr).toContain("Not all users finished their tasks & terminated in 1 seconds. Stopping them...");
  expect(result.stderr).not.toContain("forcing exit");
  expect(result.exitCode).toBe(0);
});
