/**
 * At most `limit` tasks running at once per key (for Graph: per mailbox, which Microsoft throttles beyond 4 concurrent
 * requests per app). Tasks over the limit wait their turn, first come first served; a finishing task hands its slot
 * straight to the next waiter, so a newcomer can never slip in between.
 */
export class KeyedLimiter {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly limit: number) {}

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const count = this.running.get(key) ?? 0;
    if (count >= this.limit) {
      await new Promise<void>((resolve) => {
        const queue = this.waiting.get(key) ?? [];
        queue.push(resolve);
        this.waiting.set(key, queue);
      });
    } else {
      this.running.set(key, count + 1);
    }
    try {
      return await task();
    } finally {
      const queue = this.waiting.get(key);
      const next = queue?.shift();
      if (queue && queue.length === 0) this.waiting.delete(key);
      if (next) {
        next();
      } else {
        const left = (this.running.get(key) ?? 1) - 1;
        if (left === 0) this.running.delete(key);
        else this.running.set(key, left);
      }
    }
  }

  /** For tests and diagnostics. */
  inFlight(key: string): number {
    return this.running.get(key) ?? 0;
  }
}
