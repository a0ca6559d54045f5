import { expect, test } from "bun:test";
import { join } from "node:path";
import { startHttpTarget } from "../support/http-target.ts";
import { createProject, REPO_ROOT } from "../support/run-cli.ts";

const PRELOAD = join(REPO_ROOT, "test/support/forbid-heavy-modules.ts");

/** Spawns asynchronously: the target lives in this process and must keep answering. */
async function run(args: string[], cwd: string) {
  const child = Bun.spawn(["bun", "--preload", PRELOAD, ...args], { cwd, stdout: "pipe", stderr: "pipe" });
  const [stderr, exitCode] = await Promise.all([new Response(child.stderr).text(), child.exited]);
  return { exitCode, stderr };
}

test("the guard itself notices a heavy library being loaded", async () => {
  const mqttPath = Bun.resolveSync("mqtt", REPO_ROOT);
  await using project = createProject({ "probe.ts": `await import(${JSON.stringify(mqttPath)});\n` });
  const result = await run(["probe.ts"], project.dir);
  expect(result.exitCode).toBe(99);
  expect(result.stderr).toContain("heavy module loaded");
});

test("importing locust-bun and every protocol barrel loads no protocol library", async () => {
  const barrels = ["", "/mqtt", "/socketio", "/postgres", "/mongodb", "/milvus", "/dns", "/websocket", "/openai"];
  const imports = barrels.map((b) => `await import("locust-bun${b}");`);
  await using project = createProject({ "probe.ts": `${imports.join("\n")}\nconsole.log("clean");\n` });
  const result = await run(["probe.ts"], project.dir);
  expect(result.stderr).not.toContain("heavy module loaded");
  expect(result.exitCode).toBe(0);
});

test("an HTTP-only headless run loads no protocol library", async () => {
  await using target = startHttpTarget();
  await using project = createProject({
    "locustfile.ts": `
import { FastHttpUser, HttpUser, task } from "locust-bun";
export class A extends HttpUser { @task t() { return this.client.get("/ultra_fast"); } }
export class B extends FastHttpUser { @task t() { return this.client.get("/ultra_fast"); } }
`,
  });
  const cli = join(REPO_ROOT, "src/cli.ts");
  const result = await run([cli, "--headless", "-H", target.url, "-u", "2", "-r", "2", "-t", "1s"], project.dir);
  expect(result.stderr).not.toContain("heavy module loaded");
  expect(result.exitCode).toBe(0);
  expect(target.hits("GET", "/ultra_fast")).toBeGreaterThan(0);
});
