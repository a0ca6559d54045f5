import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createProject, runCli } from "../support/run-cli.ts";
import { startStallingTarget } from "../support/stalling-target.ts";

const API = `
import { FastHttpUser, task } from "locust-bun";
export class Api extends FastHttpUser {
  @task get() { return this.client.get("/"); }
}
`;

describe("--arrival-rate from the command line", () => {
  test("runs the open model headless: the console, CSV and JSON show iterations, drops and corrected percentiles", async () => {
    await using target = startStallingTarget(30, 400);
    await using project = createProject({ "locustfile.ts": API });
    const args = ["--headless", "-H", target.url, "--arrival-rate", "100", "--max-users", "2", "-t", "2s"];
    const result = await runCli([...args, "--csv", "out/run", "--json"], { cwd: project.dir });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain("Starting iterations at 100.00 per second (at most 2 users)");
    expect(result.stderr).toContain("No free user to start an iteration: the pool is at --max-users (2)");
    expect(result.stderr).toContain("Response time percentiles corrected for coordinated omission");
    const iterations = /Iterations: (\d+) started, (\d+) dropped/.exec(result.stderr)!;
    const [started, dropped] = [Number(iterations[1]), Number(iterations[2])];
    // 2 s at 100/s: ~200 due; ~40 fall in the 400 ms stall, with both users stuck.
    expect(started + dropped).toBeGreaterThanOrEqual(190);
    expect(started + dropped).toBeLessThanOrEqual(202);
    expect(dropped).toBeGreaterThan(20);

    const history = readFileSync(join(project.dir, "out/run_stats_history.csv"), "utf8").split("\r\n");
    expect(history[0]).toEndWith(",Total Average Content Size,Dropped Iterations");
    expect(history.at(-2)!.split(",").at(-1)).toBe(String(dropped));
    const corrected = readFileSync(join(project.dir, "out/run_stats_corrected.csv"), "utf8").split("\r\n");
    expect(corrected[0]).toStartWith("Type,Name,Sample Count,Average Response Time,Max Response Time,50%,");
    expect(corrected[1]).toStartWith("GET,/,");
    const json = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(json[0]).toMatchObject({ name: "/", method: "GET", dropped_iterations: dropped });
    expect(json[0]!.corrected_response_time_percentiles).toBeObject();
  });

  test("is refused in distributed mode with one line and exit code 1", async () => {
    await using project = createProject({ "locustfile.ts": API });
    const result = await runCli(["--headless", "--processes", "2", "--arrival-rate", "10", "-H", "http://127.0.0.1:9"], { cwd: project.dir });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("--arrival-rate runs in one process only for now: remove --master, --worker or --processes.");
  });
});
