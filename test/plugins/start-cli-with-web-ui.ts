/**
 * Runs the real CLI with its web UI on a free port (`--autostart --web-port 0`), for tests that call routes of the
 * running UI: resolves once the UI logs its address, and stops the process with SIGTERM like Ctrl-C would.
 * @module
 */
import { join } from "node:path";
import { REPO_ROOT, type CliResult } from "../support/run-cli.ts";

/** A CLI process whose web UI is up. */
export interface CliWithWebUi extends AsyncDisposable {
  /** e.g. `http://127.0.0.1:40123` */
  readonly url: string;
  /** Sends SIGTERM and resolves with everything the process printed and its exit code. */
  stop(): Promise<CliResult>;
}

const STARTED = /Starting web interface at (http:\/\/\S+)/;

/** Starts `locust-bun ...args --autostart -u 1 -r 1 --web-host 127.0.0.1 --web-port 0` in `cwd`. */
export async function startCliWithWebUi(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliWithWebUi> {
  const ui = ["--autostart", "-u", "1", "-r", "1", "--web-host", "127.0.0.1", "--web-port", "0"];
  const child = Bun.spawn(["bun", join(REPO_ROOT, "src/cli.ts"), ...args, ...ui], {
    cwd,
    env: { ...process.env, LOCUST_SKIP_LOG_SETUP: "", ...env },
    stdout: "pipe",
    stderr: "pipe",
    stdin: "ignore",
  });
  const killer = setTimeout(() => child.kill("SIGKILL"), 30_000); // a hung CLI must not hang the suite
  const stdout = new Response(child.stdout).text();
  const reader = child.stderr.getReader();
  const decoder = new TextDecoder();
  let stderr = "";
  let match: RegExpExecArray | null = null;
  while (!(match = STARTED.exec(stderr))) {
    const { value, done } = await reader.read();
    if (done) {
      clearTimeout(killer);
      throw new Error(`the CLI exited before its web UI started (exit ${await child.exited}):\n${stderr}${await stdout}`);
    }
    stderr += decoder.decode(value, { stream: true });
  }
  const rest = (async () => {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) stderr += decoder.decode(chunk.value, { stream: true });
    return stderr;
  })();
  let stopped: Promise<CliResult> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      child.kill("SIGTERM");
      const [exitCode, out, err] = await Promise.all([child.exited, stdout, rest]);
      clearTimeout(killer);
      return { exitCode, stdout: out, stderr: err };
    })());
  return { url: match[1]!, stop, [Symbol.asyncDispose]: async () => void (await stop()) };
}
