/**
 * Locust's `response_times` key for a sample (ms): rounded to 1 ms below 100, to 10 ms below 1000, to 100 ms below
 * 10000, else to 1000 ms — with Python's `round`, i.e. half-to-even on the exact binary value (145 → 140,
 * 155 → 160, 2.5 → 2, 0.5 → 0), which a `Math.round` port would get wrong at exact halves.
 * @see https://docs.locust.io/en/stable/configuration.html#customization-of-statistics-settings
 */
export function bucketResponseTime(ms: number): number {
  const step = ms < 100 ? 1 : ms < 1000 ? 10 : ms < 10000 ? 100 : 1000;
  let steps = Math.floor(ms / step);
  // The quotient can round up across an integer; the remainder must be computed against the true floor.
  if (steps * step > ms) steps--;
  // Exact: steps × step is an integer below 2^53 and within a factor 2 of ms (Sterbenz), or ms itself when 0.
  const rest = ms - steps * step;
  const half = step / 2;
  if (rest > half || (rest === half && steps % 2 !== 0)) steps++;
  return steps * step;
}
