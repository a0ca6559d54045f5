/**
 * Runs the real CLI in a child process, in a throw-away project whose `node_modules/locust-bun` links to this
 * repository, the way a user's project depends on the package.
 * @module
 */
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

/** The repository root. */
export const REPO_ROOT = resolve(import.meta.dir, "../..");
const CLI = join(REPO_ROOT, "src/cli.ts");

/** A temporary project directory, removed on dispose. */
export interface TempProject extends AsyncDisposable {
  dir: string;
  /** Writes a file relative to the project. */
  write(path: string, text: string): string;
}

/** Creates a temp project with `files` and a `locust-bun` dependency linked to this repository. */
export function createProject(files: Record<string, string> = {}): TempProject {
  const dir = mkdtempSync(join(tmpdir(), "locust-bun-test-"));
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  symlinkSync(REPO_ROOT, join(dir, "node_modules", "locust-bun"), "dir");
  const write = (path: string, text: string) => {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    return full;
  };
  for (const [path, text] of Object.entries(files)) write(path, text);
  const remove = async () => {
    // Unlink the package link first so removing the project can never reach into the repository.
    unlinkSync(join(dir, "node_modules", "locust-bun"));
    rmSync(dir, { recursive: true, force: true });
  };
  return { dir, write, [Symbol.asyncDispose]: remove };
}

/** What a CLI run produced. */
export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Options of {@link runCli} and {@link startProcess}. */
export interface RunOptions {
  cwd: string;
  env?: Record<string, string>;
  /** Kill (SIGKILL) after this long; the result then has exit code -1. Default 30 s. */
  timeoutMs?: number;
  signalAfterMs?: { signal: NodeJS.Signals; ms: number };
  /** Start it as the leader of its own process group, so a test can signal the group as Ctrl-C does. */
  detached?: boolean;
}

/** A process started by {@link startProcess}: signal it through `child`, await `result` for its output. */
export interface RunningProcess {
  child: Bun.Subprocess<"ignore", "pipe", "pipe">;
  result: Promise<CliResult>;
}

/** Starts `command` with piped output; `result` resolves once it exited. */
export function startProcess(command: string[], options: RunOptions): RunningProcess {
  const child = Bun.spawn(command, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdout: "pipe",
    stderr: "pipe",
    stdin: "ignore",
    detached: options.detached,
  });
  const killer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 30_000);
  const signaller = options.signalAfterMs && setTimeout(() => child.kill(options.signalAfterMs!.signal), options.signalAfterMs.ms);
  const result = Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]).then(
    ([stdout, stderr, exitCode]) => {
      clearTimeout(killer);
      clearTimeout(signaller);
      return { exitCode: child.signalCode === "SIGKILL" ? -1 : exitCode, stdout, stderr };
    },
  );
  return { child, result };
}

/** Starts `locust-bun ...args` in `cwd` without waiting for it. */
export function startCli(args: string[], options: RunOptions): RunningProcess {
  return startProcess(["bun", CLI, ...args], { ...options, env: { LOCUST_SKIP_LOG_SETUP: "", ...options.env } });
}

/** Runs `locust-bun ...args` in `cwd`; kills it after `timeoutMs` (the result then has exit code -1). */
export function runCli(args: string[], options: RunOptions): Promise<CliResult> {
  return startCli(args, options).result;
}
