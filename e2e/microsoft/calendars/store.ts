import { ChangeJournal } from "./change-journal";
import { calendarId, newChangeKey, newEventId, newICalUId, occurrenceICalUId, occurrenceId, parseOccurrenceId } from "./ids";
import type { CalendarShare, EventFields, StoredCalendar, StoredEvent } from "./model";
import { providersFor, type OnlineMeetingSettings } from "./online-meetings";
import { isOccurrenceOf, occurrenceStarts, seriesZone } from "./recurrence";
import { localDate } from "./time-zones";

interface CalendarOptions {
  isDefault?: boolean;
  color?: string;
  hexColor?: string;
  /** Default: a Teams tenant's work mailbox. */
  onlineMeetings?: OnlineMeetingSettings;
}

/**
 * The stored events by id, indexed by calendar and by series (exceptions), so a calendar's read does not scan every
 * event of every mailbox (the bench stores tens of thousands). Events are re-indexed whenever they are set again.
 */
class IndexedEvents extends Map<string, StoredEvent> {
  private readonly calendars = new Map<string, Map<string, StoredEvent>>();
  private readonly exceptions = new Map<string, Map<string, StoredEvent>>();

  override set(id: string, event: StoredEvent): this {
    const old = this.get(id);
    // Set again in place (an update keeps its position); moved to another calendar or series: out of the old one.
    if (old && old.calendarId !== event.calendarId) this.calendars.get(old.calendarId)?.delete(id);
    if (old?.seriesMasterId && (old.seriesMasterId !== event.seriesMasterId || event.type !== "exception")) this.exceptions.get(old.seriesMasterId)?.delete(id);
    super.set(id, event);
    const inCalendar = this.calendars.get(event.calendarId) ?? new Map<string, StoredEvent>();
    inCalendar.set(id, event);
    this.calendars.set(event.calendarId, inCalendar);
    if (event.type === "exception" && event.seriesMasterId) {
      const ofSeries = this.exceptions.get(event.seriesMasterId) ?? new Map<string, StoredEvent>();
      ofSeries.set(id, event);
      this.exceptions.set(event.seriesMasterId, ofSeries);
    }
    return this;
  }

  override delete(id: string): boolean {
    const old = this.get(id);
    if (old) {
      this.calendars.get(old.calendarId)?.delete(id);
      if (old.seriesMasterId) this.exceptions.get(old.seriesMasterId)?.delete(id);
    }
    return super.delete(id);
  }

  override clear(): void {
    this.calendars.clear();
    this.exceptions.clear();
    super.clear();
  }

  /** In creation order, as the map holds them. */
  ofCalendar(calendarId: string): StoredEvent[] {
    return [...(this.calendars.get(calendarId)?.values() ?? [])];
  }

  exceptionsOf(masterId: string): StoredEvent[] {
    return [...(this.exceptions.get(masterId)?.values() ?? [])];
  }
}

/**
 * Every mailbox's calendars, the shares between mailboxes and the events, in memory. Series masters are stored;
 * their occurrences are computed on read and become stored exceptions when changed. Every write to an event goes
 * through here and is recorded in the journal, whichever path made it (Graph, rooms answering, control seeds).
 */
export class CalendarStore {
  private readonly calendars: StoredCalendar[] = [];
  private readonly shares: CalendarShare[] = [];
  private readonly events = new IndexedEvents();
  /** Windows time-zone name of each mailbox's working hours (mailboxSettings), by user id. */
  readonly mailboxTimeZones = new Map<string, string>();
  /** Creates, updates and deletes of events, numbered (delta tokens and change notifications read it). */
  readonly journal = new ChangeJournal();

  addCalendar(ownerId: string, name: string, options: CalendarOptions = {}): StoredCalendar {
    const calendar: StoredCalendar = {
      ...(options.onlineMeetings ?? providersFor({ kind: "work" })),
      id: calendarId(ownerId, name),
      ownerId,
      name,
      color: options.color ?? "auto",
      hexColor: options.hexColor ?? "",
      isDefault: options.isDefault ?? false,
      changeKey: newChangeKey(),
    };
    this.calendars.push(calendar);
    return calendar;
  }

  calendarsOf(ownerId: string): StoredCalendar[] {
    return this.calendars.filter((calendar) => calendar.ownerId === ownerId);
  }

  calendar(id: string): StoredCalendar | undefined {
    return this.calendars.find((calendar) => calendar.id === id);
  }

  defaultCalendar(ownerId: string): StoredCalendar | undefined {
    return this.calendars.find((calendar) => calendar.ownerId === ownerId && calendar.isDefault);
  }

