import type { CalendarProcessing } from "./calendar-processing";

/**
 * The resource booking assistant's decision on a request to an AutoAccept room, by the room's calendar processing
 * (https://learn.microsoft.com/powershell/module/exchange/set-calendarprocessing), in the order Exchange checks:
 * - a room whose booking type is Reserved "can't be reserved": every request is declined;
 * - a series, when AllowRecurringMeetings is false, is declined;
 * - a meeting (each occurrence of a series) longer than MaximumDurationInMinutes (0: no limit) is declined;
 * - a meeting starting after the booking window (BookingWindowInDays from today) is declined; a series that starts
 *   inside it and reaches past it is declined when EnforceSchedulingHorizon is true (so a series without an end
 *   is declined by default), and accepted up to the window's end when it is false;
 * - conflicts: an occurrence conflicts when the room's calendar holds a busy, tentative or out-of-office item
 *   overlapping it. A single meeting that conflicts is declined unless AllowConflicts (double booking). A series is
 *   never double-booked: with AllowConflicts false it is declined when its conflicts exceed MaximumConflictInstances
 *   or ConflictPercentageAllowed (both 0 by default: any conflict), otherwise accepted with the conflicting dates
 *   declined; with AllowConflicts true it is accepted whatever the conflicts, the conflicting dates declined
 *   ("double-booking a room with recurring meetings and the Resource Booking Attendant is impossible", Exchange
 *   Team Blog, "Automatic Processing of Recurring Meeting Requests with Conflicting Instances", 2011).
 */

export interface Instance {
  /** The start the series gives it (its start for a single meeting). */
  originalStart: Date;
  start: Date;
  end: Date;
}

export interface BookingRequest {
  series: boolean;
  /** The instances to book that start before the window's end, by start. */
  instances: Instance[];
  /** Whether any instance starts at or after the window's end. */
  beyondWindow: boolean;
  /** The first instance's start (it may be past the window). */
  firstStart: Date | null;
}

export type Decision =
  | { response: "accepted"; declinedStarts: Date[]; truncated: boolean }
  | { response: "declined"; reason: string };

const declined = (reason: string): Decision => ({ response: "declined", reason });

function overlapsAny(instance: Instance, busy: { start: Date; end: Date }[]): boolean {
  const start = instance.start.getTime();
  const end = Math.max(instance.end.getTime(), start + 1);
  return busy.some((item) => item.start.getTime() < end && Math.max(item.end.getTime(), item.start.getTime() + 1) > start);
}

export function decide(
  settings: CalendarProcessing,
  request: BookingRequest,
  context: { reserved: boolean; windowEnd: Date; busy: { start: Date; end: Date }[] },
): Decision {
  if (context.reserved) return declined("This resource can't be reserved.");
  if (request.series && !settings.allowRecurringMeetings) return declined("Recurring meetings aren't allowed for this resource.");
  const maxMinutes = settings.maximumDurationInMinutes;
  const tooLong = request.instances.some((instance) => instance.end.getTime() - instance.start.getTime() > maxMinutes * 60_000);
  if (maxMinutes > 0 && tooLong) return declined(`The meeting is longer than the ${maxMinutes} minutes this resource can be booked for.`);
  if (request.firstStart && request.firstStart >= context.windowEnd) {
    return declined(`The meeting is further ahead than the ${settings.bookingWindowInDays} days this resource can be booked in advance.`);
  }
  if (request.series && request.beyondWindow && settings.enforceSchedulingHorizon) {
    return declined(`The series continues past the ${settings.bookingWindowInDays} days this resource can be booked in advance.`);
  }

  const conflicting = request.instances.filter((instance) => overlapsAny(instance, context.busy));
  const truncated = request.series && request.beyondWindow;
  if (!request.series) {
    if (conflicting.length > 0 && !settings.allowConflicts) return declined("The resource is already booked at this time.");
    return { response: "accepted", declinedStarts: [], truncated: false };
  }
  const total = request.instances.length;
  const tooMany =
    conflicting.length > settings.maximumConflictInstances || (total > 0 && (conflicting.length * 100) / total > settings.conflictPercentageAllowed);
  if (!settings.allowConflicts && conflicting.length > 0 && tooMany) {
    return declined(`${conflicting.length} of the ${total} occurrences conflict with the resource's other bookings.`);
  }
  return { response: "accepted", declinedStarts: conflicting.map((instance) => instance.originalStart), truncated };
}
