import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { CsvWriter } from "../../../src/core/output/csv-writer.ts";
import { createTempDir, createUiFixture, recordRequest } from "../ui-fixture.ts";

const PERCENTILES = "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%";
const FILE_NAME = /^attachment; filename="Locust_\d{4}-\d\d-\d\d-\d\dh\d\d_locustfile_http:\/\/target_/;

describe("CSV downloads", () => {
  test("/stats/requests/csv has Locust's header, the rows by name and Aggregated last", async () => {
    await using fixture = createUiFixture({}, { host: "http://target" });
    recordRequest(fixture.environment, "/b", 10, { length: 5 });
    recordRequest(fixture.environment, "/a", 20, { length: 5, error: new Error("x") });
    const response = await fixture.request("/stats/requests/csv");
    expect(response.headers.get("content-type")).toBe("text/csv");
    expect(response.headers.get("content-disposition")).toMatch(new RegExp(`${FILE_NAME.source}requests\\.csv"$`));
    const lines = (await response.text()).split("\r\n");
    expect(lines[0]).toBe(
      `Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,${PERCENTILES}`,
    );
    expect(lines.slice(1, 4).map((line) => line.split(",").slice(0, 4).join(","))).toEqual(["GET,/a,1,1", "GET,/b,1,0", ",Aggregated,2,1"]);
  });

  test("/stats/failures/csv has Locust's header and one row per failure group", async () => {
    await using fixture = createUiFixture({}, { host: "http://target" });
    recordRequest(fixture.environment, "/a", 20, { error: new Error("bad thing") });
    const response = await fixture.request("/stats/failures/csv");
    expect(response.headers.get("content-disposition")).toMatch(new RegExp(`${FILE_NAME.source}failures\\.csv"$`));
    const lines = (await response.text()).split("\r\n");
    expect(lines[0]).toBe("Method,Name,Error,Occurrences,First Seen,Last Seen");
    expect(lines[1]).toMatch(/^GET,\/a,Error\('bad thing'\),1,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ,\d{4}-/);
  });

  test("/exceptions/csv has Locust's header and the runner's exceptions", async () => {
    await using fixture = createUiFixture({}, { host: "http://target" });
    fixture.environment.runner!.exceptions.record(new Error("kaboom"), "Error: kaboom\n    at task");
    const response = await fixture.request("/exceptions/csv");
    expect(response.headers.get("content-disposition")).toMatch(new RegExp(`${FILE_NAME.source}exceptions\\.csv"$`));
    expect(await response.text()).toBe('Count,Message,Traceback,Nodes\r\n1,kaboom,"Error: kaboom\n    at task",local\r\n');
  });

  test("/stats/requests_full_history/csv is 404 with Locust's text unless --csv and --csv-full-history", async () => {
    await using fixture = createUiFixture({ csvPrefix: "somewhere/run", csvFullHistory: false });
    const response = await fixture.request("/stats/requests_full_history/csv");
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("Error: Server was not started with option to generate full history.");
  });

  test("/stats/requests_full_history/csv serves the history file the CSV writer keeps", async () => {
    await using dir = await createTempDir("ui-history-");
    const prefix = join(dir.path, "run");
    await using fixture = createUiFixture({ csvPrefix: prefix, csvFullHistory: true }, { host: "http://target" });
    recordRequest(fixture.environment, "/a", 20);
    const writer = new CsvWriter({ prefix, stats: fixture.environment.stats, fullHistory: true });
    writer.flush();
    const response = await fixture.request("/stats/requests_full_history/csv");
    expect(response.headers.get("content-disposition")).toMatch(new RegExp(`${FILE_NAME.source}requests_full_history\\.csv"$`));
    const lines = (await response.text()).split("\r\n");
    expect(lines[0]).toBe(
      `Timestamp,User Count,Type,Name,Requests/s,Failures/s,${PERCENTILES},Total Request Count,Total Failure Count,Total Median Response Time,Total Average Response Time,Total Min Response Time,Total Max Response Time,Total Average Content Size`,
    );
    expect(lines.slice(1, 3).map((line) => line.split(",").slice(2, 4).join(","))).toEqual(["GET,/a", ",Aggregated"]);
  });
});

describe("download file names", () => {
  test("are quoted, and a host outside Latin-1 or with quotes and semicolons still downloads under its name", async () => {
    await using fixture = createUiFixture({}, { host: 'http://例え.test/a "b"; c' });
    for (const path of ["/stats/requests/csv", "/stats/failures/csv", "/exceptions/csv", "/stats/report?download=1"]) {
      const response = await fixture.request(path);
      expect([path, response.status]).toEqual([path, 200]);
      const header = response.headers.get("content-disposition")!;
      const [, fallback, encoded] = /^attachment; filename="([^"]*)"; filename\*=UTF-8''(\S+)$/.exec(header)!;
      const suffix = path.includes("report") ? ".html" : path.includes("exceptions") ? "_exceptions.csv" : path.includes("failures") ? "_failures.csv" : "_requests.csv";
      expect(fallback).toMatch(new RegExp(`^Locust_[\\d-]+h\\d\\d_locustfile_http://__\\.test/a _b_; c${suffix}$`));
      expect(decodeURIComponent(encoded!)).toMatch(new RegExp(`^Locust_[\\d-]+h\\d\\d_locustfile_http://例え\\.test/a "b"; c${suffix}$`));
    }
  });
});
