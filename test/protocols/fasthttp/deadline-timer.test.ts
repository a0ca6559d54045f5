import { afterEach, beforeEach, describe, expect, test, vi } from "bun:test";
import { DeadlineTimer } from "../../../src/protocols/fasthttp/deadline-timer.ts";

describe("DeadlineTimer", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function create() {
    const expired: string[] = [];
    const timer = new DeadlineTimer("owner", (owner) => expired.push(owner));
    return { timer, expired };
  }

  test("calls back once when the deadline passes", () => {
    const { timer, expired } = create();
    timer.arm(performance.now(), 100);
    vi.advanceTimersByTime(99);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(2);
    expect(expired).toEqual(["owner"]);
    vi.advanceTimersByTime(1000);
    expect(expired).toEqual(["owner"]);
  });

  test("a deadline moved later is honoured by the running timer, which re-arms for the rest", () => {
    const { timer, expired } = create();
    timer.arm(performance.now(), 100);
    vi.advanceTimersByTime(50);
    timer.arm(performance.now(), 100);
    vi.advanceTimersByTime(60);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(45);
    expect(expired).toEqual(["owner"]);
  });

  test("an earlier deadline replaces a later timer", () => {
    const { timer, expired } = create();
    timer.arm(performance.now(), 1000);
    timer.arm(performance.now(), 10);
    vi.advanceTimersByTime(11);
    expect(expired).toEqual(["owner"]);
  });

  test("disarm and clear stop the callback; no deadline means none", () => {
    const { timer, expired } = create();
    timer.arm(performance.now(), 10);
    timer.disarm();
    vi.advanceTimersByTime(20);
    timer.arm(performance.now(), 10);
    timer.clear();
    timer.arm(performance.now(), Infinity);
    vi.advanceTimersByTime(1000);
    expect(expired).toEqual([]);
  });
});
