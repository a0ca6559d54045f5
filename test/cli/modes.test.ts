import { describe, expect, test } from "bun:test";
import { startHttpTarget } from "../support/http-target.ts";
import { freePort } from "../support/free-port.ts";
import { createProject, REPO_ROOT, runCli, startCli } from "../support/run-cli.ts";

describe("modes that need no locustfile", () => {
  test("smoke mode hammers one URL with FastHttpUser users and reports the requests made", async () => {
    await using target = startHttpTarget();
    await using project = createProject();
    const result = await runCli([`${target.url}/ultra_fast?x=1`, "-u", "3", "-t", "1s", "-s", "5"], { cwd: project.dir });
    expect(result.exitCode).toBe(0);
    const made = Number(/^(\d+) requests made$/m.exec(result.stdout)?.[1]);
    expect(made).toBe(target.hits("GET", "/ultra_fast"));
    expect(made).toBeGreaterThan(0);
    expect(result.stderr).toContain('All users spawned: {"UrlUser": 3} (3 total users)');
    expect(result.stderr).toContain("GET      /ultra_fast?x=1");
  });

  test("--demo runs the example locustfile against the embedded target", async () => {
    const result = await runCli(["--demo", "-t", "2s", "-u", "5", "-r", "5", "--only-summary"], { cwd: REPO_ROOT });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain("All users spawned:");
    expect(result.stderr).toMatch(/GET\s+\/items\s+\d+/);
    expect(result.stderr).toContain("Response time percentiles (approximated)");
  });
});

test("an HttpUser without any host stops before the run with Locust's message", async () => {
  await using project = createProject({
    "locustfile.ts": 'import { HttpUser, task } from "locust-bun";\nexport class NoHost extends HttpUser { @task t() { return this.client.get("/"); } }\n',
  });
  const result = await runCli(["--headless", "-t", "1s"], { cwd: project.dir });
  expect(result.exitCode).toBe(1);
  expect(result.stderr.trim()).toBe(
    "You must specify the base host. Either in the host attribute in the User class, or on the command line using the --host option.",
  );
});

test("without --headless the web UI starts with no host; the form's Host starts the test against it", async () => {
  await using target = startHttpTarget();
  await using project = createProject({
    "locustfile.ts": 'import { HttpUser, task, constant } from "locust-bun";\nexport class NoHost extends HttpUser { waitTime = constant(0.05); @task t() { return this.client.get("/ultra_fast"); } }\n',
  });
  const port = freePort();
  const cli = startCli(["-P", String(port), "--web-host", "127.0.0.1"], { cwd: project.dir });
  await cli.waitForStderr("Starting web interface");
  const swarm = (host: string) => fetch(`http://127.0.0.1:${port}/swarm`, { method: "POST", body: new URLSearchParams({ user_count: "1", spawn_rate: "10", host }) });
  expect(((await (await swarm("")).json()) as { success: boolean }).success).toBe(false);
  expect(await (await swarm(target.url)).json()).toEqual({ success: true, message: "Swarming started", host: target.url });
  await cli.waitForStderr("All users spawned");
  cli.kill("SIGTERM");
  const result = await cli.result;
  expect(result.exitCode).toBe(0);
  expect(target.hits("GET", "/ultra_fast")).toBeGreaterThan(0);
});

test("--autostart with -t stops the test and keeps the web UI for --autoquit seconds, then quits", async () => {
  await using project = createProject({
    "locustfile.ts": 'import { User, task, constant } from "locust-bun";\nexport class Idle extends User { waitTime = constant(0.2); @task t() {} }\n',
  });
  const started = performance.now();
  const result = await runCli(["--autostart", "--autoquit", "2", "-t", "1s", "-P", String(freePort()), "-u", "1"], { cwd: project.dir });
  const seconds = (performance.now() - started) / 1000;
  expect(result.exitCode).toBe(0);
  const lines = result.stderr.split("\n");
  const at = (text: string) => lines.findIndex((line) => line.includes(text));
  expect(at("--run-time limit reached, stopping test")).toBeGreaterThan(-1);
  expect(at("--autoquit time reached, shutting down")).toBeGreaterThan(at("--run-time limit reached, stopping test"));
  expect(seconds).toBeGreaterThan(2.9);
});
