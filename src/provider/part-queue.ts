/** What a PartQueue tells its producer. */
export interface PartQueueHooks {
  /** The first next(): start producing (so a stream nobody iterates never makes a call). */
  start(): void;
  /** The queue reached its high-water mark: stop reading until resume(). */
  pause(): void;
  /** The consumer drained the queue after a pause. */
  resume(): void;
  /** The consumer stopped iterating (return()) before the queue ended. */
  cancel(): void;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/**
 * An async iterator fed by push(). Everything one network read produces is pushed synchronously and
 * next() hands it out without waiting again: one promise hop per part, instead of the several a chain
 * of async generators costs.
 */
export class PartQueue<T> implements AsyncIterableIterator<T> {
  private readonly parts: T[] = [];
  /** Consumers waiting in next(); more than one only if next() is called without awaiting. */
  private readonly waiting: Array<(result: IteratorResult<T, undefined>) => void> = [];
  private started = false;
  private ended = false;
  private paused = false;

  constructor(
    private readonly hooks: PartQueueHooks,
    private readonly highWaterMark = 64,
  ) {}

  /** Adds a part for the consumer; ignored once the queue has ended. */
  push(part: T): void {
    if (this.ended) return;
    const waiter = this.waiting.shift();
    if (waiter) {
      waiter({ value: part, done: false });
      return;
    }
    this.parts.push(part);
    if (!this.paused && this.parts.length >= this.highWaterMark) {
      this.paused = true;
      this.hooks.pause();
    }
  }

  /** No more parts: the consumer gets what is queued, then done. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const waiter of this.waiting.splice(0)) waiter(DONE);
  }

  /** Ends at once, dropping whatever is queued. */
  discard(): void {
    this.parts.length = 0;
    this.end();
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (!this.started) {
      this.started = true;
      this.hooks.start();
    }
    if (this.parts.length > 0) {
      const value = this.parts.shift() as T;
      if (this.paused && this.parts.length === 0) {
        this.paused = false;
        if (!this.ended) this.hooks.resume();
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.ended) return Promise.resolve(DONE);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  return(): Promise<IteratorResult<T, undefined>> {
    const wasEnded = this.ended;
    this.discard();
    if (this.started && !wasEnded) this.hooks.cancel();
    return Promise.resolve(DONE);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
