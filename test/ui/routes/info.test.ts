import { describe, expect, test } from "bun:test";
import { createLogger } from "../../../src/core/log.ts";
import { task } from "../../../src/core/user/decorators.ts";
import { TaskSet } from "../../../src/core/user/task-set.ts";
import { User } from "../../../src/core/user/user.ts";
import { constant } from "../../../src/core/user/wait-time.ts";
import { createUiFixture, waitFor } from "../ui-fixture.ts";

class Alpha extends User {
  static override abstract = false;
  static override weight = 2;
  override waitTime = constant(600);
  @task(3) a() {}
  @task b() {}
}

class Sub extends TaskSet {
  @task x() {}
  @task y() {}
}

class Beta extends User {
  static override abstract = false;
  override waitTime = constant(600);
  static override tasks = [[function c() {}, 1], [Sub, 1]] as const;
}

/** Rounds every number so float noise in the last bit does not fail whole-object comparisons. */
function roundNumbers(value: unknown): unknown {
  if (typeof value === "number") return Math.round(value * 1e12) / 1e12;
  if (Array.isArray(value)) return value.map(roundNumbers);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundNumbers(v)]));
  return value;
}

describe("GET /tasks", () => {
  test("gives per-class and total ratios for the running users, TaskSets nested", async () => {
    await using fixture = createUiFixture({}, { userClasses: [Alpha, Beta] });
    const runner = fixture.environment.runner!;
    void runner.start(3, 100);
    await waitFor(() => runner.userCount === 3, "3 users");
    const body = roundNumbers(await (await fixture.request("/tasks")).json());
    expect(body).toEqual(
      roundNumbers({
        per_class: {
          Alpha: { ratio: 2 / 3, tasks: { a: { ratio: 0.75 }, b: { ratio: 0.25 } } },
          Beta: { ratio: 1 / 3, tasks: { c: { ratio: 0.5 }, Sub: { ratio: 0.5, tasks: { x: { ratio: 0.5 }, y: { ratio: 0.5 } } } } },
        },
        total: {
          Alpha: { ratio: 2 / 3, tasks: { a: { ratio: 0.5 }, b: { ratio: 1 / 6 } } },
          Beta: { ratio: 1 / 3, tasks: { c: { ratio: 1 / 6 }, Sub: { ratio: 1 / 6, tasks: { x: { ratio: 1 / 12 }, y: { ratio: 1 / 12 } } } } },
        },
      }),
    );
  });
});

describe("GET /logs and /worker-count", () => {
  test("/logs lists recent log lines as the master's, with no workers", async () => {
    await using fixture = createUiFixture();
    createLogger("locust.test").info("a line the web UI should show");
    const body = (await (await fixture.request("/logs")).json()) as { master: string[]; workers: object };
    expect(body.workers).toEqual({});
    expect(body.master.at(-1)).toMatch(/\/INFO\/locust\.test: a line the web UI should show$/);
  });

  test("/worker-count is zero in a single process", async () => {
    await using fixture = createUiFixture();
    expect(await (await fixture.request("/worker-count")).json()).toEqual({ worker_count: 0 });
  });
});

describe("POST /user", () => {
  const post = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  test("updates a class's weight, fixed count and host and answers 201 {}", async () => {
    class Gamma extends User {
      static override abstract = false;
    }
    await using fixture = createUiFixture({}, { userClasses: [Gamma] });
    const response = await fixture.request("/user", post({ user_class_name: "Gamma", weight: 4, fixed_count: 2, host: "http://new<host>" }));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({});
    expect([Gamma.weight, Gamma.fixedCount, Gamma.host]).toEqual([4, 2, "http://newhost"]);
  });

  test.each([
    [{ user_class_name: "Nope" }, "Unknown user class: Nope"],
    [{ user_class_name: "Alpha", weight: 0 }, "weight must be a positive integer"],
    [{ user_class_name: "Alpha", weight: "x" }, "weight must be a positive integer"],
    [{ user_class_name: "Alpha", fixed_count: -1 }, "fixed_count must be a non-negative integer"],
    [{ user_class_name: "Alpha", host: 5 }, "host must be a string"],
  ])("rejects %j with 400", async (body, message) => {
    await using fixture = createUiFixture({}, { userClasses: [Alpha] });
    const response = await fixture.request("/user", post(body));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ success: false, message });
    expect(Alpha.weight).toBe(2);
  });

  test("answers 400 with the parse error for a malformed JSON body", async () => {
    await using fixture = createUiFixture();
    const response = await fixture.request("/user", { method: "POST", headers: { "content-type": "application/json" }, body: "{oops" });
    expect(response.status).toBe(400);
    expect(await response.text()).toStartWith("Malformed JSON body");
  });
});
