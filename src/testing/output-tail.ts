/** Keeps the last `limit` bytes of a stream: a failing run's summary and failures are at the end. */
export class OutputTail {
  #chunks: Buffer[] = [];
  #size = 0;
  #dropped = false;
  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#size += chunk.length;
    while (this.#size > this.limit && this.#chunks.length > 0) {
      const first = this.#chunks[0]!;
      const excess = this.#size - this.limit;
      this.#dropped = true;
      if (first.length <= excess) {
        this.#chunks.shift();
        this.#size -= first.length;
      } else {
        this.#chunks[0] = first.subarray(excess);
        this.#size -= excess;
      }
    }
  }

  get truncated(): boolean {
    return this.#dropped;
  }

  text(): string {
    const text = Buffer.concat(this.#chunks).toString("utf8");
    // A cut through a multi-byte character leaves a replacement character at the start.
    return this.#dropped ? text.replace(/^\uFFFD+/, "") : text;
  }
}
