/**
 * A long-running `locust-bun` (or other) child process whose output a test can wait on while it runs (a master, a
 * worker), to send it signals at chosen moments. For one-shot runs, `runCli` in run-cli.ts is simpler.
 * @module
 */
import { join } from "node:path";
import { REPO_ROOT } from "./run-cli.ts";

const CLI = join(REPO_ROOT, "src/cli.ts");

/** A running CLI; disposing it SIGKILLs it if still running and waits for its exit. */
export interface CliProcess extends AsyncDisposable {
  readonly child: Bun.Subprocess<"ignore", "pipe", "pipe">;
  /** stdout and stderr so far, interleaved in arrival order (log lines and tables both go to stderr). */
  readonly output: string;
  /** Resolves with the exit code (-1 when killed by a signal). */
  readonly exited: Promise<number>;
  /**
   * Resolves with the first match of `pattern` in the output from `from` on; rejects when the process exits
   * without printing it, so a missing line fails the test instead of hanging it.
   */
  waitFor(pattern: RegExp, from?: number): Promise<RegExpExecArray>;
}

/** Options of {@link startCli} and {@link startCommand}. */
export interface ProcessOptions {
  cwd: string;
  /** Added to this process's environment. */
  env?: Record<string, string>;
  /** Lead a process group of its own, so a test can signal the whole group as a terminal's Ctrl-C does. */
  detached?: boolean;
  /** For {@link startCli}: run this instead of `bun src/cli.ts` (a built executable). */
  command?: string[];
}

/** Starts `locust-bun ...args` (or `command ...args`) in `cwd` with `env` added to this process's environment. */
export function startCli(args: string[], options: ProcessOptions): CliProcess {
  const command = [...(options.command ?? ["bun", CLI]), ...args];
  return startCommand(command, { ...options, env: { LOCUST_SKIP_LOG_SETUP: "", ...options.env } });
}

/** Starts any command (Python Locust, for instance) the same way. */
export function startCommand(command: string[], options: ProcessOptions): CliProcess {
  const child = Bun.spawn(command, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
    detached: options.detached,
  });
  let output = "";
  const waiters = new Set<() => void>();
  const collect = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    for await (const chunk of stream) {
      output += decoder.decode(chunk, { stream: true });
      for (const wake of waiters) wake();
    }
  };
  const drained = Promise.all([collect(child.stdout), collect(child.stderr)]);
  const exited = drained.then(() => child.exited).then((code) => (child.signalCode ? -1 : code));
  const waitFor = (pattern: RegExp, from = 0) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = new RegExp(pattern.source, pattern.flags.replace("g", "")).exec(output.slice(from));
        if (!match) return;
        waiters.delete(check);
        resolve(match);
      };
      waiters.add(check);
      check();
      void exited.then((code) => {
        check();
        if (waiters.delete(check)) reject(new Error(`exited (${code}) without printing ${pattern}:\n${output}`));
      });
    });
  return {
    child,
    get output() {
      return output;
    },
    exited,
    waitFor,
    async [Symbol.asyncDispose]() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
