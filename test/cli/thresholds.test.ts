import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startHttpTarget, type HttpTarget } from "../support/http-target.ts";
import { checkJunitShape, junitPython } from "../support/junit-schema.ts";
import { createProject, runCli, type CliResult } from "../support/run-cli.ts";

/** Fast pages, a 40 ms page named "/slow", and (with FAIL set) a page that answers 500. */
const LOCUSTFILE = `import { HttpUser, task, constant } from "locust-bun";
export class Shopper extends HttpUser {
  waitTime = constant(0.02);
  @task fast() { return this.client.get("/ultra_fast"); }
  @task slow() { return this.client.get("/slow?ms=40", { name: "/slow" }); }
  @task broken() { if (process.env.FAIL) return this.client.get("/fail"); }
}
`;

let target: HttpTarget;
beforeAll(() => {
  target = startHttpTarget();
});
afterAll(() => target.stop());

async function run(args: string[], sources: Record<string, string> = {}, env: Record<string, string> = {}) {
  await using project = createProject({ "locustfile.ts": LOCUSTFILE, ...sources });
  const result = await runCli(["--headless", "-H", target.url, "-u", "2", "-r", "10", ...args], { cwd: project.dir, env, timeoutMs: 25_000 });
  // The reports in out/, read before the project is removed.
  const out = join(project.dir, "out");
  const files = new Map(existsSync(out) ? readdirSync(out).map((name) => [`out/${name}`, readFileSync(join(out, name), "utf8")]) : []);
  return { ...result, read: (path: string) => files.get(path) };
}

/** The table's rows: threshold → [actual, pass/FAIL]. */
function tableRows(result: CliResult): Record<string, [string, string]> {
  const rows: Record<string, [string, string]> = {};
  for (const line of result.stderr.split("\n")) {
    const match = /^(\S.*?)\s+(\S+|no data)\s+(pass|FAIL)$/.exec(line);
    if (match) rows[match[1]!] = [match[2]!, match[3]!];
  }
  return rows;
}

describe("thresholds end to end, against a local target", () => {
  test("one passes, one fails: the table, exit code 3, and every report carries them", async () => {
    const result = await run([
      "-t", "2s",
      "--threshold", '"GET /ultra_fast":p95<1000',
      "--threshold", '"GET /slow":p50<20',
      "--junit", "out/junit.xml",
      "--json-file", "out/run",
      "--html", "out/report.html",
    ]);
    expect(result.exitCode).toBe(3);
    const rows = tableRows(result);
    expect(rows['"GET /ultra_fast":p95<1000']![1]).toBe("pass");
    expect(rows['"GET /slow":p50<20']![1]).toBe("FAIL");
    expect(Number(rows['"GET /slow":p50<20']![0])).toBeGreaterThanOrEqual(40);
    expect(result.stderr).toContain("1 of 2 thresholds failed");
    expect(result.stderr).toMatch(/WARNING\/locust\.main: Threshold failed: "GET \/slow":p50<20 \(actual [\d.]+\)/);
    expect(result.stderr).toContain("Shutting down (exit code 3)");

    const summary = JSON.parse(result.read("out/run_thresholds.json")!);
    expect(summary).toMatchObject({ passed: false, abortedBy: null });
    expect(summary.thresholds.map((t: { expression: string; passed: boolean }) => [t.expression, t.passed])).toEqual([
      ['"GET /ultra_fast":p95<1000', true],
      ['"GET /slow":p50<20', false],
    ]);
    // Locust's --json-file array is left as Locust writes it.
    expect(JSON.parse(result.read("out/run.json")!)).toBeArray();
    expect(result.read("out/report.html")).toMatch(/<h2>Thresholds<\/h2>.*&quot;GET \/slow&quot;:p50&lt;20.*FAIL/s);
    if (junitPython) {
      const shape = await checkJunitShape(junitPython, result.read("out/junit.xml")!);
      expect(shape.problems).toEqual([]);
      expect(shape.suites[0]!.cases.map((c) => [c.name, c.failure === null])).toEqual([
        ['"GET /ultra_fast":p95<1000', true],
        ['"GET /slow":p50<20', false],
      ]);
    }
  });

  test("all thresholds passing: exit code 0", async () => {
    const result = await run(["-t", "1s", "--threshold", "fail_ratio<0.01", "--threshold", "requests>=1"]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain("All 2 thresholds passed");
  });

  test("--junit without thresholds: one case per request row, failing where the row had failures", async () => {
    const result = await run(["-t", "1s", "--junit", "out/junit.xml", "--exit-code-on-error", "0"], {}, { FAIL: "1" });
    expect(result.exitCode).toBe(0);
    if (!junitPython) return;
    const shape = await checkJunitShape(junitPython, result.read("out/junit.xml")!);
    expect(shape.problems).toEqual([]);
    expect(shape.suites[0]!.cases.map((c) => [c.name, c.failure === null])).toEqual([
      ["GET /fail", false],
      ["GET /slow", true],
      ["GET /ultra_fast", true],
    ]);
  });
});

describe("exit codes with request failures", () => {
  const passing = ["--threshold", "requests>=1"];
  const failing = ["--threshold", "requests<1"];
  test.each([
    ["passing thresholds: Locust's --exit-code-on-error rule", passing, 1],
    ["passing thresholds, --exit-code-on-error 0", [...passing, "--exit-code-on-error", "0"], 0],
    ["a failed threshold outranks the failures", failing, 3],
    ["a failed threshold with --exit-code-on-threshold 99", [...failing, "--exit-code-on-threshold", "99"], 99],
    ["--exit-code-on-threshold 0: the failures decide", [...failing, "--exit-code-on-threshold", "0"], 1],
    ["--exit-code-on-threshold 0 and --exit-code-on-error 0", [...failing, "--exit-code-on-threshold", "0", "--exit-code-on-error", "0"], 0],
  ])("%s → %p", async (_, args, code) => {
    const result = await run(["-t", "1s", ...args], {}, { FAIL: "1" });
    expect(result.exitCode).toBe(code);
    expect(result.stderr).toContain(`Shutting down (exit code ${code})`);
  });
});

describe("--threshold-abort", () => {
  test("stops a long run as soon as a threshold fails after the grace period, still writing every report", async () => {
    const result = await run([
      "-t", "10m",
      "--threshold", '"GET /slow":p95<5',
      "--threshold", "requests>=1000000",
      "--threshold-abort", "--threshold-grace", "1s",
      "--csv", "out/run", "--junit", "out/junit.xml",
    ]);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/ERROR\/locust\.main: Threshold "GET \/slow":p95<5 failed \(actual [\d.]+\), stopping the test \(--threshold-abort\)/);
    expect(result.stderr).not.toContain("--run-time limit reached");
    expect(result.stderr).toMatch(/The run was stopped early: "GET \/slow":p95<5 failed/);
    expect(result.read("out/run_stats.csv")).toContain("GET,/slow,");
    expect(result.read("out/junit.xml")).toContain('failures="2"');
  });
});

