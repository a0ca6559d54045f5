/**
 * A FIFO of received bytes that a streaming parser reads from: chunks are kept as they arrived and joined only
 * when a read spans several of them, so a large frame arriving in many chunks is copied once, not once per chunk.
 */
export class ByteQueue {
  #chunks: Uint8Array[] = [];
  /** Bytes of the first chunk already read. */
  #head = 0;
  #size = 0;

  /** Bytes available to read. */
  get size(): number {
    return this.#size;
  }

  /** Appends a chunk; the queue keeps a reference, so the caller must not reuse its memory. */
  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#size += chunk.length;
  }

  /** The byte at `index` from the front, without consuming it; `index` must be below `size`. */
  peek(index: number): number {
    let offset = index + this.#head;
    for (const chunk of this.#chunks) {
      if (offset < chunk.length) return chunk[offset]!;
      offset -= chunk.length;
    }
    throw new RangeError(`peek(${index}) past the ${this.#size} queued bytes`);
  }

  /** Removes and returns the first `count` bytes (a view when they lie in one chunk, else a copy). */
  take(count: number): Uint8Array {
    if (count > this.#size) throw new RangeError(`take(${count}) past the ${this.#size} queued bytes`);
    this.#size -= count;
    const first = this.#chunks[0];
    if (first === undefined) return new Uint8Array(0);
    if (first.length - this.#head >= count) return this.#takeFromFirst(count);
    const out = new Uint8Array(count);
    let filled = 0;
    while (filled < count) {
      const chunk = this.#chunks[0]!;
      const n = Math.min(chunk.length - this.#head, count - filled);
      out.set(chunk.subarray(this.#head, this.#head + n), filled);
      filled += n;
      this.#advance(chunk, n);
    }
    return out;
  }

  #takeFromFirst(count: number): Uint8Array {
    const chunk = this.#chunks[0]!;
    const view = chunk.subarray(this.#head, this.#head + count);
    this.#advance(chunk, count);
    return view;
  }

  #advance(chunk: Uint8Array, count: number): void {
    this.#head += count;
    if (this.#head === chunk.length) {
      this.#chunks.shift();
      this.#head = 0;
    }
  }
}
