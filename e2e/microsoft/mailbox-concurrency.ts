/**
 * Outlook's MailboxConcurrency limit: an app may have 4 requests in flight against one mailbox; the next one is
 * refused with 429 ApplicationThrottled (https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits).
 * The tracker also remembers the highest concurrency each mailbox saw, refused requests included, so tests can
 * assert how many requests the hub had in flight.
 */
export class MailboxConcurrency {
  private readonly inFlight = new Map<string, number>();
  private readonly highest = new Map<string, number>();

  /**
   * Counts a request in. Returns the function that counts it out, or null when it would exceed `limit`
   * (0: no limit).
   */
  enter(clientId: string, mailbox: string, limit: number): (() => void) | null {
    const key = `${clientId} ${mailbox}`;
    const concurrent = (this.inFlight.get(key) ?? 0) + 1;
    this.highest.set(mailbox, Math.max(this.highest.get(mailbox) ?? 0, concurrent));
    if (limit > 0 && concurrent > limit) return null;
    this.inFlight.set(key, concurrent);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const remaining = (this.inFlight.get(key) ?? 1) - 1;
      if (remaining > 0) this.inFlight.set(key, remaining);
      else this.inFlight.delete(key);
    };
  }

  /** Highest concurrent requests seen, by mailbox address. */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.highest);
  }

  clear(): void {
    this.highest.clear();
  }
}