  calendarByName(ownerId: string, name: string): StoredCalendar | undefined {
    const wanted = name.toLowerCase();
    return this.calendarsOf(ownerId).find((calendar) => calendar.name.toLowerCase() === wanted);
  }

  /** Shares a calendar with a user, or changes an existing share's rights. */
  share(calendarId: string, userId: string, canEdit: boolean): CalendarShare {
    const existing = this.shareFor(calendarId, userId);
    if (existing) {
      existing.canEdit = canEdit;
      return existing;
    }
    const share = { calendarId, userId, canEdit };
    this.shares.push(share);
    return share;
  }

  shareFor(calendarId: string, userId: string): CalendarShare | undefined {
    return this.shares.find((share) => share.calendarId === calendarId && share.userId === userId);
  }

  /** Forgets a deleted mailbox: its calendars, their events and shares, and the shares it was given. */
  removeOwner(ownerId: string): void {
    const owned = new Set(this.calendarsOf(ownerId).map((calendar) => calendar.id));
    for (const [id, event] of this.events) {
      if (!owned.has(event.calendarId)) continue;
      this.events.delete(id);
      this.journal.record("deleted", event);
    }
    const keptShares = this.shares.filter((share) => !owned.has(share.calendarId) && share.userId !== ownerId);
    this.shares.splice(0, this.shares.length, ...keptShares);
    const keptCalendars = this.calendars.filter((calendar) => !owned.has(calendar.id));
    this.calendars.splice(0, this.calendars.length, ...keptCalendars);
    this.mailboxTimeZones.delete(ownerId);
  }

  /** `iCalUId`: an attendee's copy of a meeting has the organizer's. */
  createEvent(calendar: StoredCalendar, fields: EventFields, iCalUId: string = newICalUId()): StoredEvent {
    const now = new Date();
    const event: StoredEvent = {
      ...fields,
      id: newEventId(),
      calendarId: calendar.id,
      mailboxId: calendar.ownerId,
      iCalUId,
      type: fields.recurrence ? "seriesMaster" : "singleInstance",
      seriesMasterId: null,
      originalStart: null,
      deletedOccurrences: [],
      createdDateTime: now,
      lastModifiedDateTime: now,
      changeKey: newChangeKey(),
    };
    this.events.set(event.id, event);
    this.journal.record("created", event);
    return event;
  }

  /** Stored events (masters, single instances, exceptions) of one calendar, in creation order. */
  storedEvents(calendarId: string): StoredEvent[] {
    return this.events.ofCalendar(calendarId);
  }

  replaceEvents(calendarId: string, fields: EventFields[]): StoredEvent[] {
    for (const event of this.storedEvents(calendarId)) {
      this.events.delete(event.id);
      this.journal.record("deleted", event);
    }
    const calendar = this.calendar(calendarId);
    if (!calendar) throw new Error(`Unknown calendar ${calendarId}`);
    return fields.map((entry) => this.createEvent(calendar, entry));
  }

  /** The mailbox's earlier create with this transactionId, if any. */
  byTransactionId(mailboxId: string, transactionId: string): StoredEvent | undefined {
    return [...this.events.values()].find((event) => event.mailboxId === mailboxId && event.transactionId === transactionId);
  }

  /** The calendar's meeting (single event or series master) with this iCalUId: an attendee's copy of it. */
  byICalUId(calendarId: string, iCalUId: string): StoredEvent | undefined {
    return this.storedEvents(calendarId).find((event) => event.iCalUId === iCalUId && event.type !== "exception");
  }

  /** Every mailbox's single events and series masters with this iCalUId: a meeting and its attendees' copies. */
  meetingCopies(iCalUId: string): StoredEvent[] {
    return [...this.events.values()].filter((event) => event.iCalUId === iCalUId && event.type !== "exception");
  }

  /** The series' occurrence or exception at this original start, unless it was deleted. */
  instanceOf(master: StoredEvent, originalStart: Date): StoredEvent | undefined {
    const exception = [...this.events.values()].find(
      (event) => event.type === "exception" && event.seriesMasterId === master.id && event.originalStart?.getTime() === originalStart.getTime(),
    );
    return exception ?? this.event(occurrenceId(master.id, originalStart));
  }

  /** The series' exceptions (occurrences changed on their own). */
  exceptionsOf(masterId: string): StoredEvent[] {
    return this.events.exceptionsOf(masterId);
  }

