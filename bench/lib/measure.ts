/** A command pinned to one CPU under /usr/bin/time, with its output and CPU seconds (user + system). */
export interface TimedRun {
  /** The pid of /usr/bin/time: the root of the command's process tree. */
  pid: number;
  done: Promise<{ stdout: string; stderr: string; cpuSeconds: number }>;
}

/** Starts a command pinned to one CPU under /usr/bin/time; `done` has its CPU, children waited for included. */
export function spawnTimed(cpu: number, command: string[], cwd?: string): TimedRun {
  const child = Bun.spawn(["/usr/bin/time", "-f", "__CPU__ %U %S", "taskset", "-c", String(cpu), ...command], {
    cwd,
    stdout: "pipe",
    stderr: "pipe",
  });
  const done = Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]).then(([stdout, stderr]) => {
    const match = /__CPU__ ([\d.]+) ([\d.]+)/.exec(stderr);
    const cpuSeconds = match ? Number(match[1]) + Number(match[2]) : Number.NaN;
    return { stdout, stderr, cpuSeconds };
  });
  return { pid: child.pid, done };
}

/** Runs a command pinned to one CPU under /usr/bin/time and returns its output and CPU seconds (user + system). */
export function runTimed(cpu: number, command: string[], cwd?: string): TimedRun["done"] {
  return spawnTimed(cpu, command, cwd).done;
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
