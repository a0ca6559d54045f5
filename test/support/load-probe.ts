import { join } from "node:path";
import { REPO_ROOT } from "./run-cli.ts";

/** What a probe script printed, and how it exited. */
export interface LoadProbeResult {
  /** Trimmed. */
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * Runs `script` in a fresh Bun process, to see whether some code loads a library. In the script, `src(path)` is
 * the absolute path of a file under src/, and `loaded()` is true once a module whose path matches `library` has
 * been loaded (ES modules are listed in `require.cache` too).
 */
export async function runLoadProbe(library: RegExp, script: string): Promise<LoadProbeResult> {
  const prelude = [
    `const src = (path) => ${JSON.stringify(join(REPO_ROOT, "src"))} + "/" + path;`,
    `const loaded = () => Object.keys(require.cache).some((path) => ${library}.test(path));`,
  ];
  const child = Bun.spawn([process.execPath, "-e", [...prelude, script].join("\n")], {
    cwd: REPO_ROOT,
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, exitCode] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  return { stdout: stdout.trim(), stderr, exitCode };
}