  /** A stored event or a computed occurrence. */
  event(id: string): StoredEvent | undefined {
    const stored = this.events.get(id);
    if (stored) return stored;
    const parsed = parseOccurrenceId(id);
    if (!parsed) return undefined;
    const master = this.events.get(parsed.masterId);
    if (!master || master.type !== "seriesMaster") return undefined;
    const start = parsed.originalStart.getTime();
    if (master.deletedOccurrences.includes(start) || this.exceptionStarts(master.id).has(start)) return undefined;
    return isOccurrenceOf(master, parsed.originalStart) ? this.occurrence(master, parsed.originalStart) : undefined;
  }

  /** Applies changes; changing an occurrence turns it into a stored exception (https://learn.microsoft.com/graph/api/event-update). */
  updateEvent(event: StoredEvent, changes: Partial<EventFields>): StoredEvent {
    const now = new Date();
    if (event.type === "occurrence") {
      const exception: StoredEvent = { ...event, ...changes, recurrence: null, id: newEventId(), type: "exception" };
      Object.assign(exception, { lastModifiedDateTime: now, changeKey: newChangeKey() });
      this.events.set(exception.id, exception);
      this.journal.record("updated", exception);
      return exception;
    }
    Object.assign(event, changes, { lastModifiedDateTime: now, changeKey: newChangeKey() });
    if (changes.recurrence !== undefined && event.type !== "exception") {
      event.type = event.recurrence ? "seriesMaster" : "singleInstance";
      if (!event.recurrence) this.removeExceptions(event.id);
    }
    this.journal.record("updated", event);
    return event;
  }

  /** Deletes an event; deleting an occurrence or exception removes that date from its series. */
  deleteEvent(event: StoredEvent): void {
    if (event.type === "occurrence" || event.type === "exception") {
      const master = event.seriesMasterId ? this.events.get(event.seriesMasterId) : undefined;
      if (master && event.originalStart) master.deletedOccurrences.push(event.originalStart.getTime());
      this.events.delete(event.id);
      this.journal.record("deleted", event);
      return;
    }
    this.events.delete(event.id);
    this.journal.record("deleted", event);
    this.removeExceptions(event.id);
  }

  /** What calendarView shows: single events, exceptions and expanded occurrences overlapping [from, to), by start. */
  instances(calendarId: string, from: Date, to: Date): StoredEvent[] {
    const result: StoredEvent[] = [];
    for (const event of this.storedEvents(calendarId)) {
      if (event.type === "seriesMaster") {
        const replaced = this.exceptionStarts(event.id);
        for (const start of occurrenceStarts(event, from, to)) {
          if (!replaced.has(start.getTime())) result.push(this.occurrence(event, start));
        }
      } else if (overlaps(event, from, to)) {
        result.push(event);
      }
    }
    return result.sort(
      (a, b) => a.start.getTime() - b.start.getTime() || a.end.getTime() - b.end.getTime() || a.id.localeCompare(b.id),
    );
  }

  private occurrence(master: StoredEvent, originalStart: Date): StoredEvent {
    const duration = master.end.getTime() - master.start.getTime();
    return {
      ...master,
      id: occurrenceId(master.id, originalStart),
      iCalUId: occurrenceICalUId(master.iCalUId, localDate(originalStart, seriesZone(master))),
      type: "occurrence",
      seriesMasterId: master.id,
      recurrence: null,
      originalStart,
      start: originalStart,
      end: new Date(originalStart.getTime() + duration),
      deletedOccurrences: [],
      // An attendee's answer to this date alone (a room declining it) shows on this occurrence.
      attendees: master.attendees.map(({ occurrenceStatus, ...attendee }) => ({
        ...attendee,
        status: occurrenceStatus?.[originalStart.getTime()] ?? attendee.status,
      })),
    };
  }

  private exceptionStarts(masterId: string): Set<number> {
    const starts = new Set<number>();
    for (const event of this.events.exceptionsOf(masterId)) if (event.originalStart) starts.add(event.originalStart.getTime());
    return starts;
  }

  /** Forgets the series' changed occurrences (they follow the series again). */
  removeExceptions(masterId: string): void {
    for (const event of [...this.events.values()]) {
      if (event.seriesMasterId !== masterId) continue;
      this.events.delete(event.id);
      this.journal.record("deleted", event);
    }
  }
}

/** Half-open overlap; a zero-length event counts when it starts inside the window. */
export function overlaps(event: { start: Date; end: Date }, from: Date, to: Date): boolean {
  const start = event.start.getTime();
  const end = event.end.getTime();
  if (start === end) return start >= from.getTime() && start < to.getTime();
  return start < to.getTime() && end > from.getTime();
}
