/**
 * One piece of work in flight per key: callers that ask for the same key while it runs share its promise instead of
 * starting it again (token renewals, identical calendar reads from many viewers). Nothing is kept once it settles:
 * this is not a cache, so nobody is ever given an answer older than their own question.
 */
export class SingleFlight<T> {
  private readonly running = new Map<string, Promise<T>>();

  run(key: string, work: () => Promise<T>): Promise<T> {
    const pending = this.running.get(key);
    if (pending) return pending;
    const started = work().finally(() => this.running.delete(key));
    this.running.set(key, started);
    return started;
  }

  /** The work in flight for a key, if any, to join without starting anything. */
  joinable(key: string): Promise<T> | undefined {
    return this.running.get(key);
  }
}
