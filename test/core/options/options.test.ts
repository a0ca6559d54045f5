import { describe, expect, test } from "bun:test";
import { defaultOptions, type Options } from "../../../src/core/options/options.ts";

// Listing every key as a Record<keyof Options, true> makes the type checker fail when Options gains or loses one.
const OPTION_KEYS: Record<keyof Options, true> = {
  help: true, locustfile: true, config: true, host: true, users: true, spawnRate: true, runTime: true, list: true,
  arrivalRate: true, maxUsers: true, preAllocatedUsers: true,
  configUsers: true, demo: true, url: true, plugin: true, webHost: true, webHostDisplayName: true, webPort: true,
  headless: true, autostart: true, autoquit: true, headful: true, webAuth: true, webLogin: true, tlsCert: true,
  tlsKey: true, classPicker: true, buildPath: true, webBasePath: true, master: true, masterBindHost: true,
  masterBindPort: true, expectWorkers: true, expectWorkersMaxWait: true, enableRebalancing: true, worker: true,
  processes: true, masterHost: true, masterPort: true, tags: true, excludeTags: true, csvPrefix: true,
  csvFullHistory: true, printStats: true, onlySummary: true, resetStats: true, htmlFile: true, json: true,
  jsonFile: true, threshold: true, thresholdAbort: true, thresholdGrace: true, exitCodeOnThreshold: true,
  junitFile: true, checkRps: true, checkFailRatio: true, checkAvgResponseTime: true, skipLogSetup: true, loglevel: true, logfile: true, showTaskRatio: true, showTaskRatioJson: true,
  version: true, exitCodeOnError: true, stopTimeout: true, equalWeights: true, profile: true, otel: true, hatchRate: true, extra: true,
};

describe("defaultOptions", () => {
  test("has exactly one entry per Options key", () => {
    expect(Object.keys(defaultOptions()).sort()).toEqual(Object.keys(OPTION_KEYS).sort());
  });

  test("returns fresh lists and a fresh extra object on every call", () => {
    const first = defaultOptions();
    first.plugin.push("mutated");
    first.extra.mine = 1;
    const second = defaultOptions();
    expect(second.plugin).toEqual([]);
    expect(second.extra).toEqual({});
  });
});
