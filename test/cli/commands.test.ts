import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createProject, REPO_ROOT, runCli } from "../support/run-cli.ts";

/** The `text` block under the README's "CLI reference" heading. */
function readmeCliReference(): string {
  const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
  const block = /### CLI reference\s+```text\n([\s\S]*?)```/.exec(readme);
  if (!block) throw new Error("README.md has no CLI reference block");
  return block[1]!;
}

const WORKER = 'import { User, task, constant } from "locust-bun";\nexport class Worker extends User {\n  waitTime = constant(1);\n  @task work() {}\n}\n';

describe("the command tree", () => {
  test("--help with no command prints Locust's option list, exactly the README's CLI reference", async () => {
    await using project = createProject();
    const result = await runCli(["--help"], { cwd: project.dir });
    expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({ exitCode: 0, stderr: "" });
    expect(result.stdout).toBe(readmeCliReference());
  });

  test("run --help and help run print the same option list as --help", async () => {
    await using project = createProject();
    const [bare, run, help] = await Promise.all([
      runCli(["--help"], { cwd: project.dir }),
      runCli(["run", "--help"], { cwd: project.dir }),
      runCli(["help", "run"], { cwd: project.dir }),
    ]);
    expect(run.stdout).toBe(bare.stdout);
    expect(help.stdout).toBe(bare.stdout);
    expect([run.exitCode, help.exitCode]).toEqual([0, 0]);
  });

  test("help lists every command with its description", async () => {
    await using project = createProject();
    const result = await runCli(["help"], { cwd: project.dir });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("locust-bun run|build|help");
    expect(result.stdout).toMatch(/run\S*\s+Run a load test/);
    expect(result.stdout).toMatch(/build\S*\s+Compile a locustfile/);
  });

  test("help build and build --help print the build command's own usage", async () => {
    await using project = createProject();
    const [help, flag] = await Promise.all([runCli(["help", "build"], { cwd: project.dir }), runCli(["build", "--help"], { cwd: project.dir })]);
    expect(help.stdout).toContain("locust-bun build [OPTIONS]");
    expect(help.stdout).toContain("-o, --outfile");
    expect(flag.stdout).toBe(help.stdout);
  });

  test("run with arguments behaves as the bare command: same users, same exit code", async () => {
    await using project = createProject({ "locustfile.ts": WORKER });
    const [bare, run] = await Promise.all([
      runCli(["--headless", "--list"], { cwd: project.dir }),
      runCli(["run", "--headless", "--list"], { cwd: project.dir }),
    ]);
    expect(bare.stdout).toBe("Available Users:\n    Worker\n");
    expect(run.stdout).toBe(bare.stdout);
    expect([bare.exitCode, run.exitCode]).toEqual([0, 0]);
  });
});
