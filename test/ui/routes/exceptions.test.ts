import { describe, expect, test } from "bun:test";
import { CrashingUser, createUiFixture, waitFor } from "../ui-fixture.ts";

describe("GET /exceptions", () => {
  test("lists exceptions raised by real users' tasks with count, message, traceback and nodes", async () => {
    await using fixture = createUiFixture({}, { userClasses: [CrashingUser] });
    const runner = fixture.environment.runner!;
    void runner.start(1, 10);
    await waitFor(() => (runner.exceptions.rows()[0]?.count ?? 0) >= 2, "two exceptions");
    await runner.stop();
    const count = runner.exceptions.rows()[0]!.count;
    const body = await (await fixture.request("/exceptions")).json();
    expect(body).toEqual({
      exceptions: [{ count, msg: "task went wrong", traceback: expect.stringContaining("TypeError: task went wrong"), nodes: "local" }],
    });
  });

  test("is an empty list before anything went wrong", async () => {
    await using fixture = createUiFixture();
    expect(await (await fixture.request("/exceptions")).json()).toEqual({ exceptions: [] });
  });
});
