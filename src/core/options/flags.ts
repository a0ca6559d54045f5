/**
 * The one declarative table of every command-line flag: Locust's flags with their exact `LOCUST_*` environment
 * variables and defaults, plus locust-bun's own (`--demo`, `--url`, `--plugin`). Parsing, config files, env vars,
 * defaults and `--help` are all derived from it. A data table, so exempt from the file-size limit.
 * @see https://docs.locust.io/en/stable/configuration.html#all-available-configuration-options
 * @module
 */
import type { Options } from "./options.ts";

/**
 * How a flag's text is turned into a value (see values.ts). `bool` flags take no value on the command line;
 * `expressionList` flags take one value per use (repeatable), and config or env text is split on commas only.
 */
export type ValueKind =
  | "string"
  | "int"
  | "nonNegativeInt"
  | "positiveInt"
  | "port"
  | "float"
  | "positiveFloat"
  | "timespan"
  | "bool"
  | "list"
  | "expressionList"
  | "host"
  | "logLevel"
  | "userConfig";

/** The `--help` section a flag is listed under. */
export type FlagGroup =
  | "Common"
  | "Web UI"
  | "Master"
  | "Worker"
  | "Tag"
  | "Request statistics"
  | "Threshold"
  | "Logging"
  | "Other"
  | "Custom";

/** A parsed option value. */
export type OptionValue = string | number | boolean | string[] | Record<string, unknown>[] | undefined;

/** Settings only custom (plugin/locustfile) options carry; Locust shows these in the web UI's custom-options form. */
export interface WebUiSettings {
  /** Show this option in the web UI's start form (default true). */
  includeInWebUi: boolean;
  /** Mask the value in the web UI (default false). */
  isSecret: boolean;
  /** Mark the field as required in the web UI form; not enforced on the command line (as in Locust). */
  isRequired: boolean;
}

/** One row of the flag table. */
export interface FlagSpec {
  /** Long flag, e.g. `--spawn-rate`; also the config-file key without its dashes. */
  long: string;
  /** Short alias, e.g. `-r`. */
  short?: string;
  /** camelCase key on {@link Options} (or in `options.extra` for custom options). */
  key: string;
  /** Environment variable, Locust's exact name (e.g. `LOCUST_MODE_MASTER`). */
  env?: string;
  default: OptionValue;
  kind: ValueKind;
  /** Placeholder shown in `--help`, e.g. `<int>`. */
  metavar?: string;
  help: string;
  group: FlagGroup;
  /** Accepted but left out of `--help` (Locust's SUPPRESS). */
  hidden?: boolean;
  /** For removed flags: the error printed when one is used anywhere (flag, env var or config file). */
  removed?: string;
  /** Only on the command line, never from config files (`--config`, `--help`, `--version`). */
  cliOnly?: boolean;
  /** Allowed values for string options. */
  choices?: readonly string[];
  /** Present on custom options only. */
  webUi?: WebUiSettings;
}

/** Keys of the built-in options (everything on {@link Options} except `extra`). */
export type BuiltinOptionKey = Exclude<keyof Options, "extra">;

/** A built-in row: its key must exist on {@link Options} unless the flag was removed. */
export type BuiltinFlagSpec = FlagSpec & ({ key: BuiltinOptionKey; removed?: undefined } | { removed: string });

/** Locust 2.x's error for the step-load flags, which Locust 1.3 replaced with LoadTestShape. */
const STEP_LOAD_REMOVED =
  "The step load feature was removed in Locust 1.3. You can achieve similar results using a LoadTestShape class. See https://docs.locust.io/en/stable/custom-load-shape.html";

