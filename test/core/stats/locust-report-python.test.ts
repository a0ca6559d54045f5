/**
 * Reports crossing real msgpack bytes between locust-bun and Python: a real Locust (2.12.1 here) master merging
 * our reports, our master merging a real Locust worker's reports, and error keys from Python's hashlib.
 */
import { describe, expect, test } from "bun:test";
import { Packr, Unpackr } from "msgpackr";
import { formatLocustErrorKey } from "../../../src/core/stats/stats-error.ts";
import { MAX_RELATIVE_ERROR } from "../../../src/core/stats/histogram.ts";
import { bucketResponseTime } from "../../../src/core/stats/locust-bucket.ts";
import { encodeWorkerReport } from "../../../src/core/stats/locust-report-encode.ts";
import { mergeWorkerReport } from "../../../src/core/stats/locust-report-merge.ts";
import { PERCENTILES_TO_REPORT } from "../../../src/core/stats/percentiles.ts";
import { RequestStats } from "../../../src/core/stats/request-stats.ts";
import type { StatsEntry } from "../../../src/core/stats/stats-entry.ts";
import { FakeClock } from "../../support/fake-clock.ts";
import { findPython, runPython } from "../../support/python.ts";

const T0 = 1_700_000_000;
const python = findPython(["msgpack", "locust.stats"], "msgpack round trips with Locust");
const LOCUST_MASTER = `
import json, sys, msgpack
from locust.event import Events
from locust.stats import RequestStats, setup_distributed_stats_event_listeners
events, stats = Events(), RequestStats()
setup_distributed_stats_event_listeners(events, stats)
int_keys = True
for kind, data, node in msgpack.loads(sys.stdin.buffer.read(), raw=False, strict_map_key=False):
    for entry in data["stats"] + [data["stats_total"]]:
        for field in ("response_times", "num_reqs_per_sec", "num_fail_per_sec"):
            int_keys = int_keys and all(type(key) is int for key in entry[field])
    events.worker_report.fire(client_id=node, data=data)
def figures(e):
    return {"counts": [e.num_requests, e.num_none_requests, e.num_failures, e.total_content_length],
            "times": [e.total_response_time, e.min_response_time, e.max_response_time], "median": e.median_response_time,
            "percentiles": [e.get_response_time_percentile(p) for p in json.loads(sys.argv[1])]}
print(json.dumps({"int_keys": int_keys, "entries": {name: figures(e) for (name, method), e in stats.entries.items()},
                  "total": figures(stats.total), "errors": sorted([k, e.error, e.occurrences] for k, e in stats.errors.items())}))
`;

/** Bounds on a rank's Locust key when the sample went through our histogram first. */
function expectWithinOneBucketBelow(actual: number, sample: number): void {
  expect(actual).toBeLessThanOrEqual(bucketResponseTime(sample));
  expect(actual).toBeGreaterThanOrEqual(bucketResponseTime(sample * (1 - MAX_RELATIVE_ERROR)));
}

