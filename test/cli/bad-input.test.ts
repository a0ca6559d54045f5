import { describe, expect, test } from "bun:test";
import { createProject, runCli } from "../support/run-cli.ts";

const GOOD = `
import { User, task } from "locust-bun";
export class Worker extends User {
  @task async work() {}
}
`;

describe("bad input gives one clear line and the documented exit code", () => {
  test("a missing locustfile", async () => {
    await using project = createProject();
    const result = await runCli(["-f", "nope.ts", "--headless"], { cwd: project.dir });
    expect(result.exitCode).toBe(1);
    expect(result.stderr.trim()).toBe("Could not find 'nope.ts'. Ensure the file exists and ends in '.ts' or '.js'.");
  });

  test("a locustfile with a syntax error", async () => {
    await using project = createProject({ "locustfile.ts": "export class Broken extends {\n" });
    const result = await runCli(["--headless"], { cwd: project.dir });
    expect(result.exitCode).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toStartWith(`Could not load locustfile ${project.dir}/locustfile.ts:`);
  });

  test("a locustfile without a User class", async () => {
    await using project = createProject({ "locustfile.ts": "export const nothing = 1;\n" });
    const result = await runCli(["--headless"], { cwd: project.dir });
    expect(result.exitCode).toBe(1);
    expect(result.stderr.trim()).toBe(
      "No User class found! Export at least one non-abstract class that extends User from your locustfile.",
    );
  });

  test.each([
    ["a User", "export class Worker extends User {\n  static waitTime = between(1, 2);\n  @task async work() {}\n}", "Worker"],
    [
      "a TaskSet it reaches",
      "class Browse extends TaskSet {\n  static waitTime = between(1, 2);\n  @task async look() {}\n}\nexport class Worker extends User {\n  static tasks = [Browse];\n}",
      "Browse",
    ],
  ])("a static waitTime on %s (it would be ignored)", async (_, body, owner) => {
    const source = `import { User, TaskSet, task, between } from "locust-bun";\n${body}\n`;
    await using project = createProject({ "locustfile.ts": source });
    const result = await runCli(["--headless", "-t", "1s"], { cwd: project.dir });
    expect(result.exitCode).toBe(1);
    expect(result.stderr.trim()).toBe(
      `${owner} declares 'static waitTime', which is never read: declare it as an instance field instead (waitTime = between(1, 5)).`,
    );
  });

  test.each([
    [
      "host",
      'export class Shopper extends HttpUser {\n  host = "http://127.0.0.1:1";\n  @task t() { return this.client.get("/"); }\n}',
      "You must specify the base host. Either in the host attribute in the User class, or on the command line using the --host option.",
    ],
    [
      "tasks",
      "export class Shopper extends HttpUser {\n  static override host = \"http://x\";\n  tasks = [() => 1];\n}",
      "No tasks defined on Shopper. Use the @task decorator or set the static 'tasks' attribute of the User (or mark it as abstract: static abstract = true).",
    ],
  ])("'%s' written as an instance field: Locust's error, with the fix", async (field, body, message) => {
    await using project = createProject({ "locustfile.ts": `import { HttpUser, task } from "locust-bun";\n${body}\n` });
    const result = await runCli(["--headless", "-t", "1s"], { cwd: project.dir });
    expect(result.exitCode).toBe(1);
    expect(result.stderr.trim()).toBe(`${message} (Shopper declares '${field}' as an instance field; class settings are static: static ${field} = …)`);
  });

  test("-T with a tag no task carries: Locust's warning, every pick a counted user error, exit 1", async () => {
    const source = 'import { User, task, constant } from "locust-bun";\nexport class Worker extends User {\n  waitTime = constant(0.2);\n  @task async work() {}\n}\n';
    await using project = createProject({ "locustfile.ts": source });
    const result = await runCli(["--headless", "-t", "1s", "-T", "nope", "--only-summary"], { cwd: project.dir });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("WARNING/locust.user.task: Worker had no tasks left after filtering, instantiating it will fail!");
    expect(result.stderr).toContain("No tasks defined on Worker (or none left after tag filtering)");
  });

  test.each([
    ["--csv", "blocked/run", "--csv cannot write "],
    ["--logfile", "blocked/run.log", "--logfile cannot write "],
  ])("%s into a folder that cannot be created: one line naming the flag, exit 1", async (flag, target, message) => {
    await using project = createProject({ "locustfile.ts": GOOD, blocked: "a file where a folder is expected\n" });
    const result = await runCli(["--headless", "-t", "1s", flag, target], { cwd: project.dir });
    expect(result.exitCode).toBe(1);
    const last = result.stderr.trim().split("\n").at(-1)!;
    expect(last).toStartWith(message);
    expect(last).toContain("blocked");
  });

  test("an unknown user class name", async () => {
    await using project = createProject({ "locustfile.ts": GOOD });
    const result = await runCli(["--headless", "Nobody"], { cwd: project.dir });
    expect(result.exitCode).toBe(1);
    expect(result.stderr.trim()).toBe("Unknown User(s): Nobody (Available: Worker)");
  });

  test.each([
    [["-u", "abc"], "--users", "abc"],
    [["-t", "1h30"], "--run-time", "1h30"],
  ])("%p is rejected naming the flag and the value", async (args, flag, value) => {
    await using project = createProject({ "locustfile.ts": GOOD });
    const result = await runCli(["--headless", ...args], { cwd: project.dir });
    expect(result.exitCode).toBe(2);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(flag);
    expect(lines[0]).toContain(`'${value}'`);
  });

  test("an unknown flag suggests the closest one", async () => {
    await using project = createProject({ "locustfile.ts": GOOD });
    const result = await runCli(["--headles"], { cwd: project.dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("Did you mean '--headless'?");
  });
});

describe("inspection commands", () => {
  test("--list prints the available users and exits 0", async () => {
    await using project = createProject({ "locustfile.ts": GOOD });
    const result = await runCli(["--list"], { cwd: project.dir });
    expect(result).toEqual({ exitCode: 0, stdout: "Available Users:\n    Worker\n", stderr: "" });
  });

  test("--version names the package and Bun", async () => {
    await using project = createProject();
    const result = await runCli(["--version"], { cwd: project.dir });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^locust-bun \d+\.\d+\.\d+ from .+ \(Bun \d+\.\d+\.\d+\)\n$/);
  });

  test("--show-task-ratio-json gives per-class and total ratios", async () => {
    await using project = createProject({
      "locustfile.ts": `
import { User, TaskSet, task } from "locust-bun";
class Sub extends TaskSet { @task task1() {} @task task2() {} }
export class U extends User {
  static override tasks = [Sub];
  @task rootTask() {}
}
`,
    });
    const result = await runCli(["--show-task-ratio-json"], { cwd: project.dir });
    expect(result.exitCode).toBe(0);
    const ratios = JSON.parse(result.stdout);
    expect(ratios.total.U.tasks.Sub.tasks.task1.ratio).toBe(0.25);
    expect(ratios.total.U.tasks.rootTask.ratio).toBe(0.5);
    expect(ratios.per_class.U.tasks.Sub.tasks.task1.ratio).toBe(0.5);
  });
});
