import { addDays, atWallClock, localDayAt, localDaysBetween, type LocalDay } from "../time";
import { HubError } from "../errors";
import { WEEKDAY_LABELS, WEEKDAYS, type ResourceRules, type Weekday } from "./rules-schema";

/**
 * A resource's rules applied to time: which slots may be booked and why the others may not. Pure: the caller supplies
 * the busy times it read (or null when they could not be read: failing closed), the time now and the closed dates.
 *
 * Opening hours are wall-clock times in the site's time zone, so 08:00 stays 08:00 across the clock changes. Slots
 * start at the day's opening time and step by the slot length; the time outside opening hours is one "closed" span.
 * A slot is free only if it is inside opening hours, not on a closed date, not in the past, after the minimum notice,
 * within the booking horizon, and free in Outlook with the buffers around it — or, with several places per slot, with
 * places left: events not made by the hub always block; the hub's own bookings count against the places.
 */
export type SlotStatus = "free" | "busy" | "full" | "closed" | "too_soon" | "too_far" | "past" | "unknown";
export type Slot = { start: number; end: number; status: SlotStatus; reason?: string; placesLeft?: number };
/** A time the calendar is taken: `ours` when it is a booking made through the hub (it counts against the places). */
export type BusyTime = { start: number; end: number; ours: boolean };

export type RuleContext = {
  rules: ResourceRules;
  /** The site's time zone: the one opening hours and dates are in. */
  timeZone: string;
  now: number;
  /** Why the resource is closed on a date (a bank holiday, a date the administrator added), or null. */
  closedOn: (isoDate: string) => string | null;
};

const MINUTE = 60_000;
const weekdayOf = (day: LocalDay): Weekday => WEEKDAYS[day.weekday - 1]!;

/** The last date bookings may start on: today plus the horizon, in the site's zone. */
function lastBookableDate(context: RuleContext): string {
  return addDays(localDayAt(context.now, context.timeZone).date, context.rules.bookUpToDays);
}

/** A closed day in words: "Closed on Saturdays" as it is, a closed date's reason as "Closed: Christmas Day". */
export const closedSentence = (reason: string) => (/^closed\b/i.test(reason) ? reason : `Closed: ${reason}`);

/** One local day: its opening span (instants) and why it is closed, if it is. */
function dayOf(context: RuleContext, day: LocalDay): { start: number; end: number; opens: number; closes: number; closed: string | null } {
  const { start, end } = day;
  const weekday = weekdayOf(day);
  const hours = context.rules.openingHours[weekday];
  const closedDate = context.closedOn(day.date);
  if (closedDate) return { start, end, opens: end, closes: end, closed: closedDate };
  if (!hours) return { start, end, opens: end, closes: end, closed: `Closed on ${WEEKDAY_LABELS[weekday]}s` };
  return { start, end, opens: atWallClock(day, hours.opens), closes: atWallClock(day, hours.closes), closed: null };
}

type Visit = (start: number, end: number, status: SlotStatus, reason?: string, placesLeft?: number) => void;

/** Slots and closed spans covering [start, end), each closed span as one (however many days it runs over). */
export function resourceSlots(context: RuleContext, window: { start: number; end: number }, busy: BusyTime[] | null): Slot[] {
  return collected(context, window, busy, false);
}

/** The same as runs of equal standing (status, reason, places left): the answer's shape for one resource. */
export function resourcePeriods(context: RuleContext, window: { start: number; end: number }, busy: BusyTime[] | null): Slot[] {
  return collected(context, window, busy, true);
}

function collected(context: RuleContext, window: { start: number; end: number }, busy: BusyTime[] | null, mergesAll: boolean): Slot[] {
  const out: Slot[] = [];
  visitSlots(context, window, busy, (start, end, status, reason, placesLeft) => {
    const last = out[out.length - 1];
    if (last && last.end === start && last.status === status && last.reason === reason && last.placesLeft === placesLeft && (mergesAll || status === "closed")) {
      last.end = end;
      return;
    }
    const slot: Slot = { start, end, status };
    if (reason !== undefined) slot.reason = reason;
    if (placesLeft !== undefined) slot.placesLeft = placesLeft;
    out.push(slot);
  });
  return out;
}