describe.skipIf(python === null)("a real Locust master reading locust-bun reports", () => {
  test("decodes int keys as ints and shows our counts, times, errors and (within 0.78 %) percentiles", async () => {
    const workerStats = new RequestStats({ clock: new FakeClock({ now: T0 }), useResponseTimesCache: false });
    const samples: Record<string, number[]> = { "/a": [], "/b": [] };
    const failures: Record<string, number> = { "/a": 0, "/b": 0 };
    const errors = new Map<string, [string, string, number]>();
    const messages: unknown[] = [];
    for (let i = 0; i < 3000; i++) {
      const name = i % 3 === 0 ? "/b" : "/a";
      const ms = 10 ** ((((i * 7919) % 3000) / 3000) * 5 - 0.5);
      samples[name]!.push(ms);
      workerStats.logRequest("GET", name, ms, 3, T0 + i / 500);
      if (i % 50 === 0) {
        const [error, text] = i % 100 ? [new Error(`it's "late"`), `Error('it\\'s "late"')`] : ["tab\there\u200b", "tab\there\u200b"];
        workerStats.logError("GET", name, error, T0 + i / 500);
        failures[name]!++;
        const key = formatLocustErrorKey("GET", name, text);
        errors.set(key, [key, text, (errors.get(key)?.[2] ?? 0) + 1]);
      }
      if (i % 1000 === 999) {
        const report = { ...encodeWorkerReport(workerStats, T0 + i / 500), user_classes_count: { U: 1 }, user_count: 1 };
        messages.push(["stats", report, "w1"]);
      }
    }
    const script = LOCUST_MASTER.replace("sys.argv[1]", JSON.stringify(JSON.stringify(PERCENTILES_TO_REPORT)));
    const seen = JSON.parse(await runPython(python!, script, new Packr({ useRecords: false }).pack(messages)));
    expect(seen.int_keys).toBe(true);
    for (const [name, list] of Object.entries(samples)) {
      const sorted = list.toSorted((a, b) => a - b);
      const figures = seen.entries[name];
      expect(figures.counts).toEqual([list.length, 0, failures[name], 3 * list.length]);
      expect(figures.times).toEqual([expect.closeTo(list.reduce((a, b) => a + b, 0), 3), sorted[0], sorted.at(-1)]);
      PERCENTILES_TO_REPORT.forEach((p, i) => {
        expectWithinOneBucketBelow(figures.percentiles[i], sorted[Math.min(Math.trunc(list.length * p), list.length - 1)]!);
      });
    }
    expect(seen.total.counts).toEqual([3000, 0, 60, 9000]);
    expect(seen.errors).toEqual([...errors.values()].sort());
  });
});

const LOCUST_WORKER = `
import base64, json, random, sys, msgpack
from locust.event import Events
from locust.stats import RequestStats, setup_distributed_stats_event_listeners
random.seed(7)
worker, master, worker_events, master_events = RequestStats(False), RequestStats(), Events(), Events()
setup_distributed_stats_event_listeners(worker_events, worker)
setup_distributed_stats_event_listeners(master_events, master)
messages = []
for i in range(3000):
    name = "/b" if i % 3 == 0 else "/a"
    worker.log_request("GET", name, 10 ** (random.random() * 5 - 0.5) if i % 7 else round(random.random() * 300), 3)
    if i % 50 == 0:
        worker.log_error("GET", name, RuntimeError("boom") if i % 100 else "it's \\"quoted\\"\\u200b")
    if i % 1000 == 999:
        data = {"user_classes_count": {"PyUser": 1}, "user_count": 1}
        worker_events.report_to_master.fire(client_id="py1", data=data)
        messages.append(["stats", data, "py1"])
        master_events.worker_report.fire(client_id="py1", data=data)
def figures(e):
    return {"counts": [e.num_requests, e.num_none_requests, e.num_failures, e.total_content_length],
            "times": [e.total_response_time, e.min_response_time, e.max_response_time], "median": e.median_response_time,
            "percentiles": [e.get_response_time_percentile(p) for p in PERCENTILES]}
print(json.dumps({"bytes": base64.b64encode(msgpack.dumps(messages)).decode(),
                  "entries": {name: figures(e) for (name, method), e in master.entries.items()}, "total": figures(master.total),
                  "errors": sorted([k, e.error, e.occurrences] for k, e in master.errors.items())}))
`;

interface LocustFigures {
  counts: number[];
  times: [number, number, number];
  median: number;
  percentiles: number[];
}

/**
 * Our figure for a rank where Locust reports the 2-digit key `locust`: the same when the key (clamped to the raw
 * min and max, as our outputs are) is an integer below 256, else at most 0.78 % below it.
 */
function expectLocustFigure(ours: number, locust: number, [min, max]: [number, number]): void {
  const expected = Math.min(Math.max(locust, min), max);
  if (expected < 256 && Number.isInteger(expected)) return void expect(ours).toBe(expected);
  expect(ours).toBeLessThanOrEqual(expected);
  expect(ours).toBeGreaterThanOrEqual(expected * (1 - MAX_RELATIVE_ERROR));
}

