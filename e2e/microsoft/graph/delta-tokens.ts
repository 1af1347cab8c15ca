import { randomBytes } from "node:crypto";
import type { StoredEvent } from "../calendars/model";

/**
 * The server side of calendarView delta's state tokens (https://learn.microsoft.com/graph/delta-query-overview):
 * "state tokens are completely opaque to the client". A $skiptoken or $deltatoken is only a random id into this
 * map; the window, the journal position and the ids already reported stay here, so a client can neither read nor
 * forge them. Tokens live until expire() (the control API's stand-in for Exchange dropping its sync state) or reset.
 */

export interface DeltaWindow {
  /** The mailbox (user id) and calendar the round tracks. */
  mailboxId: string;
  calendarId: string;
  from: Date;
  to: Date;
}

/** Where a finished round left off: the next round reports what differs from this. */
export interface SyncState extends DeltaWindow {
  /** The calendar store journal's sequence when the round started. */
  sequence: number;
  /** Each event id reported as present, with the change key it had. */
  reported: Map<string, string>;
}

export type DeltaItem = { kind: "event"; event: StoredEvent } | { kind: "removed"; id: string };

/** One round of delta calls: the items it reports, page by page, and the state its deltaLink hands on. */
export interface DeltaRound {
  items: DeltaItem[];
  next: SyncState;
}

export type DeltaTarget = { kind: "page"; round: DeltaRound; offset: number } | { kind: "delta"; state: SyncState };

export class DeltaTokens {
  private targets = new Map<string, DeltaTarget>();

  private issue(target: DeltaTarget): string {
    const token = randomBytes(24).toString("base64url");
    this.targets.set(token, target);
    return token;
  }

  /** A $skiptoken: the rest of the round from `offset`. */
  pageToken(round: DeltaRound, offset: number): string {
    return this.issue({ kind: "page", round, offset });
  }

  /** A $deltatoken: the next round starts from this state. */
  deltaToken(state: SyncState): string {
    return this.issue({ kind: "delta", state });
  }

  resolve(token: string, kind: DeltaTarget["kind"]): DeltaTarget | undefined {
    const target = this.targets.get(token);
    return target?.kind === kind ? target : undefined;
  }

  /** Forgets every token (or one mailbox's): using one afterwards is 410 SyncStateNotFound. Answers how many. */
  expire(mailboxId?: string): number {
    let expired = 0;
    for (const [token, target] of this.targets) {
      const window = target.kind === "page" ? target.round.next : target.state;
      if (mailboxId !== undefined && window.mailboxId !== mailboxId) continue;
      this.targets.delete(token);
      expired += 1;
    }
    return expired;
  }

  clear(): void {
    this.targets.clear();
  }
}
