/** Runs a command pinned to one CPU under /usr/bin/time and returns its output and CPU seconds (user + system). */
export async function runTimed(cpu: number, command: string[], cwd?: string): Promise<{ stdout: string; stderr: string; cpuSeconds: number }> {
  const child = Bun.spawn(["/usr/bin/time", "-f", "__CPU__ %U %S", "taskset", "-c", String(cpu), ...command], {
    cwd,
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  const match = /__CPU__ ([\d.]+) ([\d.]+)/.exec(stderr);
  const cpuSeconds = match ? Number(match[1]) + Number(match[2]) : Number.NaN;
  return { stdout, stderr, cpuSeconds };
}

/** Whether an executable is on PATH. */
export function isInstalled(name: string): boolean {
  return Bun.which(name) !== null;
}

/** One generator's result. */
export interface GeneratorResult {
  generator: string;
  connections: number;
  rps: number;
  cpuMicrosPerRequest: number;
  p50: number;
  p99: number;
}
