/**
 * What a Locust user's port meets on the command line and in the console, end to end through the CLI: custom
 * arguments as Locust declares them, old flags, and Locust's texts (error report, --list, task ratios, shapes).
 */
import { describe, expect, test } from "bun:test";
import { startHttpTarget } from "../support/http-target.ts";
import { createProject, runCli } from "../support/run-cli.ts";

// Locust's add_command_line_argument example, ported.
const CUSTOM_ARGUMENTS = (extra = "") => `
import { User, events, task } from "locust-bun";
events.initCommandLineParser.addListener(({ parser }) => {
  parser.addArgument("--my-argument", { type: "str", envVar: "LOCUST_MY_ARGUMENT", default: "", help: "It's working" });
  parser.addArgument("--env", { choices: ["dev", "staging", "prod"], default: "dev", help: "Environment" });
  parser.addArgument("--endpoints", { choices: ["a", "b", "c"], isMultiple: true, default: ["a"] });
  parser.addArgument("--my-count", { type: "int", default: "3" });
  parser.addArgument("--my-ratio", { type: "float", default: 0.5 });
  parser.addArgument("--my-switch", { action: "store_true" });
  parser.addArgument("--my-ui-password-argument", { isSecret: true, isRequired: true, includeInWebUi: true, default: "x" });
  ${extra}
});
events.testStart.addListener(({ environment }) => {
  const o = environment.parsedOptions;
  console.log("OPTIONS " + JSON.stringify([o.myArgument, o.env, o.endpoints, o.myCount, o.myRatio, o.mySwitch]));
});
export class WebsiteUser extends User { @task idle() {} }
`;

describe("custom arguments as a Locust user declares them", () => {
  const run = async (args: string[], env: Record<string, string> = {}, extra = "") => {
    await using project = createProject({ "locustfile.ts": CUSTOM_ARGUMENTS(extra) });
    return await runCli(["--headless", "-u", "1", "-t", "1s", ...args], { cwd: project.dir, env });
  };

  test("typed values come from the command line, the envVar named and the defaults", async () => {
    const result = await run(["--env", "prod", "--endpoints", "a", "c", "--my-ratio", "0.25", "--my-switch"], { LOCUST_MY_ARGUMENT: "from env" });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`OPTIONS ${JSON.stringify(["from env", "prod", ["a", "c"], 3, 0.25, true])}`);
  });

  test("without values: the defaults, a store_true flag false", async () => {
    const result = await run([]);
    expect(result.stdout).toContain(`OPTIONS ${JSON.stringify(["", "dev", ["a"], 3, 0.5, false])}`);
  });

  test.each([
    [["--env", "test"], "invalid value for --env: 'test' is not one of: dev, staging, prod"],
    [["--endpoints", "a", "d"], "invalid value for --endpoints: 'd' is not one of: a, b, c"],
    [["--my-count", "many"], "invalid value for --my-count: 'many' is not an integer"],
  ])("%p is refused in one line with exit code 2", async (args, message) => {
    const result = await run(args);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.split("\n")[0]).toBe(`${message} (Run 'locust-bun --help' to see every option.)`);
  });

  test.each([
    [`parser.addArgument("--other", { env_var: "X" });`, `addArgument("--other"): unknown key 'env_var' (did you mean 'envVar'?)`],
    [`parser.addArgument("--other", { type: "integer" });`, `addArgument("--other"): unknown type 'integer'; use one of "str", "int", "float", "bool", "list"`],
    [`parser.addArgument("--other", { action: "store_false" });`, `addArgument("--other"): unsupported action 'store_false'`],
    [`parser.addArgument("--other", { type: "int", default: "ten" });`, `addArgument("--other"): invalid value for --other (its default): 'ten' is not an integer`],
  ])("%s stops the start-up with one line", async (extra, message) => {
    const result = await run([], {}, extra);
    expect(result.exitCode).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain(message);
  });
});

