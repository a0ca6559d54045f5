import { afterAll, describe, expect, test } from "bun:test";
import { Environment } from "../../../src/core/environment.ts";
import { untilAborted } from "../../../src/core/events/until-aborted.ts";
import { configureLogging } from "../../../src/core/log.ts";
import { ProtocolUser, pickSettings, type ClientOwner } from "../../../src/core/user/protocol-user.ts";
import { task } from "../../../src/core/user/decorators.ts";
import { runUser } from "../../../src/core/user/user-loop.ts";

const logged: string[] = [];
configureLogging({ write: (line) => void logged.push(line) });
afterAll(() => configureLogging({ write: (line) => process.stderr.write(line) }));

/** A client that writes its lifecycle into a log; `connect` waits for `gate`, or until the user is force-stopped. */
class LoggingClient {
  constructor(readonly log: string[], readonly owner: ClientOwner, readonly gate: Promise<void> = Promise.resolve()) {}
  async connect(): Promise<void> {
    await untilAborted(this.gate, this.owner.signal);
    this.log.push("connect");
  }
  close(): void {
    this.log.push("close");
  }
}

/** Each case gets its own classes, so static settings never leak between tests. */
function defineUsers(log: string[], gate?: Promise<void>) {
  abstract class LoggingUser extends ProtocolUser<LoggingClient> {
    static label = "base";
    protected override createClient(settings: typeof LoggingUser): LoggingClient {
      log.push(`create ${settings.label} ${this.host}`);
      return new LoggingClient(log, this, gate);
    }
  }
  class Worker extends LoggingUser {
    static override label = "worker";
    static override host = "tcp://example";
    override onStart() {
      log.push("onStart");
    }
    override onStop() {
      log.push(`onStop connected=${log.includes("connect") && !log.includes("close")}`);
    }
    @task async work() {
      log.push("task");
      this.requestStop();
    }
  }
  class Crashing extends Worker {
    override onStart(): void {
      throw new Error("onStart failed");
    }
  }
  return { Worker, Crashing };
}

describe("ProtocolUser", () => {
  test("creates its client from the subclass's settings, opens it before onStart and closes it after onStop", async () => {
    const log: string[] = [];
    const { Worker } = defineUsers(log);
    await runUser(new Worker(new Environment()));
    expect(log).toEqual(["create worker tcp://example", "connect", "onStart", "task", "onStop connected=true", "close"]);
  });

  test("closes the client when onStart throws", async () => {
    const log: string[] = [];
    const { Crashing } = defineUsers(log);
    await runUser(new Crashing(new Environment()));
    expect(log).toEqual(["create worker tcp://example", "connect", "close"]);
    expect(logged.join("")).toContain("onStart failed");
  });

  test("closes the client after a forced stop while it is still connecting", async () => {
    const log: string[] = [];
    const { Worker } = defineUsers(log, new Promise(() => {}));
    const user = new Worker(new Environment());
    const running = runUser(user);
    user.requestStop(true);
    await running;
    expect(log).toEqual(["create worker tcp://example", "onStop connected=false", "close"]);
  });

  test("pickSettings reads inherited static settings, which a spread would miss", () => {
    const { Worker } = defineUsers([]);
    expect({ ...Worker }).not.toHaveProperty("weight");
    expect(pickSettings(Worker, ["label", "host", "weight"])).toEqual({ label: "worker", host: "tcp://example", weight: 1 });
  });
});
