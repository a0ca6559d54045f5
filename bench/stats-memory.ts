/**
 * Memory per distinct request name (the forgotten-`name=` case): fires request events for 100,000 names over 60 s
 * of (simulated) run time, 1, 5 and 20 requests per name with response times spread over 5–200 ms, through the
 * real event boundary and stats listener, and reports heap and RSS growth per name. Each case runs in its own
 * process so RSS is not shared. Target: under 1 GB in total at 100k names (Locust needs ~457 MB).
 * Run: bun bench/stats-memory.ts [names] (or `… names requestsPerName` for one case, printed as JSON)
 */
import { Environment } from "../src/index.ts";
import { configureLogging } from "../src/core/log.ts";
import { printTable } from "./lib/table.ts";

const NAMES = Number(process.argv[2] ?? 100_000);
const CASES = [1, 5, 20];
const T0 = 1_800_000_000;
const MB = 1024 * 1024;

interface Measured {
  heapPerName: number;
  rssPerName: number;
  rssTotal: number;
}

/** One case in this process: `names` names × `perName` requests; growth of heap and RSS. */
function measureCase(names: number, perName: number): Measured {
  configureLogging({ write: () => {} }); // the many-names warning is expected here
  const labels = Array.from({ length: names }, (_, i) => `/item?id=${i}`);
  let now = T0;
  const environment = new Environment({ clock: { now: () => now, monotonic: () => now * 1000, sleep: async () => {} } });
  environment.attachStats();
  Bun.gc(true);
  const before = process.memoryUsage();
  const total = names * perName;
  for (let k = 0; k < total; k++) {
    now = T0 + (k / total) * 60;
    const responseTime = 5 + ((k * 7919) % 1950) / 10;
    environment.events.request.fire({ requestType: "GET", name: labels[(k * 7919) % names]!, responseTime, responseLength: 100, exception: null });
  }
  Bun.gc(true);
  const after = process.memoryUsage();
  if (environment.stats.entryCount !== names) throw new Error(`expected ${names} entries, got ${environment.stats.entryCount}`);
  return { heapPerName: (after.heapUsed - before.heapUsed) / names, rssPerName: (after.rss - before.rss) / names, rssTotal: after.rss };
}

if (process.argv[3] !== undefined) {
  console.log(JSON.stringify(measureCase(NAMES, Number(process.argv[3]))));
} else {
  const rows: (string | number)[][] = [["requests per name", "heap per name", "RSS per name", `RSS at ${NAMES.toLocaleString("en")} names`, "target"]];
  for (const perName of CASES) {
    const child = Bun.spawnSync(["bun", import.meta.path, String(NAMES), String(perName)], { stderr: "inherit" });
    if (child.exitCode !== 0) throw new Error(`case ${perName} failed with exit code ${child.exitCode}`);
    const result = JSON.parse(child.stdout.toString()) as Measured;
    rows.push([perName, `${(result.heapPerName / 1024).toFixed(2)} KB`, `${(result.rssPerName / 1024).toFixed(2)} KB`, `${Math.round(result.rssTotal / MB)} MB`, "< 1024 MB"]);
  }
  console.log(`stats memory benchmark: ${NAMES.toLocaleString("en")} distinct request names over 60 s, Bun ${Bun.version}`);
  printTable(rows);
}
