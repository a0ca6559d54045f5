import type { BodyConsumer, Connection } from "./connection.ts";
import { createStreamDecoder, type StreamDecoder } from "./content-decoding.ts";

/**
 * The body of a `stream` request as a `ReadableStream`: pieces from the connection are decoded (Content-Encoding)
 * and enqueued. Pieces that arrive before the head is handed over wait until {@link StreamedBody.start}.
 * Cancelling the stream closes the connection, so an endless body (e.g. server-sent events) does not keep it.
 */
export class StreamedBody implements BodyConsumer {
  readonly stream: ReadableStream<Uint8Array>;
  #controller!: ReadableStreamDefaultController<Uint8Array>;
  #decoder: StreamDecoder | null = null;
  #early: Uint8Array[] = [];
  #endedEarly = false;
  #done = false;
  #connection: Connection | null = null;
  #touched = false;

  constructor() {
    this.stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.#controller = controller;
      },
      cancel: () => {
        this.#done = true;
        this.#connection?.close();
      },
    });
  }

  /** True once any body byte arrived (such a request is not retried). */
  get touched(): boolean {
    return this.#touched;
  }

  bind(connection: Connection): void {
    this.#connection = connection;
  }

  /** The head is known: decode per `contentEncoding` from now on, failing past `maxBytes` decoded. */
  start(contentEncoding: string | undefined, maxBytes: number): void {
    const controller = this.#controller;
    const enqueue = (piece: Uint8Array) => {
      if (!this.#done) controller.enqueue(piece);
    };
    const close = () => {
      if (this.#done) return;
      this.#done = true;
      controller.close();
    };
    try {
      this.#decoder = contentEncoding ? createStreamDecoder(contentEncoding, enqueue, close, (err) => this.fail(err), maxBytes) : { write: enqueue, end: close };
    } catch (err) {
      this.fail(err as Error);
      return;
    }
    for (const piece of this.#early) this.#decoder.write(piece);
    this.#early = [];
    if (this.#endedEarly) this.#decoder.end();
  }

  push(piece: Uint8Array): void {
    this.#touched = true;
    if (this.#decoder) this.#decoder.write(piece);
    else this.#early.push(piece);
  }

  end(): void {
    if (this.#decoder) this.#decoder.end();
    else this.#endedEarly = true;
  }

  fail(error: Error): void {
    if (this.#done) return;
    this.#done = true;
    this.#controller.error(error);
  }
}
