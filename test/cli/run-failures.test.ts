import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createProject, runCli, startCli } from "../support/run-cli.ts";

const HEADER = 'import { User, LoadTestShape, task, constant } from "locust-bun";\n';
const WORKER = "export class Worker extends User {\n  waitTime = constant(0.05);\n  @task work() {}\n}\n";

/** The log lines at ERROR, without their timestamp and logger prefix. */
function errorLines(stderr: string): string[] {
  return stderr
    .split("\n")
    .filter((line) => line.includes("/ERROR/"))
    .map((line) => line.replace(/^.*?\/ERROR\/[\w.]+: /, ""));
}

function shapeSource(tick: string): string {
  return `${HEADER}${WORKER}export class Stages extends LoadTestShape {\n  ticks = 0;\n  override tick(): any {\n    ${tick}\n  }\n}\n`;
}

describe("errors outside a task: one line, an orderly stop with reports, Locust's exit code", () => {
  test.each([
    ["throws", "if (++this.ticks > 1) throw new Error('stage table ran out');\n    return [1, 10];", /^Stages\.tick\(\) failed: Error: stage table ran out \(at .*locustfile\.ts:\d+:\d+\)\. Stopping Locust\.\.\.$/],
    ["returns garbage", "return ++this.ticks > 1 ? 'lots' : [1, 10];", /^LoadTestShape\.tick\(\) returned an invalid value: expected .* got string\. .* Stopping Locust\.\.\.$/],
  ])("a shape tick that %s ends a headless run with exit code 2 and the report written", async (_, tick, line) => {
    await using project = createProject({ "locustfile.ts": shapeSource(tick) });
    const result = await runCli(["--headless", "--json-file", "out/run"], { cwd: project.dir });
    expect(result.exitCode).toBe(2);
    expect(errorLines(result.stderr)).toHaveLength(1);
    expect(errorLines(result.stderr)[0]).toMatch(line);
    expect(result.stderr).toContain("Shutting down (exit code 2)");
    expect(JSON.parse(readFileSync(join(project.dir, "out/run.json"), "utf8"))).toBeArray();
  });

  test("a timer callback and a stray promise that throw: one line each, the run goes on, exit code 2", async () => {
    const source = `${HEADER}export class Worker extends User {
  waitTime = constant(0.05);
  override onStart() {
    setTimeout(() => { throw new Error("timer boom"); }, 1);
    void Promise.reject(new RangeError("stray boom"));
  }
  @task work() {}
}
`;
    await using project = createProject({ "locustfile.ts": source });
    const result = await runCli(["--headless", "-t", "1s", "--csv", "out/run"], { cwd: project.dir });
    expect(result.exitCode).toBe(2);
    expect(errorLines(result.stderr).sort()).toEqual([
      expect.stringMatching(/^Unhandled error outside a task: Error: timer boom \(at .*locustfile\.ts:5:\d+\)$/),
      expect.stringMatching(/^Unhandled error outside a task: RangeError: stray boom \(at .*locustfile\.ts:6:\d+\)$/),
    ]);
    expect(result.stderr).toContain("--run-time limit reached, shutting down");
    expect(existsSync(join(project.dir, "out/run_stats.csv"))).toBe(true);
  });

  test("static weight = 0 on every class: Locust's error at startup, exit 1", async () => {
    const source = `${HEADER}export class Worker extends User {\n  static override weight = 0;\n  @task work() {}\n}\n`;
    await using project = createProject({ "locustfile.ts": source });
    const result = await runCli(["--headless", "-t", "1s"], { cwd: project.dir });
    expect(result.exitCode).toBe(1);
    expect(result.stderr.trim().split("\n").at(-1)).toBe(
      "There are no users with weight > 0. (Give at least one User class a weight above 0 or a fixedCount.)",
    );
  });

  test("waitTime = constant(Infinity): refused with one line instead of spinning, exit 1, reports written", async () => {
    const source = `${HEADER}export class Worker extends User {\n  waitTime = constant(Infinity);\n  @task work() {}\n}\n`;
    await using project = createProject({ "locustfile.ts": source });
    const result = await runCli(["--headless", "--json-file", "out/run"], { cwd: project.dir });
    expect(result.exitCode).toBe(1);
    expect(errorLines(result.stderr)).toEqual([
      "Spawning users failed: constant(Infinity): a wait time must be a finite number of seconds, 0 or more. (To run the tasks once and then stop the user, throw StopUser at the end of the task instead.) Stopping Locust...",
    ]);
    expect(existsSync(join(project.dir, "out/run.json"))).toBe(true);
  });

  test.each([
    [["-r", "1e400"], "invalid value for --spawn-rate: '1e400' is too large"],
    [["-t", `${"9".repeat(400)}s`], `invalid value for --run-time: '${"9".repeat(400)}s' is too large`],
  ])("%p is refused at parsing, exit 2", async (args, message) => {
    await using project = createProject({ "locustfile.ts": `${HEADER}${WORKER}` });
    const result = await runCli(["--headless", ...args], { cwd: project.dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim()).toStartWith(message);
  });

  test("-t 600h runs on instead of stopping at once (setTimeout's 24.8-day overflow)", async () => {
    await using project = createProject({ "locustfile.ts": `${HEADER}${WORKER}` });
    const cli = startCli(["--headless", "-t", "600h"], { cwd: project.dir });
    await cli.waitForStderr("All users spawned");
    await cli.waitForStderr("Aggregated", 2); // the stats table printed 2 s into the run: still running
    cli.kill("SIGTERM");
    const result = await cli.result;
    expect(result.stderr).toContain("Run time limit set to 2160000 seconds");
    expect(result.stderr).not.toContain("--run-time limit reached");
    expect(result.stderr).not.toContain("TimeoutOverflowWarning");
    expect(result.exitCode).toBe(0);
  });
});

describe("reports and --config-users", () => {
  test.each([
    ["--html", "blocked/report.html"],
    ["--json-file", "blocked/run"],
  ])("%s that cannot be written: the error line and a non-zero exit code", async (flag, target) => {
    await using project = createProject({ "locustfile.ts": `${HEADER}${WORKER}`, blocked: "a file where a folder is expected\n" });
    const result = await runCli(["--headless", "-t", "1s", flag, target], { cwd: project.dir });
    expect(result.exitCode).toBe(1);
    expect(errorLines(result.stderr)).toEqual([expect.stringContaining(`${flag} failed: `)]);
    expect(result.stderr).toContain("Shutting down (exit code 1)");
  });

  test("--config-users naming no class: Locust's error, exit 255", async () => {
    await using project = createProject({ "locustfile.ts": `${HEADER}${WORKER}` });
    const result = await runCli(["--headless", "-t", "1s", "--config-users", '{"user_class_name": "Nobody", "weight": 2}'], { cwd: project.dir });
    expect(result.exitCode).toBe(255);
    expect(result.stderr.trim().split("\n").at(-1)).toBe(
      "Error applying user config, probably you tried to specify config for a User not present in your locustfile: 'Nobody'",
    );
  });

  test("--config-users sets a class's settings (here fixedCount) before the run", async () => {
    const source = `${HEADER}${WORKER}export class Other extends User {\n  waitTime = constant(0.05);\n  @task other() {}\n}\n`;
    await using project = createProject({ "locustfile.ts": source });
    const config = '{"user_class_name": "Other", "fixed_count": 3}';
    const result = await runCli(["--headless", "-u", "5", "-r", "100", "-t", "1s", "--config-users", config], { cwd: project.dir });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('All users spawned: {"Other": 3, "Worker": 2} (5 total users)');
  });
});
