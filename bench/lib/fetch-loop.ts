/**
 * The HttpUser ceiling: plain `fetch` in async loops with no locust-bun code, reading each body, for as long as
 * asked. Prints `{"requests":N,"p50":ms,"p99":ms}`. Run: bun bench/lib/fetch-loop.ts <url> <loops> <seconds>
 */
export {};

const [url, loops, seconds] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4])];
const end = performance.now() + seconds * 1000;
const latencies: number[] = [];

async function loop(): Promise<void> {
  while (performance.now() < end) {
    const started = performance.now();
    const response = await fetch(url);
    await response.bytes();
    latencies.push(performance.now() - started);
  }
}

await Promise.all(Array.from({ length: loops }, loop));
latencies.sort((a, b) => a - b);
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
console.log(JSON.stringify({ requests: latencies.length, rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99) }));
