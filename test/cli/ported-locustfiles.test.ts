/**
 * Locust's own examples ported line by line as a Locust user would, run end to end through the CLI: a forced stop
 * never becomes a failure, inline TaskSets, a second host from one user, `rest()` on the user, and the stats and
 * logging API in a quitting hook.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startHttpTarget } from "../support/http-target.ts";
import { createProject, runCli } from "../support/run-cli.ts";

/** The rows of a `_stats.csv` as `{ "GET /x": [requests, failures] }`. */
function statsRows(path: string): Record<string, [number, number]> {
  const rows = readFileSync(path, "utf8").split("\r\n").filter(Boolean).slice(1).map((line) => line.split(","));
  return Object.fromEntries(rows.map((r) => [`${r[0]} ${r[1]}`.trim(), [Number(r[2]), Number(r[3])] as [number, number]]));
}

// manual_stats_reporting.py's context manager, as a TypeScript user writes it: report what the block threw, rethrow.
const MANUAL_STATS_REPORTING = `
import { HttpUser, User, constant, events, task } from "locust-bun";

async function manualReport(name: string, block: () => Promise<unknown>) {
  const startTime = performance.now();
  const fire = (exception: unknown) =>
    events.request.fire({ requestType: "manual", name, responseTime: performance.now() - startTime, responseLength: 0, exception });
  try {
    await block();
  } catch (e) {
    fire(e);
    throw e;
  }
  fire(null);
}

export class Sleeper extends User {
  waitTime = constant(0.01);
  @task async successfulTask() { await manualReport("successful_task", () => this.sleep(20 + Math.random() * 30)); }
}

export class LongSleeper extends User {
  @task async longTask() { await manualReport("long_task", () => this.sleep(60_000)); }
}

export class Requester extends HttpUser {
  @task async hanging() {
    try {
      await this.client.get("/never");
    } catch (e) {
      events.request.fire({ requestType: "manual", name: "hanging", responseTime: 1, responseLength: 0, exception: e });
    }
  }
}
`;

describe("a forced stop is never a failure", () => {
  test("the ported manual_stats_reporting locustfile: a clean run exits 0 with no StopUser row", async () => {
    await using target = startHttpTarget();
    await using project = createProject({ "locustfile.ts": MANUAL_STATS_REPORTING });
    const result = await runCli(["--headless", "-H", target.url, "-u", "6", "-r", "6", "-t", "1s", "--csv", "out/run"], { cwd: project.dir });
    expect(result.stderr).not.toMatch(/StopUser|ForcedStop|AbortError/);
    expect(result.stderr).toContain("Shutting down (exit code 0)");
    expect(result.exitCode).toBe(0);
    const rows = statsRows(join(project.dir, "out/run_stats.csv"));
    expect(rows["manual successful_task"]![0]).toBeGreaterThan(0);
    expect(rows["manual long_task"]).toBeUndefined(); // only ever ended by the stop
    expect(rows["manual hanging"]).toBeUndefined();
    expect(rows["GET /never"]).toBeUndefined();
    expect(rows["Aggregated"]![1]).toBe(0);
    expect(readFileSync(join(project.dir, "out/run_failures.csv"), "utf8").trim().split("\r\n")).toHaveLength(1);
  });
});

