import { seriesICalUId } from "../calendars/ids";
import { NO_RESPONSE, type EventFields, type ResponseStatus, type StoredCalendar, type StoredEvent } from "../calendars/model";
import { seriesZone } from "../calendars/recurrence";
import type { CalendarStore } from "../calendars/store";
import { localDate } from "../calendars/time-zones";
import type { Directory, User } from "../directory";
import type { PlaceStore } from "../places/model";
import { decide } from "./booking-policy";
import { busyTimes, seriesRequest, singleRequest, windowEnd } from "./booking-request";
import { DEFAULT_CALENDAR_PROCESSING, type CalendarProcessing, type CalendarProcessingChanges } from "./calendar-processing";
import { copyFields, removeCopy, writeCopy, writeInstance, type CopyState } from "./room-copies";

/**
 * Rooms answer the meetings they are invited to, as Exchange's Calendar Attendant and resource booking assistant do
 * (https://learn.microsoft.com/graph/api/user-post-events, "Setting the location in an event": "On behalf of the
 * resource, the server accepts or rejects the meeting request based on the free/busy schedule of the resource ...
 * If the meeting is rescheduled, the server automatically updates the event in the resource's calendar").
 * - A meeting is what an organizer writes into their own calendar; every room mailbox among its attendees gets the
 *   request (Exchange delivers it to the room's mailbox whatever the attendee type). Writes straight into a room's
 *   calendar (application permissions) are no requests: nothing processes them, as at Microsoft.
 * - The room's answer is the room attendee's status on the organizer's event; an accepted meeting has a copy in the
 *   room's calendar (room-copies.ts); a declined one leaves nothing there. A series accepted with some dates
 *   declined shows those dates declined on the organizer's occurrences.
 * - AutoAccept decides by booking-policy.ts. AutoUpdate adds the request to the room's calendar, tentative, and the
 *   organizer hears nothing ("none") until a delegate answers (delegateAnswers). None: nothing happens.
 * - A time change asks the room again (the organizer's copy forgets its answers first); other changes update the
 *   room's copy. Deleting or cancelling the meeting, or one occurrence, removes it from the room's calendar.
 * - Exchange works asynchronously: with a processing delay the organizer's event shows "none" until the room answers.
 */

export interface BookingState {
  directory: Directory;
  places: PlaceStore;
  calendars: CalendarStore;
}

const address = (user: User) => (user.mail ?? user.userPrincipalName).toLowerCase();
const sameTimes = (a: StoredEvent, b: StoredEvent) =>
  a.start.getTime() === b.start.getTime() && a.end.getTime() === b.end.getTime() && a.isAllDay === b.isAllDay && JSON.stringify(a.recurrence) === JSON.stringify(b.recurrence);

export class ResourceBooking {
  private readonly settings = new Map<string, CalendarProcessing>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Bumped by reset: answers scheduled before it are dropped. */
  private generation = 0;

  constructor(private readonly state: BookingState) {}

  reset(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.settings.clear();
    this.generation += 1;
  }

  settingsOf(room: User): CalendarProcessing {
    return this.settings.get(room.id) ?? DEFAULT_CALENDAR_PROCESSING;
  }

