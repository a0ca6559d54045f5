/**
 * The page's state: the latest stats frame, the chart points, table sorting, the open tab and the theme. One
 * store; components subscribe and redraw what they show.
 * @module
 */
import type { BootConfig } from "../boot-config.ts";
import type { ChartPointTuple, StatsFrame } from "../stats-frame.ts";
import type { PercentilesAnswer } from "./api.ts";

/** The page's tabs. */
export type TabName = "stats" | "charts" | "latency" | "failures" | "exceptions" | "ratios" | "workers" | "logs" | "downloads";

/** A sortable table's column and direction. */
export interface SortOrder {
  column: number;
  descending: boolean;
}

/** Everything the components render from. */
export interface AppState {
  config: BootConfig;
  frame: StatsFrame | null;
  points: ChartPointTuple[];
  /** Column index of the request table to sort by (a StatsRowTuple index), and the direction. */
  sort: SortOrder;
  /** Column of the failures table (an ErrorRowTuple index), and the direction. */
  failureSort: SortOrder;
  tab: TabName;
  theme: "light" | "dark";
  connected: boolean;
  /** Epoch ms each test began, oldest first: the charts keep earlier runs and mark where each starts. */
  runStarts: number[];
  /** Request names ticked in the table: their spectra on the Latency tab, their response times on the charts. */
  ticked: string[];
  /** The latest `/stats/percentiles` answer for the ticked names. */
  latency: PercentilesAnswer | null;
  /** Per ticked entry ("METHOD name"), its p95 by chart time (epoch ms); see latency-poll.ts. */
  rowPoints: Record<string, Record<number, number>>;
  /** A problem to show in the header (a button's request that failed), or null. */
  notice: string | null;
}

const isActive = (frame: StatsFrame | null) => frame?.state === "spawning" || frame?.state === "running";

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

  /**
   * Folds a frame from the server in. Points of earlier runs stay (as in Locust's charts); the server's history
   * (first frame after a connect) replaces only the points it covers. A test starting adds a run marker.
   */
  receiveFrame(frame: StatsFrame): void {
    const { frame: previous, runStarts } = this.#state;
    let points = this.#state.points;
    if (frame.history) {
      const first = frame.history[0]?.[0] ?? Number.POSITIVE_INFINITY;
      points = [...points.filter((p) => p[0] < first), ...frame.history];
    }
    if (frame.point) points = [...points, frame.point].slice(-MAX_POINTS);
    // A new test clears the stats, so its statsStart is when it began (also for a page opened mid-test).
    const start = frame.statsStart * 1000;
    const marks = isActive(frame) && !isActive(previous) && runStarts.at(-1) !== start ? [...runStarts, start] : runStarts;
    this.update({ frame, points, runStarts: marks });
  }
}