describe("inline nested TaskSets (Locust's nested_inline_tasksets example)", () => {
  const NESTED = `
import { HttpUser, TaskSet, constant, task } from "locust-bun";
export class WebsiteUser extends HttpUser {
  waitTime = constant(0.01);
  @task(3) static TopLevelTaskSet = class extends TaskSet<WebsiteUser> {
    @task static IndexTaskSet = class extends TaskSet<WebsiteUser> {
      @task(10) async index() { await this.client.get("/ultra_fast"); }
      @task(1) stop() { this.interrupt(); }
    };
    @task async stats() { await this.client.get("/echo"); }
    @task leave() { this.interrupt(); }
  };
  @task async direct() { await this.client.get("/rest"); }
}
`;

  test("run as Locust's @task class Inner(TaskSet): every level's requests reach the target", async () => {
    await using target = startHttpTarget();
    await using project = createProject({ "locustfile.ts": NESTED });
    const result = await runCli(["--headless", "-H", target.url, "-u", "2", "-r", "2", "-t", "1s", "-s", "5", "--csv", "out/run"], { cwd: project.dir });
    expect(result.exitCode).toBe(0);
    const rows = statsRows(join(project.dir, "out/run_stats.csv"));
    for (const path of ["/ultra_fast", "/echo", "/rest"]) {
      expect(rows[`GET ${path}`]).toEqual([target.hits("GET", path), 0]);
      expect(target.hits("GET", path)).toBeGreaterThan(0);
    }
  });

  test("--show-task-ratio names the inline classes after their fields, with @task(3) as the weight", async () => {
    await using project = createProject({ "locustfile.ts": NESTED });
    const result = await runCli(["--show-task-ratio-json"], { cwd: project.dir });
    expect(result.exitCode).toBe(0);
    const topLevel = JSON.parse(result.stdout).per_class.WebsiteUser.tasks;
    // Standard decorators run method decorators before field ones, so `@task static` fields follow the methods.
    expect(Object.keys(topLevel)).toEqual(["direct", "TopLevelTaskSet"]);
    expect(topLevel.TopLevelTaskSet.ratio).toBe(0.75);
    expect(Object.keys(topLevel.TopLevelTaskSet.tasks)).toEqual(["stats", "leave", "IndexTaskSet"]);
  });

  test("a non-static @task field is refused in one line", async () => {
    await using project = createProject({ "locustfile.ts": NESTED.replace("@task(3) static", "@task(3)") });
    const result = await runCli(["--headless", "-u", "1", "-t", "1s"], { cwd: project.dir });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('@task field "TopLevelTaskSet" must be static');
  });
});

describe("several hosts from one user (Locust's multiple_hosts example)", () => {
  const multipleHosts = (settings: string) => `
import { HttpSession, HttpUser, TaskSet, constant, task, type Environment } from "locust-bun";
abstract class MultipleHostsUser extends HttpUser {
  static override abstract = true;
  readonly apiClient: HttpSession;
  constructor(environment: Environment) {
    super(environment);
    this.apiClient = new HttpSession(${settings});
  }
}
class UserTasks extends TaskSet<WebsiteUser> {
  @task async index() { await this.user.client.get("/ultra_fast"); }
  @task async indexOtherHost() { await this.user.apiClient.get("/echo"); }
}
export class WebsiteUser extends MultipleHostsUser {
  waitTime = constant(0.01);
  static override tasks = [UserTasks];
}
`;

  test("the second session reports into the same stats, each request to its own host", async () => {
    await using site = startHttpTarget();
    await using api = startHttpTarget();
    const settings = "{ baseUrl: process.env.API_HOST, requestEvent: this.client.requestEvent, user: this }";
    await using project = createProject({ "locustfile.ts": multipleHosts(settings) });
    const result = await runCli(["--headless", "-H", site.url, "-u", "2", "-r", "2", "-t", "1s", "-s", "5", "--csv", "out/run"], {
      cwd: project.dir,
      env: { API_HOST: api.url },
    });
    expect(result.exitCode).toBe(0);
    const rows = statsRows(join(project.dir, "out/run_stats.csv"));
    expect(rows["GET /ultra_fast"]).toEqual([site.hits("GET", "/ultra_fast"), 0]);
    expect(rows["GET /echo"]).toEqual([api.hits("GET", "/echo"), 0]);
    expect(api.hits("GET", "/echo")).toBeGreaterThan(0);
    expect(site.hits("GET", "/echo") + api.hits("GET", "/ultra_fast")).toBe(0);
  });

  test.each([
    ["a Python keyword", "{ baseUrl: process.env.API_HOST, request_event: this.client.requestEvent, user: this }", "unknown setting 'request_event' (did you mean 'requestEvent'?)"],
    ["no request event", "{ baseUrl: process.env.API_HOST, user: this }", "requestEvent must be the event to report to"],
  ])("a session built with %s is refused in one line before any request", async (_, settings, message) => {
    await using project = createProject({ "locustfile.ts": multipleHosts(settings) });
    const result = await runCli(["--headless", "-H", "http://127.0.0.1:9", "-u", "1", "-t", "2s"], { cwd: project.dir, env: { API_HOST: "http://127.0.0.1:9" } });
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain(`new HttpSession(…): ${message}`);
  });
});

