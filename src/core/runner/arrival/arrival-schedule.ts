/**
 * The exact timetable of an arrival rate: iteration n is due at the moment the integral of the rate reaches n.
 * Times are computed from where the current rate began, never by adding up timer intervals, so timer jitter
 * cannot make the schedule drift; after a stall exactly the iterations whose time has passed are due (what the
 * rate owes), never more. Pure: the caller passes the monotonic time (ms).
 */
export class ArrivalSchedule {
  /** Iterations handed out so far. */
  #issued = 0;
  /** Where the current rate began: its monotonic time and the (fractional) iteration position reached then. */
  #segmentMs = 0;
  #segmentPosition = 0;
  /** Iterations per millisecond; 0 = paused. */
  #perMs = 0;

  /** Iterations handed out by {@link take} since the schedule began. */
  get issued(): number {
    return this.#issued;
  }

  /** Iterations per second now. */
  get rate(): number {
    return this.#perMs * 1000;
  }

  /** Starts the timetable at `nowMs` with `perSecond` iterations per second; the first iteration is due at once. */
  begin(perSecond: number, nowMs: number): void {
    this.#issued = 0;
    this.#segmentMs = nowMs;
    this.#segmentPosition = 0;
    this.#perMs = perSecond / 1000;
  }

  /**
   * Changes the rate from `nowMs` on: what was owed until then at the old rate stays owed, later iterations follow
   * the new rate (a ramp is a series of such changes).
   */
  setRate(perSecond: number, nowMs: number): void {
    this.#segmentPosition = this.#positionAt(nowMs);
    this.#segmentMs = nowMs;
    this.#perMs = perSecond / 1000;
  }

  /** When the next iteration is due (monotonic ms); Infinity while the rate is 0. */
  nextDueMs(): number {
    const ahead = this.#issued - this.#segmentPosition;
    if (this.#perMs <= 0) return ahead < 0 ? this.#segmentMs : Infinity;
    return ahead <= 0 ? this.#segmentMs : this.#segmentMs + ahead / this.#perMs;
  }

  /**
   * Hands out every iteration due by `nowMs`, oldest first, with the time it was due; returns how many. Called on
   * the scheduler's tick: no allocation.
   */
  take(nowMs: number, start: (dueMs: number) => void): number {
    let count = 0;
    for (let due = this.nextDueMs(); due <= nowMs; due = this.nextDueMs()) {
      this.#issued++;
      count++;
      start(due);
    }
    return count;
  }

  #positionAt(nowMs: number): number {
    return this.#segmentPosition + Math.max(0, nowMs - this.#segmentMs) * this.#perMs;
  }
}
