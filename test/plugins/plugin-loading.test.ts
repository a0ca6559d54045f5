import { describe, expect, test } from "bun:test";
import { createProject, runCli } from "../support/run-cli.ts";
import { startCliWithWebUi } from "./start-cli-with-web-ui.ts";

/** A third-party plugin using each extension point: a CLI option, an event listener and a web route. */
const HELLO_PLUGIN = `
import { events } from "locust-bun";

events.initCommandLineParser.addListener(({ parser }) => {
  parser.addArgument("--greeting", { help: "What the hello plugin says at the end", default: "hello" });
});
events.testStop.addListener(({ environment }) => {
  console.log(\`hello-plugin: \${environment.parsedOptions.greeting} after \${environment.stats.total.numRequests} ticks\`);
});
events.init.addListener(({ environment }) => {
  environment.webUi?.addRoute("/hello", () => new Response(String(environment.parsedOptions.greeting)));
});
`;

const LOCUSTFILE = `
import { User, constant, task } from "locust-bun";
export class Ticker extends User {
  waitTime = constant(0.05);
  @task tick() {
    this.environment.events.request.fire({ requestType: "TICK", name: "tick", responseTime: 1, responseLength: 0, exception: null });
  }
}
`;

const files = { "plugins/hello.ts": HELLO_PLUGIN, "locustfile.ts": LOCUSTFILE };
const headless = ["--headless", "-u", "1", "-r", "1", "-t", "1s"];

describe("plugins loaded with --plugin or LOCUST_PLUGINS", () => {
  test.concurrent("a plugin's option is listed in --help under the custom options", async () => {
    await using project = createProject(files);
    const result = await runCli(["--plugin", "./plugins/hello.ts", "--help"], { cwd: project.dir });
    expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({ exitCode: 0, stderr: "" });
    expect(result.stdout).toMatch(/Options added by plugins and locustfiles\.\s+--greeting <string>\s+What the hello plugin says at the end/);
  });

  test.concurrent("--plugin: the option parses and the plugin's testStop listener prints it with the run's count", async () => {
    await using project = createProject(files);
    const result = await runCli(["--plugin", "./plugins/hello.ts", ...headless, "--greeting", "Hej", "--json"], { cwd: project.dir });
    expect(result.exitCode).toBe(0);
    const ticks = (JSON.parse(result.stdout.slice(result.stdout.indexOf("["))) as { name: string; num_requests: number }[])
      .find((entry) => entry.name === "tick")!.num_requests;
    expect(ticks).toBeGreaterThan(0);
    expect(result.stdout).toContain(`hello-plugin: Hej after ${ticks} ticks`);
  });

  test.concurrent("LOCUST_PLUGINS loads the same plugin, and its option reads its LOCUST_ variable", async () => {
    await using project = createProject(files);
    const env = { LOCUST_PLUGINS: "./plugins/hello.ts", LOCUST_GREETING: "Hallo" };
    const result = await runCli(headless, { cwd: project.dir, env });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^hello-plugin: Hallo after \d+ ticks$/m);
  });

  test.concurrent("a route the plugin adds during init is served by the running web UI", async () => {
    await using project = createProject(files);
    await using cli = await startCliWithWebUi(["--plugin", "./plugins/hello.ts", "--greeting", "Hi there"], project.dir);
    const response = await fetch(`${cli.url}/hello`);
    expect({ status: response.status, body: await response.text() }).toEqual({ status: 200, body: "Hi there" });
    const { exitCode } = await cli.stop();
    expect(exitCode).toBe(0);
  });

  test.concurrent("a plugin that throws on import stops the run with one line naming it", async () => {
    await using project = createProject({ ...files, "plugins/broken.ts": `throw new Error("needs REDIS_URL");\n` });
    const result = await runCli(["--plugin", "./plugins/broken.ts", ...headless], { cwd: project.dir });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("Could not load plugin './plugins/broken.ts': needs REDIS_URL");
    expect(result.stderr).not.toContain("    at ");
  });
});
