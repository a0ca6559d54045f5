import { expect, test } from "bun:test";
import { between, constant, constantPacing, constantThroughput, InvalidWaitTimeError } from "../../../src/core/user/wait-time.ts";
import { FakeClock } from "../../support/fake-clock.ts";

test("between(3, 9) always lands in [3, 9]", () => {
  const wait = between(3, 9);
  for (let i = 0; i < 1000; i++) {
    const value = wait();
    expect(value).toBeGreaterThanOrEqual(3);
    expect(value).toBeLessThanOrEqual(9);
  }
});

test("constant(13) always returns 13", () => {
  expect(constant(13)()).toBe(13);
});

test("constantPacing waits what is left of the interval after the task ran, and 0 when the task overran", async () => {
  const clock = new FakeClock();
  const wait = constantPacing(1, clock);
  await clock.advance(300); // the first task took 0.3 s
  expect(wait()).toBeCloseTo(0.7, 6);
  await clock.advance(700); // the wait itself
  await clock.advance(1500); // a task that took longer than the interval
  expect(wait()).toBe(0);
  await clock.advance(200);
  expect(wait()).toBeCloseTo(0.8, 6);
});

test.each([
  [10, 0.1],
  [4, 0.25],
])("constantThroughput(%p) paces task starts %p s apart", async (rate, interval) => {
  const clock = new FakeClock();
  const wait = constantThroughput(rate, clock);
  const starts: number[] = [];
  for (let i = 0; i < 5; i++) {
    starts.push(clock.monotonic());
    await clock.advance(interval * 1000 * 0.4 * (i % 2)); // tasks of varying length, all shorter than the interval
    await clock.advance(wait() * 1000);
  }
  const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
  for (const gap of gaps) expect(gap).toBeCloseTo(interval * 1000, 6);
});

test.each([
  ["constant(Infinity)", () => constant(Infinity), "constant(Infinity)"],
  ["constant(NaN)", () => constant(Number.NaN), "constant(NaN)"],
  ["constant(-1)", () => constant(-1), "constant(-1)"],
  ["between(1, Infinity)", () => between(1, Infinity), "between(1, Infinity)"],
  ["constantPacing(NaN)", () => constantPacing(Number.NaN), "constantPacing(NaN)"],
])("%s is refused where it is written, not spun on later", (_, create, call) => {
  expect(create).toThrow(new InvalidWaitTimeError(`${call}: a wait time must be a finite number of seconds, 0 or more.`));
});

test.each([0, -2, Infinity, Number.NaN])("constantThroughput(%p) is refused: it has no finite interval", (rate) => {
  expect(() => constantThroughput(rate)).toThrow(`constantThroughput(${rate}): tasks per second must be a finite number above 0.`);
});

test("0 and long finite waits stay valid (a 30-day wait is chained timers, not an error)", () => {
  expect(constant(0)()).toBe(0);
  expect(constant(30 * 86_400)()).toBe(2_592_000);
  expect(between(2, 1)()).toBeWithin(1, 2.0000001);
});
