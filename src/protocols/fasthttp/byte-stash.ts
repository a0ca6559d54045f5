/**
 * Bytes kept between socket chunks while a line-oriented parser state waits for the rest of its line.
 * Grows by doubling, so a peer that sends one byte at a time still costs linear time.
 */
export class ByteStash {
  #bytes = new Uint8Array(0);
  #length = 0;

  /** Number of bytes held. */
  get length(): number {
    return this.#length;
  }

  /** Drops everything. */
  clear(): void {
    this.#length = 0;
  }

  /** Appends `bytes`; returns a view of everything held (valid until the next change). */
  append(bytes: Uint8Array): Uint8Array {
    const needed = this.#length + bytes.length;
    if (needed > this.#bytes.length) {
      const grown = new Uint8Array(Math.max(needed, this.#bytes.length * 2, 256));
      grown.set(this.#bytes.subarray(0, this.#length));
      this.#bytes = grown;
    }
    this.#bytes.set(bytes, this.#length);
    this.#length = needed;
    return this.#bytes.subarray(0, needed);
  }

  /** Drops the first `count` bytes. */
  discardFront(count: number): void {
    if (count <= 0) return;
    this.#bytes.copyWithin(0, count, this.#length);
    this.#length -= count;
  }
}
