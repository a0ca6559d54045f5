import { describe, expect, test } from "bun:test";
import { ArrivalSchedule } from "../../../../src/core/runner/arrival/arrival-schedule.ts";

function dueTimes(schedule: ArrivalSchedule, nowMs: number): number[] {
  const times: number[] = [];
  schedule.take(nowMs, (due) => times.push(due));
  return times;
}

describe("ArrivalSchedule", () => {
  test("hands out iterations at exactly the rate, each with its own due time", () => {
    const schedule = new ArrivalSchedule();
    schedule.begin(4, 1000);
    expect(dueTimes(schedule, 1000)).toEqual([1000]);
    expect(dueTimes(schedule, 1600)).toEqual([1250, 1500]);
    expect(dueTimes(schedule, 2000)).toEqual([1750, 2000]);
    expect(schedule.issued).toBe(5);
    expect(schedule.nextDueMs()).toBe(2250);
  });

  test("does not drift with irregular wake-ups: 1000 ticks of jitter still give rate × time", () => {
    const schedule = new ArrivalSchedule();
    schedule.begin(1000, 0);
    let now = 0;
    for (let i = 0; i < 1000; i++) {
      now += 0.3 + ((i * 7919) % 13) / 10; // 0.3 .. 1.5 ms steps
      schedule.take(now, () => {});
    }
    expect(schedule.issued).toBe(Math.floor(now) + 1);
  });

  test("after a stall it owes exactly what the rate owes, no more, then keeps the same timetable", () => {
    const schedule = new ArrivalSchedule();
    schedule.begin(100, 0);
    dueTimes(schedule, 0);
    const burst = dueTimes(schedule, 500); // a 500 ms stall of the event loop
    expect(burst.length).toBe(50);
    expect(burst[0]).toBe(10);
    expect(burst.at(-1)).toBe(500);
    expect(dueTimes(schedule, 505)).toEqual([]);
    expect(dueTimes(schedule, 510)).toEqual([510]);
  });

  test("a rate change keeps what was owed and follows the new rate from then on (a ramp)", () => {
    const schedule = new ArrivalSchedule();
    schedule.begin(10, 0);
    let total = 0;
    for (let second = 0; second < 5; second++) {
      schedule.setRate(10 * (second + 1), second * 1000); // 10, 20, 30, 40, 50 /s
      total += dueTimes(schedule, second * 1000 + 999.999).length;
    }
    expect(total).toBe(10 + 20 + 30 + 40 + 50);
  });

  test("a rate of 0 pauses; a later rate resumes from that moment", () => {
    const schedule = new ArrivalSchedule();
    schedule.begin(0, 0);
    expect(dueTimes(schedule, 10_000)).toEqual([]);
    expect(schedule.nextDueMs()).toBe(Infinity);
    schedule.setRate(2, 10_000);
    expect(dueTimes(schedule, 11_000)).toEqual([10_000, 10_500, 11_000]);
  });
});
