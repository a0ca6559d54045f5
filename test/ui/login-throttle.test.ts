import { describe, expect, test } from "bun:test";
import { LoginThrottle } from "../../src/ui/login-throttle.ts";

function createThrottle() {
  let nowMs = 0;
  const throttle = new LoginThrottle(() => nowMs);
  return { throttle, advance: (ms: number) => (nowMs += ms) };
}

const fail = (throttle: LoginThrottle, client: string, times: number) => {
  for (let i = 0; i < times; i++) throttle.recordFailure(client);
};

describe("LoginThrottle", () => {
  test("five failures are free; each further one doubles the wait, from 1 s up to 5 minutes", () => {
    const { throttle, advance } = createThrottle();
    fail(throttle, "10.0.0.1", 5);
    expect(throttle.waitMs("10.0.0.1")).toBe(0);
    const waits: number[] = [];
    for (let i = 0; i < 11; i++) {
      throttle.recordFailure("10.0.0.1");
      const wait = throttle.waitMs("10.0.0.1");
      waits.push(wait);
      advance(wait);
      expect(throttle.waitMs("10.0.0.1")).toBe(0);
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000, 300000]);
  });

  test("counts each client address on its own", () => {
    const { throttle } = createThrottle();
    fail(throttle, "10.0.0.1", 6);
    expect(throttle.waitMs("10.0.0.1")).toBe(1000);
    expect(throttle.waitMs("10.0.0.2")).toBe(0);
  });

  test("a success clears the client's failures", () => {
    const { throttle, advance } = createThrottle();
    fail(throttle, "a", 6);
    advance(1000);
    throttle.recordSuccess("a");
    fail(throttle, "a", 5);
    expect(throttle.waitMs("a")).toBe(0);
  });

  test("failures are forgotten 15 minutes after the last one", () => {
    const { throttle, advance } = createThrottle();
    fail(throttle, "a", 5);
    advance(15 * 60_000);
    throttle.recordFailure("a");
    expect(throttle.waitMs("a")).toBe(0);
  });

  test("remembers at most 10,000 addresses, dropping the oldest", () => {
    const { throttle } = createThrottle();
    fail(throttle, "first", 6);
    for (let i = 0; i < 10_000; i++) throttle.recordFailure(`client-${i}`);
    expect(throttle.size).toBe(10_000);
    expect(throttle.waitMs("first")).toBe(0);
  });
});
