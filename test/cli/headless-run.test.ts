import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startHttpTarget } from "../support/http-target.ts";
import { createProject, runCli } from "../support/run-cli.ts";

const REQUEST_TABLE_HEADER =
  "Type     Name                                                                          # reqs      # fails |    Avg     Min     Max    Med |   req/s  failures/s";
const STATS_CSV_HEADER =
  "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%";
const HISTORY_CSV_HEADER =
  "Timestamp,User Count,Type,Name,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%,Total Request Count,Total Failure Count,Total Median Response Time,Total Average Response Time,Total Min Response Time,Total Max Response Time,Total Average Content Size";

const SHOP = `
import { FastHttpUser, HttpUser, task, constant } from "locust-bun";
export class FetchUser extends HttpUser {
  waitTime = constant(0.01);
  @task(2) fast() { return this.client.get("/ultra_fast"); }
  @task fail() { return this.client.get("/fail"); }
}
export class PooledUser extends FastHttpUser {
  waitTime = constant(0.01);
  @task post() { return this.client.post("/echo", { json: { hello: "world" } }); }
}
`;

function csvRows(path: string): string[][] {
  return readFileSync(path, "utf8")
    .split("\r\n")
    .filter(Boolean)
    .map((line) => line.split(","));
}

describe("a headless run against a local target", () => {
  test("prints Locust's tables, writes Locust's CSV files, and counts exactly what the target saw", async () => {
    await using target = startHttpTarget();
    await using project = createProject({ "locustfile.ts": SHOP });
    const result = await runCli(["--headless", "-H", target.url, "-u", "4", "-r", "4", "-t", "2s", "-s", "5", "--csv", "out/run"], {
      cwd: project.dir,
    });
    expect(result.exitCode).toBe(1); // /fail answers 500: Locust exits with --exit-code-on-error (1)
    expect(result.stderr).toContain(REQUEST_TABLE_HEADER);
    expect(result.stderr).toContain("Response time percentiles (approximated)");
    expect(result.stderr).toContain("GET /fail: HTTPError('500 Server Error: Internal Server Error for url: /fail')");
    expect(result.stderr).toContain("Shutting down (exit code 1)");

    const stats = csvRows(join(project.dir, "out/run_stats.csv"));
    expect(stats[0]!.join(",")).toBe(STATS_CSV_HEADER);
    const row = (method: string, name: string) => stats.find((r) => r[0] === method && r[1] === name)!;
    expect(Number(row("GET", "/ultra_fast")[2])).toBe(target.hits("GET", "/ultra_fast"));
    expect(Number(row("GET", "/fail")[2])).toBe(target.hits("GET", "/fail"));
    expect(Number(row("GET", "/fail")[3])).toBe(target.hits("GET", "/fail"));
    expect(Number(row("POST", "/echo")[2])).toBe(target.hits("POST", "/echo"));
    expect(Number(row("GET", "/ultra_fast")[8])).toBe("This is an ultra fast response".length);
    const aggregated = stats.at(-1)!;
    expect(aggregated.slice(0, 2)).toEqual(["", "Aggregated"]);
    expect(Number(aggregated[2])).toBe(target.requests.length);

    const history = readFileSync(join(project.dir, "out/run_stats_history.csv"), "utf8").split("\r\n");
    expect(history[0]).toBe(HISTORY_CSV_HEADER);
    expect(readFileSync(join(project.dir, "out/run_failures.csv"), "utf8").split("\r\n")[0]).toBe(
      "Method,Name,Error,Occurrences,First Seen,Last Seen",
    );
    expect(readFileSync(join(project.dir, "out/run_exceptions.csv"), "utf8").split("\r\n")[0]).toBe("Count,Message,Traceback,Nodes");
  });

  test("--csv-full-history writes per-name rows with current-window percentiles (kept per name only then)", async () => {
    await using target = startHttpTarget();
    const locustfile = `
import { FastHttpUser, task } from "locust-bun";
export class SlowUser extends FastHttpUser {
  @task slow() { return this.client.get("/slow?ms=20", { name: "/slow" }); }
}
`;
    await using project = createProject({ "locustfile.ts": locustfile });
    const args = ["--headless", "-H", target.url, "-u", "2", "-r", "2", "-t", "4s", "-s", "5", "--csv", "out/full", "--csv-full-history"];
    const result = await runCli(args, { cwd: project.dir });
    expect(result.exitCode).toBe(0);
    const rows = csvRows(join(project.dir, "out/full_stats_history.csv")).filter((r) => r[2] === "GET" && r[3] === "/slow");
    // A name's window needs a snapshot at least 2 s old, so the later rows of a 4 s run have one (0 without).
    expect(rows.some((r) => Number(r[6]) >= 20)).toBe(true);
  });

  test("--json prints the entries Locust prints, with the counts the target saw", async () => {
    await using target = startHttpTarget();
    await using project = createProject({ "locustfile.ts": SHOP });
    const result = await runCli(["--headless", "-H", target.url, "-u", "2", "-r", "2", "-t", "1s", "-s", "5", "--json", "FetchUser"], {
      cwd: project.dir,
    });
    const entries = JSON.parse(result.stdout) as { name: string; method: string; num_requests: number; num_failures: number }[];
    const fast = entries.find((e) => e.name === "/ultra_fast")!;
    expect(fast.method).toBe("GET");
    expect(fast.num_requests).toBe(target.hits("GET", "/ultra_fast"));
    expect(entries.find((e) => e.name === "/fail")!.num_failures).toBe(target.hits("GET", "/fail"));
    expect(target.hits("POST", "/echo")).toBe(0); // only the named class ran
  });
});

