/**
 * The contract every run output meets (console table, CSV files, web UI), and the list a run keeps of them.
 * k6's output manager is the model: start in order, stop and flush in reverse, and a failing output never keeps the
 * others from finishing.
 * @module
 */
import { LocustError } from "../errors.ts";

/** Something that reads the stats while a run goes and writes them somewhere. */
export interface Output {
  /** How log lines and errors name it, e.g. `"--csv"`. */
  readonly name: string;
  /** Starts the periodic work; called once, before the load starts. */
  start(): void | Promise<void>;
  /** Stops the periodic work; no write may happen after it resolves, except {@link Output.flush}. */
  stop(): void | Promise<void>;
  /** The final write (normal end, Ctrl-C, SIGTERM), after `stop()`. */
  flush?(): void | Promise<void>;
}

/** One output's failure inside an {@link OutputsFailed}. */
export interface OutputFailure {
  output: string;
  error: unknown;
}

/** Raised by {@link OutputList.stop} after every output was stopped, listing each one that failed. */
export class OutputsFailed extends LocustError {
  readonly failures: readonly OutputFailure[];
  constructor(failures: readonly OutputFailure[]) {
    const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));
    super(failures.map((f) => `${f.output}: ${reason(f.error)}`).join("; "), {
      code: "OUTPUTS_FAILED",
      cause: new AggregateError(failures.map((f) => f.error)),
    });
    this.failures = failures;
  }
}

/** The outputs of one run, started in the order added and stopped (then flushed) in reverse. */
export class OutputList {
  readonly #outputs: Output[] = [];
  #started: Output[] = [];

  /** Adds an output; `undefined` is skipped, so optional outputs read as one list. */
  add(output: Output | undefined): this {
    if (output) this.#outputs.push(output);
    return this;
  }

  /** Starts every output in order (call it once); when one fails, stops those already started (in reverse) and rethrows. */
  async start(): Promise<void> {
    for (const output of this.#outputs) {
      try {
        await output.start();
      } catch (err) {
        // The failure to start is what the user must see; a stop failure on the way out would only hide it.
        await this.stop().catch(() => {});
        throw err;
      }
      this.#started.push(output);
    }
  }

  /**
   * Stops and flushes every started output, last started first. Every output gets its turn even when an earlier one
   * fails; the failures are thrown together afterwards as one {@link OutputsFailed}.
   */
  async stop(): Promise<void> {
    const failures: OutputFailure[] = [];
    const started = this.#started.reverse();
    this.#started = [];
    for (const output of started) {
      for (const step of [() => output.stop(), () => output.flush?.()]) {
        try {
          await step();
        } catch (error) {
          failures.push({ output: output.name, error });
        }
      }
    }
    if (failures.length > 0) throw new OutputsFailed(failures);
  }
}
