import { describe, expect, test } from "bun:test";
import { Ticker } from "../../src/core/ticker.ts";
import { FakeClock } from "../support/fake-clock.ts";

describe("Ticker", () => {
  test("ticks once per interval from one interval after start, and never after stop", async () => {
    const clock = new FakeClock();
    const ticks: number[] = [];
    const ticker = new Ticker(clock, 1000, () => void ticks.push(clock.monotonic()));
    ticker.start();
    expect(ticks).toEqual([]);
    await clock.advance(3000);
    expect(ticks).toEqual([1000, 2000, 3000]);
    ticker.stop();
    expect(ticker.running).toBe(false);
    await clock.advance(5000);
    expect(ticks).toEqual([1000, 2000, 3000]);
    expect(clock.pendingSleeps).toBe(0);
  });

  test("firstTickAfterMs 0: the first tick runs inside start(), the next one interval later", async () => {
    const clock = new FakeClock();
    const ticks: number[] = [];
    const ticker = new Ticker(clock, 2000, () => void ticks.push(clock.monotonic()), { firstTickAfterMs: 0 });
    ticker.start();
    expect(ticks).toEqual([0]);
    await clock.advance(1999);
    expect(ticks).toEqual([0]);
    await clock.advance(1);
    expect(ticks).toEqual([0, 2000]);
    ticker.stop();
  });

  test("firstTickAfterMs: a grace period before the first tick, then one tick per interval", async () => {
    const clock = new FakeClock();
    const ticks: number[] = [];
    const ticker = new Ticker(clock, 1000, () => void ticks.push(clock.monotonic()), { firstTickAfterMs: 5000 });
    ticker.start();
    await clock.advance(7000);
    expect(ticks).toEqual([5000, 6000, 7000]);
    ticker.stop();
  });

  test("a second start while running does not start a second loop", async () => {
    const clock = new FakeClock();
    let ticks = 0;
    const ticker = new Ticker(clock, 1000, () => void ticks++);
    ticker.start();
    ticker.start();
    await clock.advance(2000);
    expect(ticks).toBe(2);
    ticker.stop();
  });

  test('a tick returning "stop" ends the ticker, and it can be started again', async () => {
    const clock = new FakeClock();
    let ticks = 0;
    const ticker = new Ticker(clock, 1000, () => (++ticks === 2 ? "stop" : undefined));
    ticker.start();
    await clock.advance(5000);
    expect(ticks).toBe(2);
    expect(ticker.running).toBe(false);
    ticker.start();
    await clock.advance(1000);
    expect(ticks).toBe(3);
    ticker.stop();
  });

  test("the time a tick takes is taken off the next sleep, so ticks stay on the interval", async () => {
    const clock = new FakeClock();
    const ticks: number[] = [];
    // A tick that takes 300 ms of (fake) time before it settles.
    const ticker = new Ticker(clock, 1000, async () => {
      ticks.push(clock.monotonic());
      await clock.sleep(300);
    });
    ticker.start();
    await clock.advance(3000);
    expect(ticks).toEqual([1000, 2000, 3000]);
    ticker.stop();
  });

  test("an async tick never overlaps the next one", async () => {
    const clock = new FakeClock();
    let running = 0;
    let overlapped = false;
    const ticker = new Ticker(clock, 100, async () => {
      overlapped ||= running > 0;
      running++;
      await clock.sleep(250);
      running--;
    });
    ticker.start();
    await clock.advance(2000);
    expect(overlapped).toBe(false);
    ticker.stop();
  });
});
