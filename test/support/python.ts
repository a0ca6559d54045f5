/**
 * Runs short Python scripts in tests, to check our output against Python itself (repr, round, hashlib, msgpack,
 * Locust's own stats code). When Python or a module is missing, tests skip with a printed reason (fail under CI).
 */

const SYSTEM_PATHS = "/usr/local/bin:/usr/bin:/bin";

/**
 * The python3 binary when it can import every module in `modules`; otherwise null after printing why the tests
 * skip, or throws when `CI` is set.
 */
export function findPython(modules: string[], what: string): string | null {
  const python = Bun.which("python3", { PATH: SYSTEM_PATHS });
  let reason = "python3 is not installed";
  if (python) {
    const probe = Bun.spawnSync([python, "-c", modules.map((m) => `import ${m}`).join("; ")], { stderr: "pipe" });
    if (probe.exitCode === 0) return python;
    reason = `python3 cannot import ${modules.join(", ")} (${probe.stderr.toString().trim().split("\n").at(-1)})`;
  }
  if (process.env.CI) throw new Error(`${what} needs Python under CI: ${reason}`);
  console.warn(`skipping ${what}: ${reason}`);
  return null;
}

/** Runs `script` with `input` on stdin; resolves to stdout, rejects with stderr on a non-zero exit. */
export async function runPython(python: string, script: string, input: string | Uint8Array = ""): Promise<string> {
  const child = Bun.spawn([python, "-c", script], { stdin: "pipe", stdout: "pipe", stderr: "pipe" });
  child.stdin.write(input);
  await child.stdin.end();
  const [stdout, stderr, exitCode] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  if (exitCode !== 0) throw new Error(`python exited ${exitCode}: ${stderr.trim()}`);
  return stdout;
}
