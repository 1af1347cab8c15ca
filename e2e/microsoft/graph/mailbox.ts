import type { StoredCalendar, StoredEvent } from "../calendars/model";
import type { User } from "../directory";
import { graphError } from "./responses";
import type { GraphCall } from "./route";

/**
 * Whose mailbox a calendar URL names and what the caller may do with it, as Exchange decides
 * (https://learn.microsoft.com/graph/outlook-share-or-delegate-calendar,
 * https://learn.microsoft.com/graph/permissions-reference#calendars-permissions):
 * - delegated, own mailbox: Calendars.Read to read, Calendars.ReadWrite to write;
 * - delegated, another mailbox: only calendars shared with the caller, with Calendars.Read.Shared or
 *   Calendars.ReadWrite.Shared; writing also needs the share's edit right;
 * - app-only: any mailbox of the token's tenant with the Calendars.Read / Calendars.ReadWrite application role.
 */

export const ACCESS_DENIED = "Access is denied. Check credentials and try again.";
export const ITEM_NOT_FOUND = "The specified object was not found in the store.";

export interface Mailbox {
  user: User;
  /** How @odata.context names it: users('{id}') for /me, users('{segment as sent}') otherwise. */
  contextName: string;
  self: boolean;
}

export interface CalendarRights {
  read: boolean;
  write: boolean;
  /** What GET calendars reports as canEdit: the share's edit right for another user's calendar. */
  canEdit: boolean;
  canShare: boolean;
  canViewPrivateItems: boolean;
}

const has = (granted: string[], ...wanted: string[]) =>
  granted.some((permission) => wanted.some((name) => name.toLowerCase() === permission.toLowerCase()));

/** The mailbox's SMTP address: `mail`, or the user principal name for accounts without one. */
export function mailboxAddress(user: User): string {
  return user.mail ?? user.userPrincipalName;
}

/** Resolves "me" or "users/{id | userPrincipalName}"; on failure answers with Graph's error and returns null. */
export function resolveMailbox(call: GraphCall, segment: string): Mailbox | null {
  const { token, ctx, res, ids } = call;
  if (segment.toLowerCase() === "me") {
    if (token.kind !== "delegated" || !token.userId) {
      graphError(res, ids, 400, "BadRequest", "/me request is only valid with delegated authentication flow.");
      return null;
    }
    const user = ctx.state.directory.userById(token.userId);
    return { user, contextName: `users('${user.id}')`, self: true };
  }
  const idOrName = segment.replace(/^users\//i, "");
  if (token.kind === "app" && !has(token.roles, "Calendars.Read", "Calendars.ReadWrite")) {
    graphError(res, ids, 403, "ErrorAccessDenied", ACCESS_DENIED);
    return null;
  }
  const { directory } = ctx.state;
  const user = directory.userByIdOrPrincipalName(idOrName) ?? directory.userByEmail(idOrName);
  // Another tenant's users do not exist for this token.
  if (!user || user.tenantId !== token.tenantId) {
    graphError(res, ids, 404, "ErrorInvalidUser", `The requested user '${idOrName}' is invalid.`);
    return null;
  }
  return { user, contextName: `users('${idOrName}')`, self: token.kind === "delegated" && token.userId === user.id };
}

export function calendarRights(call: GraphCall, mailbox: Mailbox, calendar: StoredCalendar): CalendarRights {
  const { token } = call;
  if (token.kind === "app") {
    const write = has(token.roles, "Calendars.ReadWrite");
    return { read: write || has(token.roles, "Calendars.Read"), write, canEdit: true, canShare: false, canViewPrivateItems: true };
  }
  if (mailbox.self) {
    const write = has(token.scopes, "Calendars.ReadWrite");
    const read = write || has(token.scopes, "Calendars.Read");
    return { read, write, canEdit: true, canShare: calendar.isDefault, canViewPrivateItems: true };
  }
  const share = token.userId ? call.ctx.state.calendars.shareFor(calendar.id, token.userId) : undefined;
  if (!share) return { read: false, write: false, canEdit: false, canShare: false, canViewPrivateItems: false };
  const read = has(token.scopes, "Calendars.Read.Shared", "Calendars.ReadWrite.Shared");
  const write = share.canEdit && has(token.scopes, "Calendars.ReadWrite.Shared");
  return { read, write, canEdit: share.canEdit, canShare: false, canViewPrivateItems: false };
}

/**
 * The calendar a URL names (`calendarId` undefined: the default calendar), if the caller may read it (or write to
 * it); otherwise answers 404 ErrorItemNotFound or 403 ErrorAccessDenied and returns null.
 */
export function requireCalendar(
  call: GraphCall,
  mailbox: Mailbox,
  calendarId: string | undefined,
  need: "read" | "write",
): StoredCalendar | null {
  const { calendars } = call.ctx.state;
  const calendar = calendarId ? calendars.calendar(calendarId) : calendars.defaultCalendar(mailbox.user.id);
  if (!calendar || calendar.ownerId !== mailbox.user.id) {
    graphError(call.res, call.ids, 404, "ErrorItemNotFound", ITEM_NOT_FOUND);
    return null;
  }
  if (!calendarRights(call, mailbox, calendar)[need]) {
    graphError(call.res, call.ids, 403, "ErrorAccessDenied", ACCESS_DENIED);
    return null;
  }
  return calendar;
}

/** An event (or computed occurrence) of the mailbox the caller may read or write; null after answering the error. */
export function requireEvent(call: GraphCall, mailbox: Mailbox, eventId: string, need: "read" | "write"): StoredEvent | null {
  const { calendars } = call.ctx.state;
  const event = calendars.event(eventId);
  const calendar = event ? calendars.calendar(event.calendarId) : undefined;
  if (!event || !calendar || event.mailboxId !== mailbox.user.id) {
    graphError(call.res, call.ids, 404, "ErrorItemNotFound", ITEM_NOT_FOUND);
    return null;
  }
  if (!calendarRights(call, mailbox, calendar)[need]) {
    graphError(call.res, call.ids, 403, "ErrorAccessDenied", ACCESS_DENIED);
    return null;
  }
  return event;
}
