/**
 * Memory per idle user: spawns 10,000 users that wait an hour between tasks and reports RSS growth per user.
 * Target: ≤ 3 KB per idle user. Run: bun bench/idle-users.ts [users]
 */
import { Environment, User, constant, task } from "../src/index.ts";
import { printTable } from "./lib/table.ts";

const USERS = Number(process.argv[2] ?? 10_000);

class IdleUser extends User {
  waitTime = constant(3600);
  @task idle() {}
}

const env = new Environment({ userClasses: [IdleUser] });
env.attachStats();
const runner = env.createLocalRunner();
Bun.gc(true);
const before = process.memoryUsage();
await runner.start(USERS, USERS);
await Bun.sleep(500);
Bun.gc(true);
const after = process.memoryUsage();
const perUserRss = (after.rss - before.rss) / USERS;
const perUserHeap = (after.heapUsed - before.heapUsed) / USERS;
console.log(`idle users benchmark: ${USERS} users waiting, Bun ${Bun.version}`);
printTable([
  ["metric", "per user", "target"],
  ["RSS", `${(perUserRss / 1024).toFixed(2)} KB`, "≤ 3 KB"],
  ["JS heap", `${(perUserHeap / 1024).toFixed(2)} KB`, "-"],
]);
console.log(`running users: ${runner.userCount}`);
await runner.quit();
