import { describe, expect, test } from "bun:test";
import { FLAGS } from "../../../src/core/options/flags.ts";
import { defaultOptions } from "../../../src/core/options/options.ts";

const byLong = new Map(FLAGS.map((flag) => [flag.long, flag]));

describe("the flag table", () => {
  test("uses Locust's exact environment variable names", () => {
    const envByFlag = Object.fromEntries(FLAGS.filter((flag) => flag.env).map((flag) => [flag.long, flag.env]));
    expect(envByFlag).toEqual({
      "--locustfile": "LOCUST_LOCUSTFILE",
      "--host": "LOCUST_HOST",
      "--users": "LOCUST_USERS",
      "--spawn-rate": "LOCUST_SPAWN_RATE",
      "--run-time": "LOCUST_RUN_TIME",
      "--config-users": "LOCUST_CONFIG_USERS",
      "--plugin": "LOCUST_PLUGINS",
      "--web-host": "LOCUST_WEB_HOST",
      "--web-host-display-name": "LOCUST_WEB_HOST_DISPLAY_NAME",
      "--web-port": "LOCUST_WEB_PORT",
      "--headless": "LOCUST_HEADLESS",
      "--autostart": "LOCUST_AUTOSTART",
      "--autoquit": "LOCUST_AUTOQUIT",
      "--headful": "LOCUST_HEADFUL",
      "--web-auth": "LOCUST_WEB_AUTH",
      "--web-login": "LOCUST_WEB_LOGIN",
      "--tls-cert": "LOCUST_TLS_CERT",
      "--tls-key": "LOCUST_TLS_KEY",
      "--class-picker": "LOCUST_USERCLASS_PICKER",
      "--build-path": "LOCUST_BUILD_PATH",
      "--web-base-path": "LOCUST_WEB_BASE_PATH",
      "--legacy-ui": "LOCUST_LEGACY_UI",
      "--master": "LOCUST_MODE_MASTER",
      "--master-bind-host": "LOCUST_MASTER_BIND_HOST",
      "--master-bind-port": "LOCUST_MASTER_BIND_PORT",
      "--expect-workers": "LOCUST_EXPECT_WORKERS",
      "--expect-workers-max-wait": "LOCUST_EXPECT_WORKERS_MAX_WAIT",
      "--worker": "LOCUST_MODE_WORKER",
      "--processes": "LOCUST_PROCESSES",
      "--master-host": "LOCUST_MASTER_NODE_HOST",
      "--master-port": "LOCUST_MASTER_NODE_PORT",
      "--tags": "LOCUST_TAGS",
      "--exclude-tags": "LOCUST_EXCLUDE_TAGS",
      "--csv": "LOCUST_CSV",
      "--csv-full-history": "LOCUST_CSV_FULL_HISTORY",
      "--print-stats": "LOCUST_PRINT_STATS",
      "--only-summary": "LOCUST_ONLY_SUMMARY",
      "--reset-stats": "LOCUST_RESET_STATS",
      "--html": "LOCUST_HTML",
      "--threshold": "LOCUST_THRESHOLD",
      "--threshold-abort": "LOCUST_THRESHOLD_ABORT",
      "--threshold-grace": "LOCUST_THRESHOLD_GRACE",
      "--exit-code-on-threshold": "LOCUST_EXIT_CODE_ON_THRESHOLD",
      "--junit": "LOCUST_JUNIT",
      // locust-plugins' names for its checks.
      "--check-rps": "LOCUST_CHECK_RPS",
      "--check-fail-ratio": "LOCUST_CHECK_FAIL_RATIO",
      "--check-avg-response-time": "LOCUST_CHECK_AVG_RESPONSE_TIME",
      "--skip-log-setup": "LOCUST_SKIP_LOG_SETUP",
      "--loglevel": "LOCUST_LOGLEVEL",
      "--logfile": "LOCUST_LOGFILE",
      "--exit-code-on-error": "LOCUST_EXIT_CODE_ON_ERROR",
      "--stop-timeout": "LOCUST_STOP_TIMEOUT",
      "--otel": "LOCUST_ENABLE_OPENTELEMETRY",
      "--hatch-rate": "LOCUST_HATCH_RATE",
    });
  });

  test("has Locust's short aliases", () => {
    const shorts = Object.fromEntries(FLAGS.filter((flag) => flag.short).map((flag) => [flag.short, flag.long]));
    expect(shorts).toEqual({
      "-h": "--help",
      "-f": "--locustfile",
      "-H": "--host",
      "-u": "--users",
      "-r": "--spawn-rate",
      "-t": "--run-time",
      "-l": "--list",
      "-P": "--web-port",
      "-T": "--tags",
      "-E": "--exclude-tags",
      "-L": "--loglevel",
      "-V": "--version",
      "-s": "--stop-timeout",
    });
  });

  test("never repeats a name, key or environment variable", () => {
    for (const field of ["long", "short", "key", "env"] as const) {
      const values = FLAGS.map((flag) => flag[field]).filter((value) => value !== undefined);
      expect(new Set(values).size).toBe(values.length);
    }
  });

  test("keeps Locust's defaults", () => {
    const defaults = defaultOptions();
    expect({
      locustfile: defaults.locustfile,
      webHost: defaults.webHost,
      webPort: defaults.webPort,
      autoquit: defaults.autoquit,
      masterBindHost: defaults.masterBindHost,
      masterBindPort: defaults.masterBindPort,
      expectWorkers: defaults.expectWorkers,
      expectWorkersMaxWait: defaults.expectWorkersMaxWait,
      masterHost: defaults.masterHost,
      masterPort: defaults.masterPort,
      loglevel: defaults.loglevel,
      exitCodeOnError: defaults.exitCodeOnError,
      stopTimeout: defaults.stopTimeout,
      users: defaults.users,
      spawnRate: defaults.spawnRate,
      runTime: defaults.runTime,
      tags: defaults.tags,
    }).toEqual({
      locustfile: "locustfile",
      webHost: "",
      webPort: 8089,
      autoquit: -1,
      masterBindHost: "*",
      masterBindPort: 5557,
      expectWorkers: 1,
      expectWorkersMaxWait: 0,
      masterHost: "127.0.0.1",
      masterPort: 5557,
      loglevel: "INFO",
      exitCodeOnError: 1,
      stopTimeout: 0,
      users: undefined,
      spawnRate: undefined,
      runTime: undefined,
      tags: undefined,
    });
  });

  test("gives every boolean flag a false default", () => {
    for (const flag of FLAGS.filter((row) => row.kind === "bool")) expect(flag.default).toBe(false);
  });

  test("gives every visible flag help text and every removed flag an error message", () => {
    for (const flag of FLAGS) {
      if (flag.removed) expect(flag.removed.length).toBeGreaterThan(10);
      else if (!flag.hidden) expect(flag.help.length).toBeGreaterThan(10);
    }
  });

  test("rejects the removed flags with Locust's hints but keeps --web-auth as basic auth", () => {
    expect(byLong.get("--legacy-ui")?.removed).toBe("--legacy-ui is no longer supported, remove the parameter to continue");
    expect(byLong.get("--expect-slaves")?.removed).toBe("The --expect-slaves parameter has been renamed --expect-workers");
    expect(byLong.get("--slave")?.removed).toBe("The --slave parameter has been renamed --worker");
    expect(byLong.get("--step-load")?.removed).toStartWith("The step load feature was removed in Locust 1.3.");
    expect(byLong.get("--hatch-rate")?.removed).toBeUndefined();
    expect(byLong.get("--web-auth")?.removed).toBeUndefined();
  });

  test("places each flag in Locust's help group", () => {
    const group = (long: string) => byLong.get(long)?.group;
    expect([group("--users"), group("--web-port"), group("--expect-workers"), group("--master-host")]).toEqual([
      "Common",
      "Web UI",
      "Master",
      "Worker",
    ]);
    expect([group("--tags"), group("--csv"), group("--loglevel"), group("--stop-timeout")]).toEqual([
      "Tag",
      "Request statistics",
      "Logging",
      "Other",
    ]);
  });
});
