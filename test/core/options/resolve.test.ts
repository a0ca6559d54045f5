import { describe, expect, test } from "bun:test";
import { ArgumentTable } from "../../../src/core/options/argument-table.ts";
import { OptionError } from "../../../src/core/options/option-error.ts";
import { defaultOptions, peekOptions, resolveOptions, type ResolveInput } from "../../../src/core/options/resolve.ts";
import { createTempDir, type TempDir } from "./temp-dir.ts";

// An isolated cwd and home so the developer's own ~/.locust.conf never leaks into a test.
const isolated = { env: {}, cwd: "/nonexistent-locust-bun-cwd", home: "/nonexistent-locust-bun-home" };
const resolve = (argv: string[], extra: Partial<ResolveInput> = {}) => resolveOptions({ ...isolated, argv, ...extra });

function problemsOf(input: Partial<ResolveInput> & { argv: string[] }): { lines: string[]; exitCode: number } {
  try {
    resolveOptions({ ...isolated, ...input });
  } catch (error) {
    if (error instanceof OptionError) return { lines: error.message.split("\n"), exitCode: error.exitCode };
    throw error;
  }
  throw new Error("expected an OptionError");
}

describe("resolveOptions", () => {
  test("gives the defaults for an empty command line", () => {
    expect(resolve([])).toEqual({
      options: defaultOptions(),
      userClassNames: [],
      sources: expect.objectContaining({ users: "default", host: "default" }),
    });
  });

  test("types every kind of value from the command line", () => {
    const { options } = resolve([
      "-f", "tests/load.ts", "-H", "https://api.test", "-u", "50", "-r", "2.5", "-t", "1h30m", "--headless",
      "--csv", "out/run", "--csv-full-history", "-L", "debug", "-s", "30s", "-P", "0", "--processes", "-1",
      "--worker", "--expect-workers", "3", "--exit-code-on-error", "0", "-T", "a", "b",
    ]);
    expect(options).toMatchObject({
      locustfile: "tests/load.ts",
      host: "https://api.test",
      users: 50,
      spawnRate: 2.5,
      runTime: 5400,
      headless: true,
      csvPrefix: "out/run",
      csvFullHistory: true,
      loglevel: "DEBUG",
      stopTimeout: 30,
      webPort: 0,
      processes: -1,
      worker: true,
      expectWorkers: 3,
      exitCodeOnError: 0,
      tags: ["a", "b"],
    });
  });

  describe("precedence", () => {
    const layers = [
      ["~/.locust.conf", (dir: TempDir) => dir.write("home/.locust.conf", "users = 1\n")],
      ["./locust.conf", (dir: TempDir) => dir.write("project/locust.conf", "users = 2\n")],
      ["./pyproject.toml", (dir: TempDir) => dir.write("project/pyproject.toml", "[tool.locust]\nusers = 3\n")],
      ["./package.json", (dir: TempDir) => dir.write("project/package.json", '{"locust": {"users": 4}}')],
      ["extra.conf", (dir: TempDir) => dir.write("project/extra.conf", "users = 5\n")],
      ["LOCUST_USERS", async () => ""],
      ["command line", async () => ""],
    ] as const;

    test.each(layers.map((layer, index) => [layer[0], index + 1] as const))(
      "lets %s win over every lower layer (users = %p)",
      async (source, count) => {
        await using dir = await createTempDir();
        for (const [, write] of layers.slice(0, count)) await write(dir);
        const argv = count >= 5 ? ["--config", "extra.conf"] : [];
        if (count >= 7) argv.push("-u", "7");
        const env = count >= 6 ? { LOCUST_USERS: "6" } : {};
        const resolved = resolveOptions({ argv, env, cwd: `${dir.path}/project`, home: `${dir.path}/home` });
        expect([resolved.options.users, resolved.sources.users]).toEqual([count, source]);
      },
    );

    test("merges different keys from different layers", async () => {
      await using dir = await createTempDir();
      await dir.write("project/locust.conf", "users = 2\nspawn-rate = 3\nhost = http://conf.test\ntags = [x, y]\n");
      const resolved = resolveOptions({
        argv: ["-r", "9"],
        env: { LOCUST_HOST: "http://env.test" },
        cwd: `${dir.path}/project`,
        home: `${dir.path}/home`,
      });
      expect(resolved.options).toMatchObject({ users: 2, spawnRate: 9, host: "http://env.test", tags: ["x", "y"] });
      expect(resolved.sources).toMatchObject({ users: "./locust.conf", spawnRate: "command line", host: "LOCUST_HOST" });
    });

    test("reads an env list in Locust's bracket form over a config list, and the command line over both", async () => {
      await using dir = await createTempDir();
      await dir.write("project/locust.conf", "tags = [from conf]\n");
      const input = { cwd: `${dir.path}/project`, home: `${dir.path}/home`, env: { LOCUST_TAGS: "[critical path, smoke]" } };
      expect(resolveOptions({ ...input, argv: [] }).options.tags).toEqual(["critical path", "smoke"]);
      expect(resolveOptions({ ...input, argv: ["-T", "cli"] }).options.tags).toEqual(["cli"]);
    });

    test("only parses the winning value, so a bad lower layer that is overridden does no harm", () => {
      expect(resolve(["-u", "5"], { env: { LOCUST_USERS: "abc" } }).options.users).toBe(5);
    });

    test("treats empty environment variables as unset", () => {
      expect(resolve([], { env: { LOCUST_USERS: "", LOCUST_HOST: "" } }).options).toMatchObject({
        users: undefined,
        host: undefined,
      });
    });

    test("turns --headful (e.g. from the environment) into headless = false over a config file", async () => {
      await using dir = await createTempDir();
      await dir.write("project/locust.conf", "headless = true\n");
      const input = { cwd: `${dir.path}/project`, home: `${dir.path}/home` };
      expect(resolveOptions({ ...input, argv: [] }).options.headless).toBe(true);
      expect(resolveOptions({ ...input, argv: [], env: { LOCUST_HEADFUL: "true" } }).options.headless).toBe(false);
    });

    test("lets a config file switch a flag off that a lower file switched on", async () => {
      await using dir = await createTempDir();
      await dir.write("home/.locust.conf", "headless\n");
      await dir.write("project/locust.conf", "headless = false\n");
      expect(resolveOptions({ argv: [], cwd: `${dir.path}/project`, home: `${dir.path}/home` }).options.headless).toBe(false);
    });
  });

  describe("positional arguments", () => {
    test("are user class names", () => {
      expect(resolve(["WebUser", "ApiUser", "--headless"]).userClassNames).toEqual(["WebUser", "ApiUser"]);
    });

    test("default to LOCUST_USER_CLASSES, space separated", () => {
      expect(resolve([], { env: { LOCUST_USER_CLASSES: " A  B " } }).userClassNames).toEqual(["A", "B"]);
      expect(resolve(["C"], { env: { LOCUST_USER_CLASSES: "A B" } }).userClassNames).toEqual(["C"]);
    });

    test("set the smoke-mode URL when they look like a URL", () => {
      const resolved = resolve(["https://example.com/health", "WebUser"]);
      expect([resolved.options.url, resolved.userClassNames]).toEqual(["https://example.com/health", ["WebUser"]]);
    });

    test("reject two URLs or a URL that disagrees with --url", () => {
      expect(problemsOf({ argv: ["http://a.test", "http://b.test"] }).lines).toEqual([
        "only one URL can be given, got http://a.test http://b.test",
      ]);
      expect(problemsOf({ argv: ["--url", "http://a.test", "http://b.test"] }).lines).toEqual([
        "the URL argument 'http://b.test' conflicts with --url 'http://a.test'",
      ]);
    });
  });

  describe("errors", () => {
    test("names the flag and the value of a bad integer", () => {
      expect(problemsOf({ argv: ["-u", "abc"] })).toEqual({
        lines: ["invalid value for --users: 'abc' is not an integer"],
        exitCode: 2,
      });
    });

    test("names the environment variable or config file a bad value came from", async () => {
      await using dir = await createTempDir();
      await dir.write("project/locust.conf", "run-time = 1h30\n");
      const { lines } = problemsOf({
        argv: [],
        env: { LOCUST_SPAWN_RATE: "0" },
        cwd: `${dir.path}/project`,
        home: `${dir.path}/home`,
      });
      expect(lines).toEqual([
        "invalid value for --spawn-rate (LOCUST_SPAWN_RATE): '0' must be greater than 0",
        "invalid value for --run-time (in ./locust.conf): '1h30' is not a time span; valid formats are: 20, 20s, 3m, 2h, 1h20m, 3h30m10s, etc.",
      ]);
    });

    test("lists every problem at once, one per line", () => {
      const { lines, exitCode } = problemsOf({
        argv: ["--hedless", "-u", "abc", "-t", "1h30", "-r", "0", "--csv-full-history", "--master", "--worker"],
        env: { LOCUST_HATCH_RATE: "0" },
      });
      expect(lines).toEqual([
        "unrecognized option '--hedless'. Did you mean '--headless'?",
        "invalid value for --users: 'abc' is not an integer",
        "invalid value for --spawn-rate: '0' must be greater than 0",
        "invalid value for --run-time: '1h30' is not a time span; valid formats are: 20, 20s, 3m, 2h, 1h20m, 3h30m10s, etc.",
        "invalid value for --hatch-rate (LOCUST_HATCH_RATE): '0' must be greater than 0",
        "'--csv-full-history' requires '--csv'.",
        "The --master argument cannot be combined with --worker",
      ]);
      expect(exitCode).toBe(2);
    });

    test.each([
      [["--master", "--worker"], 255],
      [["--autoquit", "5"], 1],
      [["--processes", "-3"], 1],
      [["--web-base-path", "ui"], 1],
      [["--autoquit", "5", "--master", "--worker"], 1],
      [["--legacy-ui"], 2],
      [["--expect-workers", "0"], 2],
    ])("exits %p with Locust's code %p", (argv, exitCode) => {
      expect(problemsOf({ argv }).exitCode).toBe(exitCode);
    });

    test("rejects a bad loglevel, host and web-auth", () => {
      expect(problemsOf({ argv: ["-L", "loud", "-H", "example.com", "--web-auth", "nocolon"] }).lines).toEqual([
        "invalid value for --host: 'example.com' is not a URL; expected scheme://host, e.g. https://example.com (did you mean 'http://example.com'?)",
        "invalid value for --loglevel: 'loud' is not a log level; valid values are: DEBUG/INFO/WARNING/ERROR/CRITICAL",
        "invalid value for --web-auth: expected 'username:password'",
      ]);
    });

    test("keeps --web-auth as basic auth", () => {
      expect(resolve(["--web-auth", "admin:secret"]).options.webAuth).toBe("admin:secret");
    });
  });

  describe("custom options", () => {
    function tableWithCustomOptions(): ArgumentTable {
      const table = new ArgumentTable();
      table.addArgument("--my-arg", { help: "text", default: "x" });
      table.addArgument("--my-count", { type: "int", default: 1 });
      table.addArgument("--my-flag", { type: "bool" });
      return table;
    }

    test("land in options.extra with their defaults", () => {
      expect(resolve([], { table: tableWithCustomOptions() }).options.extra).toEqual({
        myArg: "x",
        myCount: 1,
        myFlag: false,
      });
    });

    test("take LOCUST_* environment variables and the command line, which wins", () => {
      const table = tableWithCustomOptions();
      const env = { LOCUST_MY_ARG: "from env", LOCUST_MY_COUNT: "5", LOCUST_MY_FLAG: "yes" };
      expect(resolve([], { table, env }).options.extra).toEqual({ myArg: "from env", myCount: 5, myFlag: true });
      expect(resolve(["--my-arg", "cli", "--my-count=8"], { table, env }).options.extra).toEqual({
        myArg: "cli",
        myCount: 8,
        myFlag: true,
      });
    });

    test("are validated like built-ins", () => {
      expect(problemsOf({ argv: ["--my-count", "many"], table: tableWithCustomOptions() }).lines).toEqual([
        "invalid value for --my-count: 'many' is not an integer",
      ]);
    });

    test("are unknown flags until registered", () => {
      expect(problemsOf({ argv: ["--my-arg", "v"] }).lines).toEqual(["unrecognized option '--my-arg'"]);
    });
  });

  test("reads LOCUST_PLUGINS as a comma list and --plugin as repeatable", () => {
    expect(resolve([], { env: { LOCUST_PLUGINS: "a,b" } }).options.plugin).toEqual(["a", "b"]);
    expect(resolve(["--plugin", "c", "--plugin", "d"], { env: { LOCUST_PLUGINS: "a" } }).options.plugin).toEqual([
      "c",
      "d",
    ]);
  });
});

describe("peekOptions", () => {
  test("never throws and still reads what it can", () => {
    const peeked = peekOptions({
      ...isolated,
      argv: ["-f", "load.ts", "--my-custom", "value", "-u", "abc", "--plugin", "p", "--worker"],
    });
    expect(peeked.options).toMatchObject({ locustfile: "load.ts", users: undefined, plugin: ["p"], worker: true });
  });
});
