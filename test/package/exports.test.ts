import { expect, test } from "bun:test";

test("the public barrel exports exactly this API (change deliberately: it is the package's contract)", async () => {
  const names = Object.keys(await import("../../src/index.ts")).sort();
  expect(names).toEqual([
    "CatchResponseError",
    "Environment",
    "EventHook",
    "Events",
    "FastHttpSession",
    "FastHttpUser",
    "HttpResponse",
    "HttpSession",
    "HttpUser",
    "InterruptTaskSet",
    "LoadTestShape",
    "LocalRunner",
    "LocustError",
    "MissingWaitTimeError",
    "RequestHook",
    "RequestStats",
    "RescheduleTask",
    "RescheduleTaskImmediately",
    "ResponseError",
    "SequentialTaskSet",
    "StatsEntry",
    "StopTest",
    "StopUser",
    "TaskSet",
    "User",
    "between",
    "constant",
    "constantPacing",
    "constantThroughput",
    "createLogger",
    "events",
    "realClock",
    "runSingleUser",
    "tag",
    "task",
    "untilAborted",
  ]);
});

test("every protocol subpath in package.json points at a barrel that exports a User class", async () => {
  const pkg = (await import("../../package.json")).default as { exports: Record<string, string> };
  const protocolPaths = Object.entries(pkg.exports).filter(([key]) => key !== "." && key !== "./package.json");
  for (const [subpath, file] of protocolPaths) {
    const mod = (await import(`../../${file}`)) as Record<string, unknown>;
    const users = Object.keys(mod).filter((name) => name.endsWith("User"));
    expect({ subpath, hasUser: users.length > 0 }).toEqual({ subpath, hasUser: true });
  }
});
