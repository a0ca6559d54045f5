/** Epoch seconds → UTC `YYYY-MM-DDTHH:MM:SSZ`, the timestamp form of Locust's history and `_failures.csv`. */
export function formatUtcTimestamp(epochSeconds: number): string {
  return `${new Date(Math.floor(epochSeconds) * 1000).toISOString().slice(0, 19)}Z`;
}
