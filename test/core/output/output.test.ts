import { describe, expect, test } from "bun:test";
import { OutputList, OutputsFailed, type Output } from "../../../src/core/output/index.ts";

/** An output that writes what happens to it into a shared log, and can be told to fail a step. */
function recording(name: string, log: string[], fail: Partial<Record<"start" | "stop" | "flush", string>> = {}): Output {
  const act = (step: "start" | "stop" | "flush") => () => {
    log.push(`${step} ${name}`);
    if (fail[step]) throw new Error(fail[step]);
  };
  return { name, start: act("start"), stop: act("stop"), flush: act("flush") };
}

describe("OutputList", () => {
  test("starts in the order added, then stops and flushes each in reverse", async () => {
    const log: string[] = [];
    const outputs = new OutputList().add(recording("web", log)).add(undefined).add(recording("console", log)).add(recording("csv", log));
    await outputs.start();
    await outputs.stop();
    expect(log).toEqual(["start web", "start console", "start csv", "stop csv", "flush csv", "stop console", "flush console", "stop web", "flush web"]);
  });

  test("every output is stopped even when others fail, and all failures come back together", async () => {
    const log: string[] = [];
    const outputs = new OutputList()
      .add(recording("web", log, { stop: "port gone" }))
      .add(recording("console", log))
      .add(recording("csv", log, { flush: "disk full" }));
    await outputs.start();
    const error = await outputs.stop().catch((err: unknown) => err);
    expect(log).toEqual(["start web", "start console", "start csv", "stop csv", "flush csv", "stop console", "flush console", "stop web", "flush web"]);
    expect(error).toBeInstanceOf(OutputsFailed);
    const failed = error as OutputsFailed;
    expect(failed.message).toBe("csv: disk full; web: port gone");
    expect(failed.failures.map((f) => [f.output, (f.error as Error).message])).toEqual([
      ["csv", "disk full"],
      ["web", "port gone"],
    ]);
    expect((failed.cause as AggregateError).errors).toEqual(failed.failures.map((f) => f.error));
  });

  test("an output that fails to start stops those already started, in reverse, and its error is thrown", async () => {
    const log: string[] = [];
    const outputs = new OutputList().add(recording("web", log)).add(recording("console", log)).add(recording("csv", log, { start: "no folder" }));
    await expect(outputs.start()).rejects.toThrow("no folder");
    expect(log).toEqual(["start web", "start console", "start csv", "stop console", "flush console", "stop web", "flush web"]);
  });

  test("a second stop does nothing: each output is stopped once", async () => {
    const log: string[] = [];
    const outputs = new OutputList().add(recording("csv", log));
    await outputs.start();
    await outputs.stop();
    await outputs.stop();
    expect(log).toEqual(["start csv", "stop csv", "flush csv"]);
  });

  test("an output without flush is only stopped", async () => {
    const log: string[] = [];
    const outputs = new OutputList().add({ name: "plain", start: () => void log.push("start"), stop: () => void log.push("stop") });
    await outputs.start();
    await outputs.stop();
    expect(log).toEqual(["start", "stop"]);
  });
});