/** Every built-in flag, in `--help` order. */
export const FLAGS: readonly BuiltinFlagSpec[] = [
  // Common
  { long: "--help", short: "-h", key: "help", kind: "bool", default: false, group: "Common", cliOnly: true, help: "Show this help message and exit." },
  { long: "--locustfile", short: "-f", key: "locustfile", env: "LOCUST_LOCUSTFILE", kind: "string", default: "locustfile", metavar: "<filename>", group: "Common", help: "Locustfile to run: a .ts/.js file, an http(s) URL to download it from, several comma-separated ones, or a directory. Defaults to 'locustfile' (.ts or .js)." },
  { long: "--config", key: "config", kind: "string", default: undefined, metavar: "<filename>", group: "Common", cliOnly: true, help: "Read options from this file (locust.conf format, .toml with [tool.locust], or .json)." },
  { long: "--host", short: "-H", key: "host", env: "LOCUST_HOST", kind: "host", default: undefined, metavar: "<base url>", group: "Common", help: "Base URL of the system under test, e.g. https://www.example.com (protocol users take their own scheme, e.g. mqtt://broker:1883)." },
  { long: "--users", short: "-u", key: "users", env: "LOCUST_USERS", kind: "nonNegativeInt", default: undefined, metavar: "<int>", group: "Common", help: "Peak number of concurrent users. Mostly used with --headless or --autostart. Keys w/W add 1/10 users and s/S remove 1/10 during a run." },
  { long: "--spawn-rate", short: "-r", key: "spawnRate", env: "LOCUST_SPAWN_RATE", kind: "positiveFloat", default: undefined, metavar: "<float>", group: "Common", help: "Users started (or stopped) per second. Mostly used with --headless or --autostart." },
  { long: "--arrival-rate", key: "arrivalRate", kind: "positiveFloat", default: undefined, metavar: "<float>", group: "Common", help: "Open model: start this many task iterations per second, whatever the target's speed, on a pool of users (see --max-users). Replaces -u and -r." },
  { long: "--max-users", key: "maxUsers", kind: "positiveInt", default: undefined, metavar: "<int>", group: "Common", help: "With --arrival-rate: most users the pool may hold; an iteration due while all are busy is dropped and counted. Default: 1000." },
  { long: "--pre-allocated-users", key: "preAllocatedUsers", kind: "nonNegativeInt", default: undefined, metavar: "<int>", group: "Common", help: "With --arrival-rate: users created and started (onStart) before the first iteration. Default: 0." },
  { long: "--run-time", short: "-t", key: "runTime", env: "LOCUST_RUN_TIME", kind: "timespan", default: undefined, metavar: "<time string>", group: "Common", help: "Stop after this long, e.g. 300s, 20m, 3h, 1h30m. Only with --headless or --autostart. Default: run until stopped." },
  { long: "--list", short: "-l", key: "list", kind: "bool", default: false, group: "Common", help: "List the available User classes and exit." },
  { long: "--config-users", key: "configUsers", env: "LOCUST_CONFIG_USERS", kind: "userConfig", default: undefined, metavar: "<json>", group: "Common", help: "Per-class user settings as JSON objects (or .json files), each with a user_class_name. Several may be given." },
  { long: "--demo", key: "demo", kind: "bool", default: false, group: "Common", help: "Start the built-in demo target and run the demo locustfile against it." },
  { long: "--url", key: "url", kind: "host", default: undefined, metavar: "<url>", group: "Common", help: "Smoke mode: load one URL with the given users and report (a URL given as a positional argument does the same)." },
  { long: "--plugin", key: "plugin", env: "LOCUST_PLUGINS", kind: "list", default: [], metavar: "<module>", group: "Common", help: "Import this plugin module before the locustfile. Repeatable; LOCUST_PLUGINS takes a comma-separated list." },

  // Web UI
  { long: "--web-host", key: "webHost", env: "LOCUST_WEB_HOST", kind: "string", default: "", metavar: "<ip>", group: "Web UI", help: "Interface the web UI listens on. Default: all interfaces ('*')." },
  { long: "--web-host-display-name", key: "webHostDisplayName", env: "LOCUST_WEB_HOST_DISPLAY_NAME", kind: "string", default: undefined, group: "Web UI", hidden: true, help: "Address to print instead of the web UI's listening address." },
  { long: "--web-port", short: "-P", key: "webPort", env: "LOCUST_WEB_PORT", kind: "port", default: 8089, metavar: "<port number>", group: "Web UI", help: "Port of the web UI. Default: 8089." },
  { long: "--headless", key: "headless", env: "LOCUST_HEADLESS", kind: "bool", default: false, group: "Web UI", help: "No web UI: start the test at once. Set users with -u and duration with -t." },
  { long: "--autostart", key: "autostart", env: "LOCUST_AUTOSTART", kind: "bool", default: false, group: "Web UI", help: "Start the test at once, like --headless, but keep the web UI." },
  { long: "--autoquit", key: "autoquit", env: "LOCUST_AUTOQUIT", kind: "int", default: -1, metavar: "<seconds>", group: "Web UI", help: "Exit this many seconds after the run ends. Only with --autostart. Default: keep running until Ctrl-C." },
  { long: "--headful", key: "headful", env: "LOCUST_HEADFUL", kind: "bool", default: false, group: "Web UI", hidden: true, help: "Undo a --headless set in a config file." },
  { long: "--web-auth", key: "webAuth", env: "LOCUST_WEB_AUTH", kind: "string", default: undefined, metavar: "<username:password>", group: "Web UI", help: "Protect the web UI with HTTP basic auth, given as username:password." },
  { long: "--web-login", key: "webLogin", env: "LOCUST_WEB_LOGIN", kind: "bool", default: false, group: "Web UI", help: "Protect the web UI with a login page; credentials come from --web-auth user:password, or from a check the locustfile sets with environment.webUi.setLoginCheck(fn) in an init listener." },
  { long: "--tls-cert", key: "tlsCert", env: "LOCUST_TLS_CERT", kind: "string", default: "", metavar: "<filename>", group: "Web UI", help: "TLS certificate file; with --tls-key the web UI is served over HTTPS." },
  { long: "--tls-key", key: "tlsKey", env: "LOCUST_TLS_KEY", kind: "string", default: "", metavar: "<filename>", group: "Web UI", help: "TLS private key file; with --tls-cert the web UI is served over HTTPS." },
  { long: "--class-picker", key: "classPicker", env: "LOCUST_USERCLASS_PICKER", kind: "bool", default: false, group: "Web UI", help: "Let the web UI choose which User classes and shape class to run." },
  { long: "--build-path", key: "buildPath", env: "LOCUST_BUILD_PATH", kind: "string", default: "", group: "Web UI", hidden: true, help: "Serve the web UI from this directory instead of the built-in one." },
  { long: "--web-base-path", key: "webBasePath", env: "LOCUST_WEB_BASE_PATH", kind: "string", default: "", metavar: "<path>", group: "Web UI", help: "Serve the web UI under this path prefix, e.g. /locust. Must start with '/'." },
  { long: "--legacy-ui", key: "legacyUi", env: "LOCUST_LEGACY_UI", kind: "bool", default: false, group: "Web UI", hidden: true, help: "", removed: "--legacy-ui is no longer supported, remove the parameter to continue" },

  // Master
  { long: "--master", key: "master", env: "LOCUST_MODE_MASTER", kind: "bool", default: false, group: "Master", help: "Run as the master node of a distributed test; workers connect to it." },
  { long: "--master-bind-host", key: "masterBindHost", env: "LOCUST_MASTER_BIND_HOST", kind: "string", default: "*", metavar: "<ip>", group: "Master", help: "Interface the master listens on. Default: * (all interfaces)." },
  { long: "--master-bind-port", key: "masterBindPort", env: "LOCUST_MASTER_BIND_PORT", kind: "port", default: 5557, metavar: "<port number>", group: "Master", help: "Port the master listens on. Default: 5557." },
  { long: "--expect-workers", key: "expectWorkers", env: "LOCUST_EXPECT_WORKERS", kind: "positiveInt", default: 1, metavar: "<int>", group: "Master", help: "Wait for this many workers before starting (with --headless or --autostart). Default: 1." },
  { long: "--expect-workers-max-wait", key: "expectWorkersMaxWait", env: "LOCUST_EXPECT_WORKERS_MAX_WAIT", kind: "nonNegativeInt", default: 0, metavar: "<int>", group: "Master", help: "Give up after waiting this many seconds for workers. Default: 0 (wait forever)." },
  { long: "--enable-rebalancing", key: "enableRebalancing", kind: "bool", default: false, group: "Master", help: "Redistribute users when workers join or leave during a run. Experimental." },
  { long: "--expect-slaves", key: "expectSlaves", kind: "bool", default: false, group: "Master", hidden: true, help: "", removed: "The --expect-slaves parameter has been renamed --expect-workers" },

  // Worker
  { long: "--worker", key: "worker", env: "LOCUST_MODE_WORKER", kind: "bool", default: false, group: "Worker", help: "Run as a worker node that connects to a master (run the same locustfile as the master)." },
  { long: "--processes", key: "processes", env: "LOCUST_PROCESSES", kind: "int", default: undefined, metavar: "<int>", group: "Worker", help: "Start this many worker processes (-1: one per CPU). Without --worker this process becomes their master." },
  { long: "--master-host", key: "masterHost", env: "LOCUST_MASTER_NODE_HOST", kind: "string", default: "127.0.0.1", metavar: "<hostname>", group: "Worker", help: "Host name or IP of the master to connect to. Default: 127.0.0.1." },
  { long: "--master-port", key: "masterPort", env: "LOCUST_MASTER_NODE_PORT", kind: "port", default: 5557, metavar: "<port number>", group: "Worker", help: "Port of the master to connect to. Default: 5557." },
  { long: "--slave", key: "slave", kind: "bool", default: false, group: "Worker", hidden: true, help: "", removed: "The --slave parameter has been renamed --worker" },

  // Tag
  { long: "--tags", short: "-T", key: "tags", env: "LOCUST_TAGS", kind: "list", default: undefined, metavar: "<tag>", group: "Tag", help: "Run only tasks with at least one of these tags. Takes the words up to the next option." },
  { long: "--exclude-tags", short: "-E", key: "excludeTags", env: "LOCUST_EXCLUDE_TAGS", kind: "list", default: undefined, metavar: "<tag>", group: "Tag", help: "Skip tasks with any of these tags. Takes the words up to the next option." },

  // Request statistics
  { long: "--csv", key: "csvPrefix", env: "LOCUST_CSV", kind: "string", default: undefined, metavar: "<filename>", group: "Request statistics", help: "Write stats as CSV files: <filename>_stats.csv, _stats_history.csv, _failures.csv and _exceptions.csv. Folders in the prefix are created." },
  { long: "--csv-full-history", key: "csvFullHistory", env: "LOCUST_CSV_FULL_HISTORY", kind: "bool", default: false, group: "Request statistics", help: "Add a row for every stats entry to _stats_history.csv, not just Aggregated. Needs --csv." },
  { long: "--print-stats", key: "printStats", env: "LOCUST_PRINT_STATS", kind: "bool", default: false, group: "Request statistics", help: "Print the stats table to the console periodically also when the web UI is on." },
  { long: "--only-summary", key: "onlySummary", env: "LOCUST_ONLY_SUMMARY", kind: "bool", default: false, group: "Request statistics", help: "Print only the final summary in a --headless run, not the periodic table." },
  { long: "--reset-stats", key: "resetStats", env: "LOCUST_RESET_STATS", kind: "bool", default: false, group: "Request statistics", help: "Reset the stats when spawning completes. Set it on the master and on workers." },
  { long: "--html", key: "htmlFile", env: "LOCUST_HTML", kind: "string", default: undefined, metavar: "<filename>", group: "Request statistics", help: "Write an HTML report to this file; {u}, {r} and {t} become users, spawn rate and run time." },
  { long: "--json", key: "json", kind: "bool", default: false, group: "Request statistics", help: "Print the final stats as JSON to stdout (combine with --headless and --skip-log-setup for JSON only)." },
  { long: "--json-file", key: "jsonFile", kind: "string", default: undefined, metavar: "<filename>", group: "Request statistics", help: "Write the final stats as JSON to <filename>.json." },

  // Thresholds (locust-bun's own, plus locust-plugins' --check-* flags as aliases)
  { long: "--threshold", key: "threshold", env: "LOCUST_THRESHOLD", kind: "expressionList", default: [], metavar: "<expr>", group: "Threshold", help: "A pass/fail gate on the final stats, e.g. p95<300, fail_ratio<0.01, rps>=100, '\"GET /items\":p99<=500'. Repeatable; LOCUST_THRESHOLD takes a comma-separated list." },
  { long: "--threshold-abort", key: "thresholdAbort", env: "LOCUST_THRESHOLD_ABORT", kind: "bool", default: false, group: "Threshold", help: "Stop the test as soon as a threshold fails on the stats so far (checked every second after --threshold-grace)." },
  { long: "--threshold-grace", key: "thresholdGrace", env: "LOCUST_THRESHOLD_GRACE", kind: "timespan", default: 10, metavar: "<time string>", group: "Threshold", help: "How long after the start --threshold-abort waits before it checks, e.g. 30s. Default: 10s." },
  { long: "--exit-code-on-threshold", key: "exitCodeOnThreshold", env: "LOCUST_EXIT_CODE_ON_THRESHOLD", kind: "int", default: 3, metavar: "<int>", group: "Threshold", help: "Exit code when a threshold failed; it wins over --exit-code-on-error. 0 makes thresholds report-only. Default: 3." },
  { long: "--junit", key: "junitFile", env: "LOCUST_JUNIT", kind: "string", default: undefined, metavar: "<filename>", group: "Threshold", help: "Write a JUnit XML report: one test case per threshold (without thresholds, one per request row, failing when it had failures)." },
  { long: "--check-rps", key: "checkRps", env: "LOCUST_CHECK_RPS", kind: "float", default: undefined, metavar: "<float>", group: "Threshold", help: "locust-plugins' check: fail (exit code 3) when the total requests per second stayed below this. Same as --threshold rps>=N." },
  { long: "--check-fail-ratio", key: "checkFailRatio", env: "LOCUST_CHECK_FAIL_RATIO", kind: "float", default: undefined, metavar: "<float>", group: "Threshold", help: "locust-plugins' check: fail (exit code 3) when the ratio of failed requests (0.0-1.0) is above this. Same as --threshold fail_ratio<=N." },
  { long: "--check-avg-response-time", key: "checkAvgResponseTime", env: "LOCUST_CHECK_AVG_RESPONSE_TIME", kind: "float", default: undefined, metavar: "<float>", group: "Threshold", help: "locust-plugins' check: fail (exit code 3) when the average response time (ms) is above this; 0 or less: no check. Same as --threshold avg<=N." },

  // Logging
  { long: "--skip-log-setup", key: "skipLogSetup", env: "LOCUST_SKIP_LOG_SETUP", kind: "bool", default: false, group: "Logging", help: "Leave logging as the locustfile configures it instead of setting it up." },
  { long: "--loglevel", short: "-L", key: "loglevel", env: "LOCUST_LOGLEVEL", kind: "logLevel", default: "INFO", metavar: "<level>", group: "Logging", help: "DEBUG, INFO, WARNING, ERROR or CRITICAL (any case). Default: INFO." },
  { long: "--logfile", key: "logfile", env: "LOCUST_LOGFILE", kind: "string", default: undefined, metavar: "<filename>", group: "Logging", help: "Write the log to this file instead of stderr (stats tables still go to the console)." },

  // Other
  { long: "--show-task-ratio", key: "showTaskRatio", kind: "bool", default: false, group: "Other", help: "Print each User class's task execution ratios and exit. Pass -u when classes set fixedCount." },
  { long: "--show-task-ratio-json", key: "showTaskRatioJson", kind: "bool", default: false, group: "Other", help: "Print the task execution ratios as JSON and exit. Pass -u when classes set fixedCount." },
  { long: "--version", short: "-V", key: "version", kind: "bool", default: false, group: "Other", cliOnly: true, help: "Print the version and exit." },
  { long: "--exit-code-on-error", key: "exitCodeOnError", env: "LOCUST_EXIT_CODE_ON_ERROR", kind: "int", default: 1, metavar: "<int>", group: "Other", help: "Exit code when the run had any failure or user error. Default: 1." },
  { long: "--stop-timeout", short: "-s", key: "stopTimeout", env: "LOCUST_STOP_TIMEOUT", kind: "timespan", default: 0, metavar: "<time string>", group: "Other", help: "How long a stopping user may finish its current task, e.g. 10 or 1m. Default: 0 (stop at once). Distributed: set it on the master." },
  { long: "--equal-weights", key: "equalWeights", kind: "bool", default: false, group: "Other", help: "Ignore the locustfile's weights: every User class and every task gets the same weight." },
  { long: "--profile", key: "profile", kind: "string", default: undefined, metavar: "<name>", group: "Other", help: "A label for this run, shown in reports." },
  { long: "--otel", key: "otel", env: "LOCUST_ENABLE_OPENTELEMETRY", kind: "bool", default: false, group: "Other", hidden: true, help: "Accepted for compatibility with Locust; OpenTelemetry export is not implemented." },
  { long: "--hatch-rate", key: "hatchRate", env: "LOCUST_HATCH_RATE", kind: "positiveFloat", default: undefined, group: "Other", hidden: true, help: "Deprecated name of --spawn-rate (prints a warning)." },
  { long: "--step-load", key: "stepLoad", kind: "bool", default: false, group: "Other", hidden: true, help: "", removed: STEP_LOAD_REMOVED },
  { long: "--step-users", key: "stepUsers", kind: "string", default: undefined, group: "Other", hidden: true, help: "", removed: STEP_LOAD_REMOVED },
  { long: "--step-clients", key: "stepClients", kind: "bool", default: false, group: "Other", hidden: true, help: "", removed: STEP_LOAD_REMOVED },
  { long: "--step-time", key: "stepTime", kind: "string", default: undefined, group: "Other", hidden: true, help: "", removed: STEP_LOAD_REMOVED },
];
