/**
 * Engine overhead: CPU per task iteration (empty task) and per recorded request (a task that only fires a request
 * event into the stats), with 100 users and no wait. Target: ≤ 1 µs of engine + stats CPU per recorded request.
 * Run: bun bench/engine.ts [seconds]
 */
import { Environment, User, task } from "../src/index.ts";
import { printTable } from "./lib/table.ts";

const SECONDS = Number(process.argv[2] ?? 3);
const USERS = 100;
let iterations = 0;

class EmptyTask extends User {
  @task nothing() {
    iterations++;
  }
}

class RecordingTask extends User {
  @task record() {
    iterations++;
    this.environment.events.request.fire({ requestType: "GET", name: "/bench", responseTime: 1.5, responseLength: 120, exception: null });
  }
}

class AsyncRecordingTask extends User {
  @task async record() {
    iterations++;
    await null; // an async task, as every protocol call is
    this.environment.events.request.fire({ requestType: "GET", name: "/bench", responseTime: 1.5, responseLength: 120, exception: null });
  }
}

async function measure(cls: typeof User): Promise<{ perIteration: number; rate: number; requests: number }> {
  const env = new Environment({ userClasses: [cls as never] });
  env.attachStats();
  const runner = env.createLocalRunner();
  iterations = 0;
  await runner.start(USERS, USERS);
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  const startIterations = iterations;
  await Bun.sleep(SECONDS * 1000);
  const cpu = process.cpuUsage(cpuStart);
  const wall = performance.now() - wallStart;
  const done = iterations - startIterations;
  await runner.quit();
  return { perIteration: ((cpu.user + cpu.system) * 1000) / done, rate: done / (wall / 1000), requests: env.stats.total.numRequests };
}

const empty = await measure(EmptyTask);
const recording = await measure(RecordingTask);
const asyncRecording = await measure(AsyncRecordingTask);
console.log(`engine benchmark: ${USERS} users, no wait, ${SECONDS} s each, Bun ${Bun.version}`);
printTable([
  ["case", "iterations/s", "CPU ns/iteration", "target"],
  ["empty task (engine only)", Math.round(empty.rate), Math.round(empty.perIteration), "-"],
  ["task firing one request event", Math.round(recording.rate), Math.round(recording.perIteration), "≤ 1000"],
  ["async task firing one request event", Math.round(asyncRecording.rate), Math.round(asyncRecording.perIteration), "≤ 1000"],
]);
console.log(`recorded requests: ${recording.requests}`);
