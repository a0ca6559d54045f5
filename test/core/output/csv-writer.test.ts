import { describe, expect, test } from "bun:test";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CsvWriter } from "../../../src/core/output/csv-writer.ts";
import { RequestStats } from "../../../src/core/stats/request-stats.ts";
import { FakeClock } from "../../support/fake-clock.ts";

const T0 = 1_700_000_000;

async function tempDir() {
  const path = await mkdtemp(join(tmpdir(), "csv-writer-"));
  return { path, [Symbol.asyncDispose]: () => rm(path, { recursive: true, force: true }) };
}

function setup(prefix: string, options: { fullHistory?: boolean } = {}) {
  const clock = new FakeClock({ now: T0 });
  const stats = new RequestStats({ clock });
  let users = 5;
  const exceptions = [{ count: 1, msg: "oops", traceback: "line 1\nline 2", nodes: ["local"] }];
  const writer = new CsvWriter({
    prefix,
    stats,
    clock,
    fullHistory: options.fullHistory,
    userCount: () => users,
    exceptions: () => exceptions,
  });
  return { clock, stats, writer, setUsers: (n: number) => (users = n) };
}

const lines = async (path: string) => (await readFile(path, "utf8")).split("\r\n").slice(0, -1);

describe("CsvWriter", () => {
  test("start creates missing folders and the four files; each second rewrites snapshots and appends history", async () => {
    await using dir = await tempDir();
    const { clock, stats, writer, setUsers } = setup(join(dir.path, "nested", "deeper", "run"));
    stats.logRequest("GET", "/", 10, 1, T0 + 0.1);
    writer.start();
    expect(await lines(writer.paths.history)).toHaveLength(1);
    expect((await lines(writer.paths.stats)).map((l) => l.split(",")[1])).toEqual(["Name", "/", "Aggregated"]);
    expect(await lines(writer.paths.failures)).toEqual(["Method,Name,Error,Occurrences,First Seen,Last Seen"]);
    expect((await readFile(writer.paths.exceptions, "utf8")).split("\r\n")[1]).toBe('1,oops,"line 1\nline 2",local');

    stats.logRequest("POST", "/login", 20, 1, T0 + 0.5);
    stats.logError("POST", "/login", "denied", T0 + 0.5);
    await clock.advance(1000);
    expect((await lines(writer.paths.stats)).map((l) => l.split(",")[1])).toEqual(["Name", "/", "/login", "Aggregated"]);
    expect((await lines(writer.paths.failures))[1]).toBe("POST,/login,denied,1,2023-11-14T22:13:20Z,2023-11-14T22:13:20Z");
    setUsers(9);
    await clock.advance(2000);
    const history = (await lines(writer.paths.history)).slice(1).map((l) => l.split(",").slice(0, 4).join(","));
    expect(history).toEqual([`${T0 + 1},5,,Aggregated`, `${T0 + 2},9,,Aggregated`, `${T0 + 3},9,,Aggregated`]);
    writer.stop();
  });

  test("stop ends the loop; flush writes a final state without repeating the last history second", async () => {
    await using dir = await tempDir();
    const { clock, stats, writer } = setup(join(dir.path, "run"));
    writer.start();
    await clock.advance(1000);
    writer.stop();
    await clock.advance(5000);
    expect(await lines(writer.paths.history)).toHaveLength(2);
    stats.logRequest("GET", "/late", 1, 0, clock.now());
    writer.flush(T0 + 1.5);
    expect(await lines(writer.paths.history)).toHaveLength(2);
    expect((await lines(writer.paths.stats)).map((l) => l.split(",")[1])).toContain("/late");
    writer.flush(T0 + 7);
    expect(await lines(writer.paths.history)).toHaveLength(3);
  });

  test("flush works without start (a run that ended at once) and full history adds per-entry rows", async () => {
    await using dir = await tempDir();
    const { stats, writer } = setup(join(dir.path, "sub", "run"), { fullHistory: true });
    stats.logRequest("GET", "/a", 1, 0, T0);
    stats.logRequest("GET", "/b", 1, 0, T0);
    writer.flush();
    const history = (await lines(writer.paths.history)).slice(1).map((l) => l.split(",")[3]);
    expect(history).toEqual(["/a", "/b", "Aggregated"]);
  });
});