describe("rest() on the FastHttpUser, as in Locust's rest example", () => {
  test("this.rest() parses the JSON and a failed check is that request's failure", async () => {
    await using target = startHttpTarget();
    await using project = createProject({
      "locustfile.ts": `
import { FastHttpUser, constant, task } from "locust-bun";
export class MyUser extends FastHttpUser {
  waitTime = constant(0.01);
  @task async t() {
    await this.rest("POST", "/rest", { json: { foo: 1 } }, (resp) => {
      if (resp.js.received.foo !== 1) resp.failure("Unexpected value of foo in response " + resp.text);
    });
    await this.rest("POST", "/rest", { json: { foo: 1 }, name: "wrong" }, (resp) => {
      if (resp.js.received.foo !== 2) resp.failure("foo is not 2");
    });
  }
}
`,
    });
    const result = await runCli(["--headless", "-H", target.url, "-u", "1", "-r", "1", "-t", "1s", "-s", "5", "--csv", "out/run"], { cwd: project.dir });
    expect(result.exitCode).toBe(1);
    const rows = statsRows(join(project.dir, "out/run_stats.csv"));
    expect(rows["POST /rest"]![1]).toBe(0);
    expect(rows["POST wrong"]![1]).toBe(rows["POST wrong"]![0]);
    expect(rows["POST /rest"]![0] + rows["POST wrong"]![0]).toBe(target.hits("POST", "/rest"));
    expect(result.stderr).toContain("POST wrong: CatchResponseError('foo is not 2')");
  });
});

describe("the stats API and logging in a quitting hook (Locust's documented fail-ratio check)", () => {
  test("failRatio, avgResponseTime and getResponseTimePercentile read the run; createLogger prints with Locust's prefix", async () => {
    await using target = startHttpTarget();
    await using project = createProject({
      "locustfile.ts": `
import { HttpUser, constant, createLogger, events, task } from "locust-bun";
const log = createLogger("locustfile");
events.quitting.addListener(({ environment }) => {
  const total = environment.stats.total;
  log.info(\`ratio=\${total.failRatio} avg>0=\${total.avgResponseTime > 0} p95>0=\${total.getResponseTimePercentile(0.95) > 0}\`);
  if (total.failRatio > 0.01) {
    log.error("Test failed due to failure ratio > 1%");
    environment.processExitCode = 3;
  }
});
export class U extends HttpUser {
  waitTime = constant(0.05);
  @task async fail() {
    const response = await this.client.get("/fail");
    if (typeof response.elapsed !== "number" || !(response.elapsed > 0)) log.error("elapsed is not milliseconds");
  }
}
`,
    });
    const result = await runCli(["--headless", "-H", target.url, "-u", "1", "-t", "1s", "-s", "5"], { cwd: project.dir });
    expect(result.stderr).toMatch(/^\[[\d-]+ [\d:,]+\] [^/\s]+\/INFO\/locustfile: ratio=1 avg>0=true p95>0=true$/m);
    expect(result.stderr).toMatch(/\/ERROR\/locustfile: Test failed due to failure ratio > 1%$/m);
    expect(result.stderr).not.toContain("elapsed is not milliseconds");
    expect(result.exitCode).toBe(3);
  });
});
