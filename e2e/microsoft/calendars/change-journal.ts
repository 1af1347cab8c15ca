import type { StoredEvent } from "./model";

/**
 * Every write to a calendar's events, numbered: what delta tokens (graph/calendar-view-delta.ts) and change
 * notifications (subscriptions/) read. Exchange keeps such a journal per folder; here one sequence counts every
 * calendar's writes, so "what changed since N" is a question any token can ask.
 */

export type ChangeKind = "created" | "updated" | "deleted";

export interface CalendarChange {
  /** Monotonically increasing across the store. */
  sequence: number;
  kind: ChangeKind;
  calendarId: string;
  /** The mailbox (user id) whose calendar changed. */
  mailboxId: string;
  eventId: string;
  /** The event's type when it changed (a series master's changes reach its occurrences). */
  eventType: StoredEvent["type"];
  /** Its change key after the write (before a delete): the notification's @odata.etag. */
  changeKey: string;
  at: Date;
}

export type ChangeListener = (change: CalendarChange) => void;

export class ChangeJournal {
  private entries: CalendarChange[] = [];
  private listeners: ChangeListener[] = [];
  private last = 0;

  /** The sequence of the latest write (0 before any). */
  get sequence(): number {
    return this.last;
  }

  record(kind: ChangeKind, event: StoredEvent): CalendarChange {
    this.last += 1;
    const change: CalendarChange = {
      sequence: this.last,
      kind,
      calendarId: event.calendarId,
      mailboxId: event.mailboxId,
      eventId: event.id,
      eventType: event.type,
      changeKey: event.changeKey,
      at: new Date(),
    };
    this.entries.push(change);
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        // A listener's failure must not fail the write that caused it.
        console.error("[microsoft-emulator] change listener failed:", error);
      }
    }
    return change;
  }

  /** Changes to one calendar after `sequence`, oldest first. */
  since(calendarId: string, sequence: number): CalendarChange[] {
    return this.entries.filter((change) => change.sequence > sequence && change.calendarId === calendarId);
  }

  /** Called synchronously on every write: notifications are queued from here, whoever wrote. */
  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }
}