function expectLocustFigures(ours: StatsEntry, locust: LocustFigures): void {
  const [total, min, max] = locust.times;
  expect([ours.numRequests, ours.numNoneRequests, ours.numFailures, ours.totalContentLength]).toEqual(locust.counts);
  expect([ours.totalResponseTime, ours.minResponseTime, ours.maxResponseTime]).toEqual([total, min, max]);
  expectLocustFigure(ours.medianResponseTime, locust.median, [min, max]);
  PERCENTILES_TO_REPORT.forEach((p, i) => {
    // Our top rank is the exact max, where Locust shows the max's key.
    if (Math.trunc(ours.numRequests * p) >= ours.numRequests - 1) expect(ours.getResponseTimePercentile(p)).toBe(max);
    else expectLocustFigure(ours.getResponseTimePercentile(p), locust.percentiles[i]!, [min, max]);
  });
}

describe.skipIf(python === null)("a locust-bun master reading a real Locust worker's reports", () => {
  test("shows Locust's counts, times and errors, and its percentiles to within the histogram's 0.78 %", async () => {
    const script = LOCUST_WORKER.replace("PERCENTILES", JSON.stringify(PERCENTILES_TO_REPORT));
    const locust = JSON.parse(await runPython(python!, script));
    const unpackr = new Unpackr({ useRecords: false, mapsAsObjects: false });
    const messages = unpackr.unpack(Buffer.from(locust.bytes, "base64")) as [string, unknown, string][];
    const master = new RequestStats({ clock: new FakeClock({ now: T0 }) });
    for (const [, data] of messages) expect(mergeWorkerReport(master, data)).toEqual([]);
    for (const [name, figures] of Object.entries(locust.entries)) expectLocustFigures(master.find(name, "GET")!, figures as LocustFigures);
    expectLocustFigures(master.total, locust.total);
    const rows = (stats: RequestStats) => [...stats.errors].map((e) => [e.locustKey, e.error, e.occurrences]).sort();
    expect(rows(master)).toEqual(locust.errors);

    const boomOnA = () => [...master.errors].find((e) => e.name === "/a" && e.error === "RuntimeError('boom')")!.occurrences;
    const before = boomOnA();
    const tsWorker = new RequestStats({ clock: new FakeClock({ now: T0 }), useResponseTimesCache: false });
    tsWorker.logRequest("GET", "/a", 1, 0, T0);
    tsWorker.logError("GET", "/a", Object.assign(new Error("boom"), { name: "RuntimeError" }), T0);
    mergeWorkerReport(master, encodeWorkerReport(tsWorker, T0 + 3));
    expect([master.errors.size, boomOnA()]).toEqual([locust.errors.length, before + 1]);
  });
});

describe("Locust error keys", () => {
  const hashlib = findPython(["hashlib"], "error keys against Python's hashlib");
  test.skipIf(hashlib === null)("equal Python's sha256 of method.name.repr(error) for quotes, escapes and Unicode", async () => {
    const cases: [string, string, string][] = [
      ["POST", "/py-fail", "RuntimeError('boom')"],
      ["GET", "/q", `say "hi"`],
      ["GET", "/q", `both ' and "`],
      ["GET", "/q", `'already quoted'`],
      ["GET", "/q", "back\\slash\\'"],
      ["GET", "/ü", "line\nbreak\ttab\r\u0000\u007f\u0085\u00a0\u00ad"],
      ["WS", "chat 漢字", "zero\u200bwidth\u2028sep\u3000space\ufeff\ue000 😀\u{E0001}"],
      ["", "", ""],
    ];
    const script = `
import hashlib, json, sys
for m, n, e in json.load(sys.stdin):
    print(hashlib.sha256(f"{m}.{n}.{e!r}".encode("utf-8")).hexdigest())`;
    const keys = (await runPython(hashlib!, script, JSON.stringify(cases))).trim().split("\n");
    expect(cases.map(([method, name, error]) => formatLocustErrorKey(method, name, error))).toEqual(keys);
  });
});