describe("locust-plugins' check flags", () => {
  test("--check-rps, --check-fail-ratio and --check-avg-response-time keep a Locust CI command line working", async () => {
    const result = await run(["-t", "1s", "--check-rps", "100000", "--check-fail-ratio", "0.5", "--check-avg-response-time", "10000"]);
    expect(result.exitCode).toBe(3);
    const rows = tableRows(result);
    expect(Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, v[1]]))).toEqual({
      "fail_ratio<=0.5": "pass",
      "rps>=100000": "FAIL",
      "avg<=10000": "pass",
    });
  });

  test("LOCUST_CHECK_* variables work too, and passing checks leave exit code 0", async () => {
    const result = await run(["-t", "1s"], {}, { LOCUST_CHECK_RPS: "1", LOCUST_CHECK_FAIL_RATIO: "0.01" });
    expect(result.exitCode).toBe(0);
    expect(Object.keys(tableRows(result))).toEqual(["fail_ratio<=0.01", "rps>=1"]);
  });
});

describe("thresholds from the locustfile", () => {
  test("an exported thresholds array and an init listener both add to them", async () => {
    const source = `${LOCUSTFILE}
import { events } from "locust-bun";
export const thresholds = ["requests>=1"];
events.init.addListener(({ environment }) => environment.thresholds.push('"GET /slow":max<1'));
`;
    const result = await run(["-t", "1s", "--threshold", "fail_ratio<1"], { "locustfile.ts": source });
    expect(result.exitCode).toBe(3);
    expect(Object.keys(tableRows(result))).toEqual(["fail_ratio<1", "requests>=1", '"GET /slow":max<1']);
    expect(tableRows(result)['"GET /slow":max<1']![1]).toBe("FAIL");
  });

  test("a malformed one is one line naming it, and nothing runs", async () => {
    const source = `${LOCUSTFILE}\nexport const thresholds = ["p95<300", "p95 below 300"];\n`;
    const result = await run(["-t", "1s"], { "locustfile.ts": source });
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split("\n").at(-1)).toBe(
      "invalid threshold 'p95 below 300': expected [ROW:]METRIC OP NUMBER, e.g. p95<300 or \"GET /items\":p99<=500",
    );
    expect(result.stderr).not.toContain("Ramping to");
  });

  test("a malformed --threshold is refused before the locustfile runs, exit code 2", async () => {
    const result = await run(["-t", "1s", "--threshold", "p95<<3"]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("invalid threshold 'p95<<3'");
    expect(result.stderr).not.toContain("Ramping to");
  });
});

describe("distributed: the master evaluates its merged stats", () => {
  test("--processes 2: the thresholds see every worker's requests", async () => {
    const result = await run(["-t", "2s", "--processes", "2", "--threshold", "requests>=1", "--threshold", "p50<0.001", "--json-file", "out/run"]);
    expect(result.exitCode).toBe(3);
    const entries = JSON.parse(result.read("out/run.json")!) as { num_requests: number }[];
    const merged = entries.reduce((sum, e) => sum + e.num_requests, 0);
    const summary = JSON.parse(result.read("out/run_thresholds.json")!);
    expect(summary.thresholds[0]).toEqual({ expression: "requests>=1", actual: merged, passed: true });
    expect(summary.thresholds[1].passed).toBe(false);
  });
});
