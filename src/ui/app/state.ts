/**
 * The page's state: the latest stats frame, the chart points, table sorting, the open tab and the theme. One
 * store; components subscribe and redraw what they show.
 * @module
 */
import type { BootConfig } from "../boot-config.ts";
import type { ChartPointTuple, StatsFrame } from "../stats-frame.ts";

/** The page's tabs. */
export type TabName = "stats" | "charts" | "failures" | "exceptions" | "workers" | "logs" | "downloads";

/** Everything the components render from. */
export interface AppState {
  config: BootConfig;
  frame: StatsFrame | null;
  points: ChartPointTuple[];
  /** Column index of the request table to sort by (a StatsRowTuple index), and the direction. */
  sort: { column: number; descending: boolean };
  tab: TabName;
  theme: "light" | "dark";
  connected: boolean;
}

/** Chart points kept in the page (a day at one per second would be too many; 2 hours is plenty to look at). */
const MAX_POINTS = 7200;

type Listener = (state: AppState) => void;

/** A tiny observable store. */
export class Store {
  #state: AppState;
  readonly #listeners = new Set<Listener>();

  constructor(initial: AppState) {
    this.#state = initial;
  }

  get state(): AppState {
    return this.#state;
  }

  subscribe(listener: Listener): void {
    this.#listeners.add(listener);
  }

  update(patch: Partial<AppState>): void {
    this.#state = { ...this.#state, ...patch };
    for (const listener of this.#listeners) listener(this.#state);
  }

  /** Folds a frame from the server in: history replaces the points, a new stats start clears them. */
  receiveFrame(frame: StatsFrame): void {
    const previous = this.#state.frame;
    let points = this.#state.points;
    if (frame.history) points = [...frame.history];
    else if (previous && previous.statsStart !== frame.statsStart) points = [];
    if (frame.point) points = [...points, frame.point].slice(-MAX_POINTS);
    this.update({ frame, points });
  }
}