describe("old flags as Locust 2.12 takes them", () => {
  const LOCUSTFILE = `import { User, task } from "locust-bun";\nexport class Idle extends User { @task idle() {} }\n`;

  test("--hatch-rate sets the spawn rate with Locust's deprecation line", async () => {
    await using project = createProject({ "locustfile.ts": LOCUSTFILE });
    const result = await runCli(["--headless", "-u", "2", "--hatch-rate", "4", "-t", "1s"], { cwd: project.dir });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toStartWith("[DEPRECATED] The --hatch-rate parameter has been renamed --spawn-rate\n");
    expect(result.stderr).toContain("Ramping to 2 users at a rate of 4.00 per second");
  });

  test("--step-load and its companions are refused once, with Locust's removed message", async () => {
    await using project = createProject({ "locustfile.ts": LOCUSTFILE });
    const result = await runCli(["--headless", "--step-load", "--step-users", "5", "--step-time", "10s"], { cwd: project.dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim()).toBe(
      "The step load feature was removed in Locust 1.3. You can achieve similar results using a LoadTestShape class. See https://docs.locust.io/en/stable/custom-load-shape.html (Run 'locust-bun --help' to see every option.)",
    );
  });

  test("--tls-cert without --tls-key serves the web UI over plain HTTP, as Locust does, with a warning", async () => {
    await using project = createProject({ "locustfile.ts": LOCUSTFILE });
    const result = await runCli(["--autostart", "--autoquit", "0", "-u", "1", "-t", "1s", "--web-port", "0", "--tls-cert", "cert.pem"], { cwd: project.dir });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain("--tls-cert and --tls-key are needed together for HTTPS; the web UI is served over plain HTTP");
    expect(result.stderr).toMatch(/Starting web interface at http:\/\//);
  });
});

describe("Locust's texts", () => {
  test("a catch-response failure reads CatchResponseError('…') in the error report, a newline kept as \\n", async () => {
    await using target = startHttpTarget();
    await using project = createProject({
      "locustfile.ts": `
import { HttpUser, constant, task } from "locust-bun";
export class U extends HttpUser {
  waitTime = constant(0.05);
  @task async a() {
    await this.client.get("/ultra_fast", { catchResponse: true }, (r) => r.failure("line one\\nline two"));
  }
}
`,
    });
    const result = await runCli(["--headless", "-H", target.url, "-u", "1", "-t", "1s", "-s", "5"], { cwd: project.dir });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^\d+ +GET \/ultra_fast: CatchResponseError\('line one\\nline two'\) +$/m);
  });

  // The same classes as a Python locustfile whose output Locust 2.12 printed; classes defined out of name order.
  const RATIO_LOCUSTFILE = `
import { HttpUser, TaskSet, task } from "locust-bun";
export class Zeta extends HttpUser {
  static override host = "http://127.0.0.1:1";
  @task(3) a() {}
  @task static Inner = class extends TaskSet {
    @task b() {}
    @task(2) c() {}
  };
}
export class Alpha extends HttpUser {
  static override host = "http://127.0.0.1:1";
  static override weight = 2;
  @task d() {}
}
`;

  test("--list keeps the definition order", async () => {
    await using project = createProject({ "locustfile.ts": RATIO_LOCUSTFILE });
    const result = await runCli(["--list"], { cwd: project.dir });
    expect(result.stdout).toBe("Available Users:\n    Zeta\n    Alpha\n");
  });

  test("--show-task-ratio prints Locust's layout", async () => {
    await using project = createProject({ "locustfile.ts": RATIO_LOCUSTFILE });
    const result = await runCli(["--show-task-ratio"], { cwd: project.dir });
    const row = (percent: string, name: string, level: number) => {
      const padding = "  ".repeat(level);
      return ` ${(padding + percent.padEnd(6)).padEnd(10)} ${(padding + name).padEnd(50)}`;
    };
    const rule = "-".repeat(80);
    expect(result.stdout).toBe(
      [
        "",
        " Task ratio per User class",
        rule,
        row("33.3", "Zeta", 0), row("75.0", "a", 1), row("25.0", "Inner", 1), row("33.3", "b", 2), row("66.7", "c", 2),
        row("66.7", "Alpha", 0), row("100.0", "d", 1),
        "",
        " Total task ratio",
        rule,
        row("33.3", "Zeta", 0), row("25.0", "a", 1), row("8.3", "Inner", 1), row("2.8", "b", 2), row("5.6", "c", 2),
        row("66.7", "Alpha", 0), row("66.7", "d", 1),
        "",
      ].join("\n"),
    );
  });

  test("--show-task-ratio-json writes whole ratios as Python floats (1.0)", async () => {
    await using project = createProject({ "locustfile.ts": `import { User, task } from "locust-bun";\nexport class U extends User { @task a() {} }\n` });
    const result = await runCli(["--show-task-ratio-json"], { cwd: project.dir });
    expect(result.stdout).toContain('"U": {\n            "ratio": 1.0,\n            "tasks": {\n                "a": {\n                    "ratio": 1.0\n');
  });

  test("a shape test says it is starting and stopping, with user classes in its tick", async () => {
    await using project = createProject({
      "locustfile.ts": `
import { LoadTestShape, User, constant, task } from "locust-bun";
export class A extends User { waitTime = constant(0.1); @task a() {} }
export class B extends User { waitTime = constant(0.1); @task b() {} }
export class Shape extends LoadTestShape {
  override tick() { return this.getRunTime() < 1 ? [2, 2, [B]] as const : null; }
}
`,
    });
    const result = await runCli(["--headless"], { cwd: project.dir });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain("Shape test starting. User count and spawn rate are ignored for this type of load test");
    expect(result.stderr).toContain('All users spawned: {"A": 0, "B": 2} (2 total users)');
    expect(result.stderr).toContain("Shape test stopping");
  });
});
