import { collectOptionThresholds, parseThresholds } from "../thresholds/index.ts";
import type { OptionProblem } from "./option-error.ts";
import type { Options } from "./options.ts";

type Check = (options: Options) => OptionProblem | false;

const STARTUP = 1;
const FATAL = 255;

const PROCESSES_WITH_MASTER =
  "--master cannot be combined with --processes. Remove --master, as it is implicit as long as --worker is not set.";
const DOWNLOAD_WITHOUT_WORKER =
  "locustfile was set to '-' (meaning to download from master) but --worker was not specified.";

/**
 * Checks between options, in the order Locust makes them, each with the exit code Locust uses: 2 (the default) for
 * its argparse errors, 1 for checks in its `main`, 255 for `--master` with `--worker`.
 */
const CHECKS: readonly Check[] = [
  (o) => o.csvFullHistory && o.csvPrefix === undefined && { message: "'--csv-full-history' requires '--csv'." },
  // The value is not echoed: it may hold a password.
  (o) =>
    o.webAuth !== undefined &&
    !/^[^:]+:./.test(o.webAuth) && { message: "invalid value for --web-auth: expected 'username:password'" },
  (o) => o.locustfile === "-" && !o.worker && { message: DOWNLOAD_WITHOUT_WORKER, exitCode: STARTUP },
  (o) =>
    o.autoquit !== -1 &&
    !o.autostart && { message: "--autoquit is only meaningful in combination with --autostart", exitCode: STARTUP },
  (o) =>
    o.processes !== undefined &&
    (o.processes === 0 || o.processes < -1) && {
      message: `Invalid --processes count ${o.processes}: use a positive number of worker processes, or -1 for one per CPU`,
      exitCode: STARTUP,
    },
  (o) => Boolean(o.processes) && o.master && { message: PROCESSES_WITH_MASTER, exitCode: STARTUP },
  (o) =>
    o.arrivalRate !== undefined &&
    (o.master || o.worker || Boolean(o.processes)) && {
      message: "--arrival-rate runs in one process only for now: remove --master, --worker or --processes.",
      exitCode: STARTUP,
    },
  (o) => o.master && o.worker && { message: "The --master argument cannot be combined with --worker", exitCode: FATAL },
  (o) =>
    o.webBasePath !== "" &&
    !o.webBasePath.startsWith("/") && {
      message: `Invalid format for --web-base-path argument (${o.webBasePath}): the url path must start with a slash.`,
      exitCode: STARTUP,
    },
];

/** Every problem between options (values are already typed); empty when they fit together. */
export function validateOptions(options: Options): OptionProblem[] {
  const problems = CHECKS.map((check) => check(options)).filter((problem): problem is OptionProblem => problem !== false);
  // Every malformed threshold is named before the run starts, one line each.
  const thresholds = parseThresholds(collectOptionThresholds(options)).problems.map(({ message }) => ({ message }));
  return [...problems, ...thresholds];
}
