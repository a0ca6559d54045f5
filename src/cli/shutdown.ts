/**
 * The ordered end of a run: stop users, fire `quitting`, decide the exit code, write every report, fire `quit`.
 * Runs the same way on normal end, Ctrl-C and SIGTERM, and keeps going when one step fails.
 * @module
 */
import type { Environment } from "../core/environment.ts";
import { createLogger, hasUnhandledError } from "../core/log.ts";
import type { Options } from "../core/options/index.ts";
import type { ConsolePrinter } from "../core/output/console-printer.ts";
import type { CsvWriter } from "../core/output/csv-writer.ts";
import { formatJsonReport } from "../core/output/json-output.ts";
import { exitCodeForRun } from "../core/exit-codes.ts";
import type { RunningWebUi } from "../ui/server.ts";
import type { ChildWorkers } from "./processes.ts";

const log = createLogger("locust.main");

/** What was started and must be finished. */
export interface ShutdownParts {
  printer: ConsolePrinter;
  csv?: CsvWriter;
  webUi?: RunningWebUi;
  /** The worker processes of a `--processes` run. */
  children?: ChildWorkers;
}

/** Fills Locust's `{u}`, `{r}`, `{t}` placeholders of `--html`. */
function formatReportPath(template: string, options: Options): string {
  return template
    .replaceAll("{u}", String(Math.trunc(options.users ?? 0)))
    .replaceAll("{r}", String(Math.trunc(options.spawnRate ?? 0)))
    .replaceAll("{t}", String(Math.trunc(options.runTime ?? 0)));
}

/** Runs one shutdown step; a failure is logged and the next step still runs. */
async function step(name: string, work: () => unknown): Promise<void> {
  try {
    await work();
  } catch (err) {
    log.error(`${name} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function writeReports(environment: Environment, options: Options, parts: ShutdownParts): Promise<void> {
  if (options.json) await step("--json", () => process.stdout.write(`${formatJsonReport(environment.stats)}\n`));
  if (options.jsonFile) await step("--json-file", () => Bun.write(`${options.jsonFile}.json`, formatJsonReport(environment.stats)));
  if (!options.jsonFile) await step("summary", () => parts.printer.printSummary());
  if (options.url) process.stdout.write(`${environment.stats.total.numRequests} requests made\n`);
  if (parts.csv) await step("--csv", () => (parts.csv!.stop(), parts.csv!.flush()));
  if (options.htmlFile) {
    const path = formatReportPath(options.htmlFile, options);
    await step("--html", async () => {
      const { writeHtmlReport } = await import("../ui/report/html-report.ts");
      await writeHtmlReport(environment, path);
    });
  }
}

/** Shuts the run down and resolves with the exit code. */
export async function shutdown(environment: Environment, options: Options, parts: ShutdownParts): Promise<number> {
  parts.printer.stop();
  await step("stopping users", () => environment.runner?.quit());
  if (parts.children) await step("worker processes", () => parts.children!.stop());
  await step("quitting listeners", () => environment.events.quitting.fire({ environment }, true));
  const code = exitCodeForRun({
    processExitCode: environment.processExitCode,
    exitCodeOnError: options.exitCodeOnError,
    hasFailures: environment.stats.errors.size > 0,
    hasUserErrors: (environment.runner?.exceptions.size ?? 0) > 0,
    hasUnhandledErrors: hasUnhandledError(),
  });
  await writeReports(environment, options, parts);
  if (parts.webUi) await step("web UI", () => parts.webUi!.stop());
  log.info(`Shutting down (exit code ${code})`);
  environment.events.quit.fire({ exitCode: code });
  return code;
}
