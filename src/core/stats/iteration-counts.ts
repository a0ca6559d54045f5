/**
 * Arrival-rate iterations of a run: started ones, and dropped ones (due while every user of the pool was busy and
 * the pool at its ceiling). k6 calls the latter `dropped_iterations`.
 */
export class IterationCounts {
  started = 0;
  dropped = 0;

  reset(): void {
    this.started = 0;
    this.dropped = 0;
  }
}
