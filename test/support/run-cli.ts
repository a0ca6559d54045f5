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

/**
 * Runs `locust-bun ...args` (or `command ...args`, e.g. a built executable) in `cwd`; kills it after `timeoutMs`
 * (the result then has exit code -1).
 */
export async function runCli(
  args: string[],
  options: { cwd: string; env?: Record<string, string>; timeoutMs?: number; signalAfterMs?: { signal: NodeJS.Signals; ms: number }; command?: string[] },
): Promise<CliResult> {
  const child = Bun.spawn([...(options.command ?? ["bun", CLI]), ...args], {
    cwd: options.cwd,
    env: { ...process.env, LOCUST_SKIP_LOG_SETUP: "", ...options.env },
    stdout: "pipe",
    stderr: "pipe",
    stdin: "ignore",
  });
  const killer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 30_000);
  const signaller = options.signalAfterMs && setTimeout(() => child.kill(options.signalAfterMs!.signal), options.signalAfterMs.ms);
  const [stdout, stderr, exitCode] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  clearTimeout(killer);
  clearTimeout(signaller);
  return { exitCode: child.signalCode === "SIGKILL" ? -1 : exitCode, stdout, stderr };
}

/** A CLI child process that a test steers by what it has printed (see {@link startCli}). */
export interface RunningCli {
  /** Resolves once stderr contains `text` `times` times (default once); rejects if the process ends first. */
  waitForStderr(text: string, times?: number): Promise<void>;
  /** Sends `signal` to the process. */
  kill(signal: NodeJS.Signals): void;
  /** Resolves with the whole output and the exit code once the process has ended. */
  result: Promise<CliResult>;
}

/**
 * Starts `locust-bun ...args` in `cwd` for tests that signal it at the right moment: wait for a log line, then
 * send the signal. Killed after `timeoutMs` (exit code -1), like {@link runCli}.
 */
export function startCli(args: string[], options: { cwd: string; timeoutMs?: number }): RunningCli {
  const child = Bun.spawn(["bun", CLI, ...args], {
    cwd: options.cwd,
    env: { ...process.env, LOCUST_SKIP_LOG_SETUP: "" },
    stdout: "pipe",
    stderr: "pipe",
    stdin: "ignore",
  });
  const killer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 30_000);
  let stderr = "";
  const waiters = new Set<{ seen: () => boolean; resolve: () => void }>();
  const stderrDone = (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of child.stderr) {
      stderr += decoder.decode(chunk, { stream: true });
      for (const waiter of waiters) if (waiter.seen()) (waiters.delete(waiter), waiter.resolve());
    }
  })();
  const result = (async () => {
    const [stdout, exitCode] = await Promise.all([new Response(child.stdout).text(), child.exited, stderrDone]);
    clearTimeout(killer);
    return { exitCode: child.signalCode === "SIGKILL" ? -1 : exitCode, stdout, stderr };
  })();
  const waitForStderr = (text: string, times = 1) =>
    new Promise<void>((resolve, reject) => {
      const seen = () => stderr.split(text).length > times;
      if (seen()) return resolve();
      waiters.add({ seen, resolve });
      void result.then((ended) => reject(new Error(`exited (${ended.exitCode}) before printing ${JSON.stringify(text)}:\n${ended.stderr}`)));
    });
  return { waitForStderr, kill: (signal) => child.kill(signal), result };
}
