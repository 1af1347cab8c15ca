import type { EmulatorContext } from "./context";
import { ControlError, parse } from "./control-errors";
import { findRoom } from "./control-places";
import type { EmulatorRequest } from "./http";
import { calendarProcessingChangesSchema, delegateAnswerSchema, type CalendarProcessing } from "./resource-booking/calendar-processing";

/**
 * Control endpoints for rooms answering invitations: a room's calendar processing (as an administrator runs
 * Set-CalendarProcessing; Exchange applies it "only on resource mailboxes", so other mailboxes are refused) and a
 * room delegate's answer to a request (AutoUpdate rooms wait for one). Returns undefined for paths it does not own.
 */

export interface DelegateAnswerResult {
  iCalUId: string;
  response: "accepted" | "tentativelyAccepted" | "declined";
  /** The organizer's event that now shows the answer. */
  organizerEventId: string;
}

export function roomControl(ctx: EmulatorContext, req: EmulatorRequest): { body: unknown } | undefined {
  const match = /^\/rooms\/([^/]+)\/(calendar-processing|answer)$/.exec(req.path);
  if (!match) return undefined;
  const email = decodeURIComponent(match[1] ?? "");
  const room = findRoom(ctx, email);
  const { resourceBooking } = ctx.state;
  if (match[2] === "calendar-processing") {
    if (req.method === "GET") return { body: resourceBooking.settingsOf(room) satisfies CalendarProcessing };
    if (req.method === "PUT") return { body: resourceBooking.configure(room, parse(calendarProcessingChangesSchema, req.json)) };
    return undefined;
  }
  if (req.method !== "POST") return undefined;
  const answer = parse(delegateAnswerSchema, req.json);
  const meeting = resourceBooking.delegateAnswers(room, answer.iCalUId, answer.response);
  if (!meeting) throw new ControlError(404, `No meeting with iCalUId '${answer.iCalUId}' invites ${email}.`);
  return { body: { ...answer, organizerEventId: meeting.id } satisfies DelegateAnswerResult };
}
