/**
 * The master of bench/distributed.ts's scale table: a MasterRunner on loopback that waits for the simulated
 * workers, starts a test on them, lets one report cycle pass, then measures itself over a window — its CPU share
 * of one core and the CPU time it spends on each message, reports and heartbeats apart (the only messages the
 * workers send then). Prints its port, then one JSON line. Run: bun bench/lib/master-child.ts <workers> <seconds>
 */
import { configureLogging } from "../../src/core/log.ts";
import { RouterSocket, type RouterSocketOptions } from "../../src/core/runner/transport/index.ts";
import { Environment, User, task } from "../../src/index.ts";

const [WORKERS, WINDOW_SECONDS] = [Number(process.argv[2]), Number(process.argv[3])];
const USERS_PER_WORKER = 5;
const CONNECT_TIMEOUT_SECONDS = 120;

class SimUser extends User {
  @task idle() {}
}

/** What the master handled in the window, and the CPU time it took (µs of this thread, so preemption is not counted). */
const handled = { reports: 0, reportMicros: 0, heartbeats: 0, heartbeatMicros: 0 };
let sawReport = false;

// The master binds its handler inside listen(); wrapping RouterSocket.listen times that handler, unchanged, per message.
const listen = RouterSocket.listen;
RouterSocket.listen = (options: RouterSocketOptions) =>
  listen.call(RouterSocket, {
    ...options,
    onMessage(identity, payload) {
      sawReport = false;
      const started = process.threadCpuUsage();
      options.onMessage(identity, payload);
      const used = process.threadCpuUsage(started);
      const micros = used.user + used.system;
      if (sawReport) [handled.reports, handled.reportMicros] = [handled.reports + 1, handled.reportMicros + micros];
      else [handled.heartbeats, handled.heartbeatMicros] = [handled.heartbeats + 1, handled.heartbeatMicros + micros];
    },
  });

configureLogging({ level: "WARNING" });
const environment = new Environment({ userClasses: [SimUser] });
environment.events.workerReport.addListener(() => void (sawReport = true));
environment.attachStats();
const master = environment.createMasterRunner({ bindHost: "127.0.0.1", bindPort: 0 });
await master.listen();
console.log(master.port);

const deadline = performance.now() + CONNECT_TIMEOUT_SECONDS * 1000;
while (master.workerCount < WORKERS) {
  if (performance.now() > deadline) throw new Error(`only ${master.workerCount} of ${WORKERS} workers connected`);
  await Bun.sleep(100);
}
await master.start(WORKERS * USERS_PER_WORKER, WORKERS * USERS_PER_WORKER);
await Bun.sleep(3500); // a whole report cycle, so every worker reports running users

Object.assign(handled, { reports: 0, reportMicros: 0, heartbeats: 0, heartbeatMicros: 0 });
const [cpu0, wall0] = [process.cpuUsage(), performance.now()];
await Bun.sleep(WINDOW_SECONDS * 1000);
const cpu = process.cpuUsage(cpu0);
const seconds = (performance.now() - wall0) / 1000;
const cpuMs = (cpu.user + cpu.system) / 1000;
console.log(
  JSON.stringify({
    workers: master.workerCount,
    cpuPercent: cpuMs / 10 / seconds,
    reportsPerSecond: handled.reports / seconds,
    heartbeatsPerSecond: handled.heartbeats / seconds,
    reportMicros: handled.reportMicros / handled.reports,
    heartbeatMicros: handled.heartbeatMicros / handled.heartbeats,
    cpuMicrosPerReport: (cpuMs * 1000) / handled.reports,
  }),
);
process.exit(0);
