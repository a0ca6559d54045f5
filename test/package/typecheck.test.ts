import { expect, test } from "bun:test";
import { REPO_ROOT } from "../support/run-cli.ts";

test("the whole project type-checks under the strict tsconfig", async () => {
  const child = Bun.spawn(["bunx", "tsc", "--noEmit", "-p", "."], { cwd: REPO_ROOT, stdout: "pipe", stderr: "pipe" });
  const [out, exitCode] = await Promise.all([new Response(child.stdout).text(), child.exited]);
  expect(out.trim()).toBe("");
  expect(exitCode).toBe(0);
}, 120_000);
