import type { StoredCalendar } from "../calendars/model";
import { ACCESS_DENIED, calendarRights, mailboxAddress, requireCalendar, resolveMailbox, type Mailbox } from "./mailbox";
import { pick, readSelect } from "./query-options";
import { graphError, graphJson } from "./responses";
import type { GraphCall, GraphRoute } from "./route";

/**
 * GET /me/calendars, /me/calendar, /me/calendars/{id} and the /users/{id | userPrincipalName} forms
 * (https://learn.microsoft.com/graph/api/user-list-calendars, https://learn.microsoft.com/graph/api/calendar-get).
 * Another user's mailbox lists only the calendars shared with the caller, each with the share's edit right.
 */

const MAILBOX = "(me|users/[^/]+)";

const CALENDAR_PROPERTIES = [
  "id", "name", "color", "hexColor", "isDefaultCalendar", "changeKey", "canShare", "canViewPrivateItems", "canEdit",
  "allowedOnlineMeetingProviders", "defaultOnlineMeetingProvider", "isTallyingResponses", "isRemovable", "owner",
] as const;

function calendarJson(call: GraphCall, mailbox: Mailbox, calendar: StoredCalendar): Record<string, unknown> {
  const rights = calendarRights(call, mailbox, calendar);
  return {
    id: calendar.id,
    name: calendar.name,
    color: calendar.color,
    hexColor: calendar.hexColor,
    isDefaultCalendar: calendar.isDefault,
    changeKey: calendar.changeKey,
    canShare: rights.canShare,
    canViewPrivateItems: rights.canViewPrivateItems,
    canEdit: rights.canEdit,
    allowedOnlineMeetingProviders: calendar.allowedOnlineMeetingProviders,
    defaultOnlineMeetingProvider: calendar.defaultOnlineMeetingProvider,
    isTallyingResponses: calendar.isDefault,
    isRemovable: !calendar.isDefault,
    owner: { name: mailbox.user.displayName, address: mailboxAddress(mailbox.user) },
  };
}

function listCalendars(call: GraphCall): void {
  const mailbox = resolveMailbox(call, call.params[0] ?? "");
  if (!mailbox) return;
  const select = readSelect(call, CALENDAR_PROPERTIES, "microsoft.graph.calendar");
  if (!select) return;
  const visible = call.ctx.state.calendars.calendarsOf(mailbox.user.id).filter((calendar) => calendarRights(call, mailbox, calendar).read);
  // Nothing shared (or no Calendars permission at all): Exchange refuses the whole folder list.
  if (visible.length === 0) return graphError(call.res, call.ids, 403, "ErrorAccessDenied", ACCESS_DENIED);
  graphJson(call.res, call.ids, 200, {
    "@odata.context": `${call.ctx.graphUrl}/v1.0/$metadata#${mailbox.contextName}/calendars`,
    value: visible.map((calendar) => pick(calendarJson(call, mailbox, calendar), select.names, ["id"])),
  });
}

function getCalendar(call: GraphCall): void {
  const mailbox = resolveMailbox(call, call.params[0] ?? "");
  if (!mailbox) return;
  const calendarId = call.params[1] || undefined;
  const calendar = requireCalendar(call, mailbox, calendarId, "read");
  if (!calendar) return;
  const select = readSelect(call, CALENDAR_PROPERTIES, "microsoft.graph.calendar");
  if (!select) return;
  const path = calendarId ? "calendars" : "calendar";
  graphJson(call.res, call.ids, 200, {
    "@odata.context": `${call.ctx.graphUrl}/v1.0/$metadata#${mailbox.contextName}/${path}/$entity`,
    ...pick(calendarJson(call, mailbox, calendar), select.names, ["id"]),
  });
}

export const calendarRoutes: GraphRoute[] = [
  { method: "GET", pattern: new RegExp(`^/${MAILBOX}/calendars/?$`, "i"), handle: listCalendars },
  { method: "GET", pattern: new RegExp(`^/${MAILBOX}/calendar/?$`, "i"), handle: getCalendar },
  { method: "GET", pattern: new RegExp(`^/${MAILBOX}/calendars/([^/]+)/?$`, "i"), handle: getCalendar },
];