  configure(room: User, changes: CalendarProcessingChanges): CalendarProcessing {
    const updated = { ...this.settingsOf(room), ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) };
    this.settings.set(room.id, updated);
    return updated;
  }

  /** The organizer created a meeting. Called after Graph answered the create: the answer never has the room's response. */
  meetingSent(meeting: StoredEvent): void {
    for (const room of this.invitedRooms(meeting)) this.later(room, () => this.answer(room, meeting.id, true));
  }

  /** A time change asks every attendee again: their answers are forgotten in the changes the organizer saves. */
  forgetAnswersIfMoved(event: StoredEvent, changes: Partial<EventFields>): Partial<EventFields> {
    if (!this.isOrganizerCopy(event) || sameTimes(event, { ...event, ...changes })) return changes;
    return { ...changes, attendees: (changes.attendees ?? event.attendees).map(({ emailAddress, type }) => ({ emailAddress, type, status: NO_RESPONSE })) };
  }

  /** The organizer changed a meeting (`before`: as it was; `after` may be a new exception of a series). */
  meetingUpdated(before: StoredEvent, after: StoredEvent): void {
    if (!this.isOrganizerCopy(after)) return;
    const invited = this.invitedRooms(after);
    for (const room of this.invitedRooms(before).filter((room) => !invited.includes(room))) this.later(room, () => this.cancelled(room, before));
    const moved = !sameTimes(before, after);
    for (const room of invited) this.later(room, () => this.answer(room, after.id, moved || !this.invitedRooms(before).includes(room)));
  }

  /** The organizer deleted or cancelled a meeting or one of its occurrences. */
  meetingCancelled(meeting: StoredEvent): void {
    if (!this.isOrganizerCopy(meeting)) return;
    for (const room of this.invitedRooms(meeting)) this.later(room, () => this.cancelled(room, meeting));
  }

  /**
   * A delegate of the room answers a request, as in Outlook: accepted or tentative puts the meeting in the room's
   * calendar, declined removes it; the organizer's event shows the answer. Delegates may double-book.
   */
  delegateAnswers(room: User, iCalUId: string, response: "accepted" | "tentativelyAccepted" | "declined"): StoredEvent | null {
    const { calendars } = this.state;
    const meeting = calendars.meetingCopies(iCalUId).find((copy) => this.isOrganizerCopy(copy) && this.invitedRooms(copy).includes(room));
    const roomCalendar = calendars.defaultCalendar(room.id);
    if (!meeting || !roomCalendar) return null;
    const status: ResponseStatus = { response, time: new Date() };
    if (response === "declined") this.decline(room, roomCalendar, meeting);
    else this.book(room, roomCalendar, meeting, { showAs: response === "accepted" ? "busy" : "tentative", responseStatus: status }, []);
    if (response !== "declined") this.setStatus(meeting, room, status, []);
    return meeting;
  }

  private isOrganizerCopy(event: StoredEvent): boolean {
    const owner = this.state.directory.users.find((user) => user.id === event.mailboxId);
    return owner !== undefined && address(owner) === event.organizer.address.toLowerCase();
  }

  /** Room mailboxes among the attendees, the calendar's own mailbox left out. */
  private invitedRooms(event: StoredEvent): User[] {
    const { directory } = this.state;
    const rooms = event.attendees.map((attendee) => directory.userByEmail(attendee.emailAddress.address));
    return [...new Set(rooms)].filter((user): user is User => user?.mailbox === "room" && user.id !== event.mailboxId);
  }

  private later(room: User, task: () => void): void {
    const delay = this.settingsOf(room).processingDelayMs;
    if (delay === 0) return task();
    const generation = this.generation;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (generation !== this.generation) return;
      try {
        task();
      } catch (error) {
        // Nobody awaits a late answer: report it rather than take the emulator down.
        console.error(`Room ${address(room)} could not answer:`, error);
      }
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }

  /** Processes the request for the meeting as it is now (it may have changed or gone since). */
  private answer(room: User, meetingId: string, reconsider: boolean): void {
    const { calendars, directory } = this.state;
    const meeting = calendars.event(meetingId);
    const roomCalendar = calendars.defaultCalendar(room.id);
    if (!meeting || !roomCalendar || !this.invitedRooms(meeting).includes(room)) return;
    const settings = this.settingsOf(room);
    const external = directory.users.find((user) => user.id === meeting.mailboxId)?.tenantId !== room.tenantId;
    if (settings.automateProcessing === "None" || (external && !settings.processExternalMeetingMessages)) return;
    if (meeting.type === "exception") return this.answerInstance(room, roomCalendar, meeting, settings);

    const copy = calendars.byICalUId(roomCalendar.id, meeting.iCalUId);
    if (copy && !reconsider) {
      // Not a new time: the room's copy follows the organizer's changes and keeps its answer.
      this.book(room, roomCalendar, meeting, { showAs: copy.showAs, responseStatus: copy.responseStatus }, this.declinedStarts(meeting, room));
      return;
    }
    if (copy) calendars.removeExceptions(copy.id);
    if (settings.automateProcessing === "AutoUpdate") {
      this.book(room, roomCalendar, meeting, this.pending(settings), []);
      for (const exception of calendars.exceptionsOf(meeting.id)) this.answerInstance(room, roomCalendar, exception, settings);
      return;
    }
    const end = windowEnd(calendars, room, settings);
    const request = seriesRequest(calendars, meeting, end);
    const reserved = this.state.places.placeOf(room).bookingType === "reserved";
    const decision = decide(settings, request, { reserved, windowEnd: end, busy: busyTimes(calendars, roomCalendar, meeting, request) });
    if (decision.response === "declined") return this.decline(room, roomCalendar, meeting);
    const accepted: ResponseStatus = { response: "accepted", time: new Date() };
    const lastDate = decision.truncated ? request.instances.at(-1) : undefined;
    const endDate = lastDate ? localDate(lastDate.originalStart, seriesZone(meeting)) : null;
    this.book(room, roomCalendar, meeting, { showAs: "busy", responseStatus: accepted }, decision.declinedStarts, endDate);
    this.setStatus(meeting, room, accepted, decision.declinedStarts);
    for (const exception of calendars.exceptionsOf(meeting.id)) this.answerInstance(room, roomCalendar, exception, settings);
  }

  /** An occurrence the organizer changed on its own: the room answers for that date alone. */
  private answerInstance(room: User, roomCalendar: StoredCalendar, exception: StoredEvent, settings: CalendarProcessing): void {
    const { calendars } = this.state;
    const copyMaster = calendars.byICalUId(roomCalendar.id, seriesICalUId(exception.iCalUId));
    if (!copyMaster || !exception.originalStart) return;
    if (settings.automateProcessing === "AutoUpdate") {
      writeInstance(calendars, copyMaster, exception.originalStart, copyFields(exception, settings, this.pending(settings)));
      return;
    }
    const end = windowEnd(calendars, room, settings);
    const request = singleRequest(exception, end);
    const decision = decide(settings, request, { reserved: false, windowEnd: end, busy: busyTimes(calendars, roomCalendar, exception, request) });
    const status: ResponseStatus = { response: decision.response, time: new Date() };
    if (decision.response === "accepted") writeInstance(calendars, copyMaster, exception.originalStart, copyFields(exception, settings, { showAs: "busy", responseStatus: status }));
    else removeCopy(calendars, roomCalendar, copyMaster.iCalUId, exception.originalStart);
    this.setStatus(exception, room, status, []);
  }

  private cancelled(room: User, meeting: StoredEvent): void {
    const roomCalendar = this.state.calendars.defaultCalendar(room.id);
    const single = meeting.type === "singleInstance" || meeting.type === "seriesMaster";
    if (roomCalendar) removeCopy(this.state.calendars, roomCalendar, seriesICalUId(meeting.iCalUId), single ? null : meeting.originalStart);
  }

  private book(room: User, roomCalendar: StoredCalendar, meeting: StoredEvent, state: CopyState, declinedStarts: Date[], endDate: string | null = null): void {
    writeCopy(this.state.calendars, roomCalendar, meeting, copyFields(meeting, this.settingsOf(room), state), { declinedStarts, endDate });
  }

  private decline(room: User, roomCalendar: StoredCalendar, meeting: StoredEvent): void {
    removeCopy(this.state.calendars, roomCalendar, meeting.iCalUId, null);
    const declined: ResponseStatus = { response: "declined", time: new Date() };
    this.setStatus(meeting, room, declined, []);
    for (const exception of this.state.calendars.exceptionsOf(meeting.id)) this.setStatus(exception, room, declined, []);
  }

  private pending(settings: CalendarProcessing): CopyState {
    return { showAs: settings.tentativePendingApproval ? "tentative" : "free", responseStatus: { response: "notResponded", time: null } };
  }

  /** The room's answer on the organizer's event, with the dates of a series it declined. */
  private setStatus(meeting: StoredEvent, room: User, status: ResponseStatus, declinedStarts: Date[]): void {
    const declined = Object.fromEntries(declinedStarts.map((start) => [start.getTime(), { response: "declined", time: status.time } satisfies ResponseStatus]));
    const attendees = meeting.attendees.map((attendee) => {
      if (attendee.emailAddress.address.toLowerCase() !== address(room)) return attendee;
      const { emailAddress, type } = attendee;
      return declinedStarts.length > 0 ? { emailAddress, type, status, occurrenceStatus: declined } : { emailAddress, type, status };
    });
    this.state.calendars.updateEvent(meeting, { attendees });
  }

  private declinedStarts(meeting: StoredEvent, room: User): Date[] {
    const attendee = meeting.attendees.find((candidate) => candidate.emailAddress.address.toLowerCase() === address(room));
    return Object.entries(attendee?.occurrenceStatus ?? {}).filter(([, status]) => status.response === "declined").map(([start]) => new Date(Number(start)));
  }
}
