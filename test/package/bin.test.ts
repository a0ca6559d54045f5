import { expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../support/run-cli.ts";

test("bunx locust-bun works from a project that depends on the package through file:", async () => {
  const dir = mkdtempSync(join(tmpdir(), "locust-bun-consumer-"));
  try {
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, dependencies: { "locust-bun": `file:${REPO_ROOT}` } }));
    writeFileSync(join(dir, "locustfile.ts"), 'import { User, task } from "locust-bun";\nexport class Consumer extends User { @task t() {} }\n');
    const install = Bun.spawnSync(["bun", "install"], { cwd: dir, stdout: "pipe", stderr: "pipe" });
    expect(install.exitCode).toBe(0);
    const run = Bun.spawnSync(["bunx", "locust-bun", "--list"], { cwd: dir, stdout: "pipe", stderr: "pipe" });
    expect({ exitCode: run.exitCode, stdout: run.stdout.toString() }).toEqual({ exitCode: 0, stdout: "Available Users:\n    Consumer\n" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
