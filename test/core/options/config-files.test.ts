import { describe, expect, test } from "bun:test";
import { ArgumentTable } from "../../../src/core/options/argument-table.ts";
import { loadConfigFiles } from "../../../src/core/options/config-files.ts";
import { createTempDir, type TempDir } from "./temp-dir.ts";

function load(dir: TempDir, configFile?: string) {
  const result = loadConfigFiles({
    cwd: `${dir.path}/project`,
    home: `${dir.path}/home`,
    configFile,
    table: new ArgumentTable(),
  });
  return {
    layers: result.layers.map((layer) => ({
      source: layer.source,
      values: Object.fromEntries([...layer.values].map(([key, entry]) => [key, entry.raw])),
    })),
    problems: result.problems.map((problem) => problem.message),
  };
}

describe("loadConfigFiles", () => {
  test("finds nothing and reports nothing in an empty directory", async () => {
    await using dir = await createTempDir();
    expect(load(dir)).toEqual({ layers: [], problems: [] });
  });

  test("reads every default file, lowest precedence first", async () => {
    await using dir = await createTempDir();
    await dir.write("home/.locust.conf", "users = 1\n");
    await dir.write("project/locust.conf", "users = 2\nheadless\n");
    await dir.write("project/pyproject.toml", '[tool.locust]\nusers = 3\ntags = ["a", "b"]\n[tool.other]\nx = 1\n');
    await dir.write("project/package.json", JSON.stringify({ name: "x", locust: { users: 4, spawnRate: 2.5 } }));
    expect(load(dir)).toEqual({
      layers: [
        { source: "~/.locust.conf", values: { users: "1" } },
        { source: "./locust.conf", values: { users: "2", headless: true } },
        { source: "./pyproject.toml", values: { users: 3, tags: ["a", "b"] } },
        { source: "./package.json", values: { users: 4, spawnRate: 2.5 } },
      ],
      problems: [],
    });
  });

  test("ignores a package.json or pyproject.toml without Locust settings", async () => {
    await using dir = await createTempDir();
    await dir.write("project/package.json", JSON.stringify({ name: "x", scripts: {} }));
    await dir.write("project/pyproject.toml", "[tool.black]\nline-length = 100\n");
    expect(load(dir)).toEqual({ layers: [], problems: [] });
  });

  test.each([
    ["run.conf", "users = 5\nrun-time = 1m\n", { users: "5", runTime: "1m" }],
    ["run.toml", '[tool.locust]\nusers = 5\nrun-time = "1m"\n', { users: 5, runTime: "1m" }],
    ["plain.toml", 'users = 5\nrun-time = "1m"\n', { users: 5, runTime: "1m" }],
    ["run.json", '{"users": 5, "run-time": "1m"}', { users: 5, runTime: "1m" }],
    ["wrapped.json", '{"locust": {"users": 5, "runTime": "1m"}}', { users: 5, runTime: "1m" }],
  ])("reads --config %s last", async (name, contents, values) => {
    await using dir = await createTempDir();
    await dir.write("project/locust.conf", "users = 2\n");
    await dir.write(`project/${name}`, contents);
    expect(load(dir, name)).toEqual({
      layers: [
        { source: "./locust.conf", values: { users: "2" } },
        { source: name, values },
      ],
      problems: [],
    });
  });

  test("takes an absolute --config path", async () => {
    await using dir = await createTempDir();
    const path = await dir.write("elsewhere/x.conf", "users = 9\n");
    expect(load(dir, path).layers).toEqual([{ source: path, values: { users: "9" } }]);
  });

  test("reports a --config file that does not exist", async () => {
    await using dir = await createTempDir();
    expect(load(dir, "nope.conf").problems).toEqual(["config file 'nope.conf' (--config) was not found"]);
  });

  test("reports unknown keys with a suggestion, command-line-only keys and removed options", async () => {
    await using dir = await createTempDir();
    await dir.write(
      "project/locust.conf",
      "spawn-rte = 1\nfrobnicate-everything = 2\nconfig = other.conf\nslave = true\nstep-load = true\nusers = 1\n",
    );
    expect(load(dir)).toEqual({
      layers: [{ source: "./locust.conf", values: { users: "1" } }],
      problems: [
        "'spawn-rte' in ./locust.conf is not a known option. Did you mean 'spawn-rate'?",
        "'frobnicate-everything' in ./locust.conf is not a known option",
        "'config' in ./locust.conf can only be given on the command line",
        "The --slave parameter has been renamed --worker (in ./locust.conf)",
        "The step load feature was removed in Locust 1.3. You can achieve similar results using a LoadTestShape class. See https://docs.locust.io/en/stable/custom-load-shape.html (in ./locust.conf)",
      ],
    });
  });

  test("reports unreadable lines and files", async () => {
    await using dir = await createTempDir();
    await dir.write("home/.locust.conf", "users = 1\n= oops\n");
    await dir.write("project/package.json", "{ not json");
    await dir.write("project/bad.toml", "[tool.locust\n");
    await dir.write("project/list.json", "[1, 2]");
    const { problems } = load(dir, "bad.toml");
    expect(problems[0]).toBe("config file ~/.locust.conf, line 2: expected 'key = value'");
    expect(problems[1]).toStartWith("could not read config file ./package.json: ");
    expect(problems[2]).toStartWith("could not read config file bad.toml: ");
    expect(load(dir, "list.json").problems.at(-1)).toBe(
      "config file list.json: the Locust settings must be an object of option names to values",
    );
  });

  test("knows custom options registered on the table", async () => {
    await using dir = await createTempDir();
    await dir.write("project/locust.conf", "my-arg = hello\n");
    const table = new ArgumentTable();
    table.addArgument("--my-arg");
    const result = loadConfigFiles({ cwd: `${dir.path}/project`, home: `${dir.path}/home`, table });
    expect(result.problems).toEqual([]);
    expect(result.layers[0].values.get("myArg")?.raw).toBe("hello");
  });
});