describe("exit codes and signals", () => {
  test("a quitting listener's processExitCode wins, and quit receives it (Locust vector 22)", async () => {
    await using project = createProject({
      "locustfile.ts": `
import { User, events, task, constant } from "locust-bun";
export class Idle extends User {
  waitTime = constant(0.05);
  @task t() {}
}
events.quitting.addListener(({ environment }) => { environment.processExitCode = 42; });
events.quit.addListener(({ exitCode }) => console.log("quit with", exitCode));
`,
    });
    const result = await runCli(["--headless", "-u", "1"], { cwd: project.dir, signalAfterMs: { signal: "SIGTERM", ms: 1500 } });
    expect(result.exitCode).toBe(42);
    expect(result.stderr).toContain("Shutting down (exit code 42)");
    expect(result.stdout).toContain("quit with 42");
  });

  test("Ctrl-C still writes the summary and every CSV file", async () => {
    await using target = startHttpTarget();
    await using project = createProject({ "locustfile.ts": SHOP });
    const result = await runCli(["--headless", "-H", target.url, "-u", "2", "-s", "5", "--csv", "out/int", "PooledUser"], {
      cwd: project.dir,
      signalAfterMs: { signal: "SIGINT", ms: 1500 },
    });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain("Response time percentiles (approximated)");
    const stats = csvRows(join(project.dir, "out/int_stats.csv"));
    expect(Number(stats.find((r) => r[1] === "/echo")![2])).toBe(target.hits("POST", "/echo"));
  });

  test("a task that throws is counted in the exceptions, the user keeps running, and the run exits 1", async () => {
    await using project = createProject({
      "locustfile.ts": `
import { User, task, constant } from "locust-bun";
export class Thrower extends User {
  waitTime = constant(0.01);
  @task boom() { throw new Error("task exploded"); }
}
`,
    });
    const result = await runCli(["--headless", "-u", "1", "-t", "1s", "--csv", "out/x"], { cwd: project.dir });
    expect(result.exitCode).toBe(1);
    const rows = csvRows(join(project.dir, "out/x_exceptions.csv"));
    expect(Number(rows[1]![0])).toBeGreaterThan(5);
    expect(rows[1]![1]).toBe("task exploded");
  });

  test("users failing instantly in a tight loop do not stop --run-time from ending the run", async () => {
    await using project = createProject({
      "locustfile.ts": `
import { User, task } from "locust-bun";
export class Spinner extends User {
  @task spin() { throw new Error("instant"); }
}
`,
    });
    const result = await runCli(["--headless", "-u", "20", "-r", "20", "-t", "1s", "--only-summary"], { cwd: project.dir, timeoutMs: 20_000 });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("--run-time limit reached, shutting down");
  });
});
