/**
 * Hand-driven peers for distributed-mode tests: a fake worker (a real DEALER speaking Locust's messages) to test
 * the master, and a fake master (a real ROUTER) to test the worker. Each records what it receives and can wait for
 * a message type, so tests assert the exact exchange without sleeping.
 */
import { DEFAULT_TIMINGS, type DistributedTimings } from "../../src/core/runner/distributed/protocol.ts";
import { DealerSocket, RouterSocket, decodeMessage, encodeMessage, type LocustMessage } from "../../src/core/runner/transport/index.ts";
import { waitFor } from "./wait-for.ts";

/** Timings short enough for tests: liveness in tens of milliseconds, reports every 100 ms. */
export const FAST_TIMINGS: DistributedTimings = {
  ...DEFAULT_TIMINGS,
  heartbeatIntervalMs: 20,
  reportIntervalMs: 100,
  logReportIntervalMs: 100,
  connectTimeoutMs: 200,
  connectRetryCount: 3,
  masterHeartbeatTimeoutMs: 300,
  waitForReportsAfterRampUpMs: 300,
};

/** Messages received by a fake peer, with waiting helpers. */
class Inbox {
  readonly messages: LocustMessage[] = [];

  push(payload: Uint8Array): void {
    this.messages.push(decodeMessage(payload));
  }

  /** Types received, in order. */
  get types(): string[] {
    return this.messages.map((message) => message.type);
  }

  /** Messages of `type` so far. */
  all(type: string): LocustMessage[] {
    return this.messages.filter((message) => message.type === type);
  }

  /** Waits for the `count`-th message of `type` (1 = the first ever received) and returns it. */
  async nth(type: string, count = 1): Promise<LocustMessage> {
    await waitFor(() => this.all(type).length >= count);
    return this.all(type)[count - 1]!;
  }
}

/** A worker played by the test: connects as `nodeId` and sends whatever the test says. */
export class FakeWorker implements AsyncDisposable {
  readonly inbox = new Inbox();
  readonly #dealer: DealerSocket;
  readonly nodeId: string;

  constructor(port: number, nodeId: string) {
    this.nodeId = nodeId;
    this.#dealer = new DealerSocket({ host: "127.0.0.1", port, identity: nodeId, onMessage: (p) => this.inbox.push(p) });
  }

  static async connect(port: number, nodeId: string, version: string | null = "2.46.3"): Promise<FakeWorker> {
    const worker = new FakeWorker(port, nodeId);
    await worker.#dealer.connect();
    if (version !== null) worker.send("client_ready", version);
    return worker;
  }

  send(type: string, data: unknown = null): void {
    this.#dealer.send(encodeMessage(type, data, this.nodeId));
  }

  /** Sends raw bytes as one message (for malformed-payload tests). */
  sendRaw(payload: Uint8Array): void {
    this.#dealer.send(payload);
  }

  close(): Promise<void> {
    return this.#dealer.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/** A master played by the test: a ROUTER on a free port recording every worker's messages. */
export class FakeMaster implements AsyncDisposable {
  readonly inbox = new Inbox();
  readonly #router: RouterSocket;

  private constructor(router: RouterSocket) {
    this.#router = router;
  }

  static async listen(): Promise<FakeMaster> {
    let master: FakeMaster | undefined;
    const router = await RouterSocket.listen({ hostname: "127.0.0.1", port: 0, onMessage: (_, p) => master!.inbox.push(p) });
    master = new FakeMaster(router);
    return master;
  }

  get port(): number {
    return this.#router.port;
  }

  send(nodeId: string, type: string, data: unknown = null): boolean {
    return this.#router.send(nodeId, encodeMessage(type, data, nodeId));
  }

  close(): Promise<void> {
    return this.#router.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