/** Each slot (and closed span) over the window in order, without making one object per slot (a month is thousands). */
function visitSlots(context: RuleContext, window: { start: number; end: number }, busy: BusyTime[] | null, visit: Visit): void {
  const { rules } = context;
  const step = rules.slotMinutes * MINUTE;
  const closed = (start: number, end: number, reason: string) => {
    const from = Math.max(start, window.start);
    const to = Math.min(end, window.end);
    if (to > from) visit(from, to, "closed", reason);
  };
  const lastDate = lastBookableDate(context);
  const blocking = (busy ?? []).filter((time) => !time.ours || rules.placesPerSlot === 1).sort((a, b) => a.start - b.start);
  const ours = rules.placesPerSlot > 1 ? (busy ?? []).filter((time) => time.ours) : [];
  let next = 0;
  let latestEnd = -Infinity;

  for (const day of localDaysBetween(window.start, window.end, context.timeZone)) {
    const hours = dayOf(context, day);
    if (hours.closed) {
      closed(hours.start, hours.end, hours.closed);
      continue;
    }
    closed(hours.start, hours.opens, "Outside opening hours");
    const { date } = day;
    let slotStart = hours.opens;
    for (; slotStart + step <= hours.closes; slotStart += step) {
      const slotEnd = slotStart + step;
      if (slotEnd <= window.start || slotStart >= window.end) continue;
      // The booking would hold its buffers too: nothing may be in [start - before, end + after).
      const guardStart = slotStart - rules.bufferBeforeMinutes * MINUTE;
      const guardEnd = slotEnd + rules.bufferAfterMinutes * MINUTE;
      while (next < blocking.length && blocking[next]!.start < guardEnd) latestEnd = Math.max(latestEnd, blocking[next++]!.end);
      let status: SlotStatus = "free";
      let placesLeft: number | undefined;
      if (slotStart < context.now) status = "past";
      else if (slotStart < context.now + rules.minimumNoticeMinutes * MINUTE) status = "too_soon";
      else if (date > lastDate) status = "too_far";
      else if (busy === null) status = "unknown";
      else if (latestEnd > guardStart) status = "busy";
      else if (rules.placesPerSlot > 1) {
        const taken = ours.filter((time) => time.start < slotEnd && time.end > slotStart).length;
        placesLeft = Math.max(0, rules.placesPerSlot - taken);
        if (placesLeft === 0) status = "full";
      }
      visit(slotStart, slotEnd, status, undefined, placesLeft);
    }
    // A last part shorter than a slot, and the evening, are outside the bookable hours.
    closed(slotStart, hours.end, "Outside opening hours");
  }
}

/**
 * Whether a booking of [start, end) keeps the resource's rules and is free: null if so, otherwise the refusal naming the
 * rule it breaks. `busy` null means Outlook could not be read: nothing is booked on a guess.
 */
export function bookingRefusal(context: RuleContext, start: number, end: number, busy: BusyTime[] | null, label: string): HubError | null {
  const { rules } = context;
  const field = { field: "start" };
  if (start < context.now) return new HubError("in_the_past", undefined, field);
  const minutes = (end - start) / MINUTE;
  if (minutes > rules.longestBookingMinutes) return new HubError("rule_too_long", { label, minutes: rules.longestBookingMinutes }, { field: "end" });
  const day = localDayAt(start, context.timeZone);
  const hours = dayOf(context, day);
  const weekday = WEEKDAY_LABELS[weekdayOf(day)];
  if (hours.closed) return new HubError("rule_closed", { label, closed: closedSentence(hours.closed) }, field);
  if (start < hours.opens || end > hours.closes) {
    const opening = context.rules.openingHours[weekdayOf(day)]!;
    return new HubError("rule_outside_hours", { label, weekday, opens: opening.opens, closes: opening.closes }, field);
  }
  if (start < context.now + rules.minimumNoticeMinutes * MINUTE) return new HubError("rule_too_soon", { label, minutes: rules.minimumNoticeMinutes }, field);
  if (day.date > lastBookableDate(context)) return new HubError("rule_too_far", { label, days: rules.bookUpToDays }, field);
  if (busy === null) return new HubError("availability_unknown", {});
  return occupancyRefusal(busy, start, end, rules, label);
}

/** How a calendar's time may be shared: buffers kept free around each booking, and places per slot. */
export type Occupancy = Pick<ResourceRules, "bufferBeforeMinutes" | "bufferAfterMinutes" | "placesPerSlot">;
/** A plain calendar: no buffers, one booking at a time. */
export const SINGLE_OCCUPANCY: Occupancy = { bufferBeforeMinutes: 0, bufferAfterMinutes: 0, placesPerSlot: 1 };

/**
 * Whether [start, end) is free to book given what takes the calendar's time: events not made by the hub block within
 * the buffers; the hub's own bookings count against the places (with one place, they block like any event).
 */
export function occupancyRefusal(busy: BusyTime[], start: number, end: number, occupancy: Occupancy, label: string): HubError | null {
  const field = { field: "start" };
  const guardStart = start - occupancy.bufferBeforeMinutes * MINUTE;
  const guardEnd = end + occupancy.bufferAfterMinutes * MINUTE;
  const blocks = busy.some((time) => (!time.ours || occupancy.placesPerSlot === 1) && time.start < guardEnd && time.end > guardStart);
  if (blocks) {
    const buffered = occupancy.bufferBeforeMinutes + occupancy.bufferAfterMinutes > 0;
    return buffered && !busy.some((time) => time.start < end && time.end > start)
      ? new HubError("rule_buffer", { label, before: occupancy.bufferBeforeMinutes, after: occupancy.bufferAfterMinutes }, field)
      : new HubError("slot_taken", { label, where: "outlook" }, field);
  }
  if (occupancy.placesPerSlot > 1) {
    const taken = busy.filter((time) => time.ours && time.start < end && time.end > start).length;
    if (taken >= occupancy.placesPerSlot) return new HubError("rule_full", { label, places: occupancy.placesPerSlot }, field);
  }
  return null;
}
