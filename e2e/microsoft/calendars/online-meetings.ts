import { randomUUID } from "node:crypto";
import type { Tenant } from "../directory";

/**
 * Online meetings on Outlook events (https://learn.microsoft.com/graph/outlook-calendar-online-meetings):
 * - a calendar lists allowedOnlineMeetingProviders and a defaultOnlineMeetingProvider; work mailboxes of a Teams
 *   tenant allow teamsForBusiness, personal Outlook.com calendars only skypeForConsumer;
 * - `isOnlineMeeting: true` and/or `onlineMeetingProvider` on create or update "initializes onlineMeeting" with its
 *   joinUrl; without a provider the calendar's default is used;
 * - "Subsequently, you cannot change the onlineMeetingProvider property, nor set isOnlineMeeting to false": Outlook
 *   ignores such changes (resources/event, isOnlineMeeting), so the emulator ignores them too, without an error;
 * - a provider the calendar does not allow is ignored, not refused: the event is created (201) with isOnlineMeeting
 *   false and onlineMeeting null. Learn documents no error for it; that is what clients report
 *   (microsoft-graph-docs-contrib issues 3442, 3586, 4625). Only Teams makes a meeting here: Skype for Business
 *   Online is retired and skypeForConsumer yields no join link through the events API (reported the same way).
 * Occurrences copy their master, so every occurrence of an online series has the master's join URL.
 */

export const ONLINE_MEETING_PROVIDERS = ["unknown", "teamsForBusiness", "skypeForBusiness", "skypeForConsumer"] as const;
export type OnlineMeetingProvider = (typeof ONLINE_MEETING_PROVIDERS)[number];

export interface OnlineMeetingSettings {
  allowedOnlineMeetingProviders: OnlineMeetingProvider[];
  defaultOnlineMeetingProvider: OnlineMeetingProvider;
}

export interface OnlineMeeting {
  provider: "teamsForBusiness";
  joinUrl: string;
}

/** What a client asked for in a create or update body. */
export interface OnlineMeetingRequest {
  /** null: the calendar's default provider. */
  provider: OnlineMeetingProvider | null;
}

/** The providers a new calendar has: Teams for a work tenant's mailboxes, Skype (consumer) for personal accounts. */
export function providersFor(tenant: Pick<Tenant, "kind">): OnlineMeetingSettings {
  return tenant.kind === "personal"
    ? { allowedOnlineMeetingProviders: ["skypeForConsumer"], defaultOnlineMeetingProvider: "skypeForConsumer" }
    : { allowedOnlineMeetingProviders: ["teamsForBusiness"], defaultOnlineMeetingProvider: "teamsForBusiness" };
}

/**
 * Teams' join link: a meeting thread "19:meeting_<base64 of a GUID>@thread.v2" and a context naming the organizer's
 * tenant (Tid) and object id (Oid), URL-encoded as Graph returns it.
 */
function teamsJoinUrl(tenantId: string, organizerId: string): string {
  const thread = Buffer.from(randomUUID()).toString("base64").replace(/=+$/, "");
  const context = encodeURIComponent(JSON.stringify({ Tid: tenantId, Oid: organizerId })).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
  return `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${thread}%40thread.v2/0?context=${context}`;
}

/** The meeting a request makes on this calendar, or null when the calendar does not allow the provider. */
export function startOnlineMeeting(
  request: OnlineMeetingRequest,
  calendar: OnlineMeetingSettings,
  organizer: { tenantId: string; id: string },
): OnlineMeeting | null {
  const provider = request.provider ?? calendar.defaultOnlineMeetingProvider;
  if (provider !== "teamsForBusiness" || !calendar.allowedOnlineMeetingProviders.includes(provider)) return null;
  return { provider, joinUrl: teamsJoinUrl(organizer.tenantId, organizer.id) };
}

const RULE = "________________________________________________________________________________";

/** Exchange appends the join details to the meeting's body, which is why bodyPreview mentions them. */
export function withJoinDetails(body: { contentType: "text" | "html"; content: string }, meeting: OnlineMeeting): typeof body {
  if (body.contentType === "text") {
    return { ...body, content: `${body.content}\r\n${RULE}\r\nMicrosoft Teams meeting\r\nJoin: ${meeting.joinUrl}\r\n${RULE}\r\n` };
  }
  const block =
    `<div style="width:100%"><span style="white-space:nowrap;color:#5F5F5F;opacity:.36">${RULE}</span></div>` +
    `<div class="me-email-text"><div style="margin-bottom:4px"><span style="font-size:24px">Microsoft Teams meeting</span></div>` +
    `<div><a class="me-email-headline" href="${meeting.joinUrl}" target="_blank" rel="noreferrer noopener">Join the meeting now</a></div></div>` +
    `<div style="width:100%"><span style="white-space:nowrap;color:#5F5F5F;opacity:.36">${RULE}</span></div>`;
  return { ...body, content: `${body.content}${block}` };
}

/** The body as the client wrote it: without the join details withJoinDetails appended. */
export function withoutJoinDetails(body: { contentType: "text" | "html"; content: string }, meeting: OnlineMeeting | null): typeof body {
  if (!meeting) return body;
  const details = withJoinDetails({ contentType: body.contentType, content: "" }, meeting).content;
  return body.content.endsWith(details) ? { ...body, content: body.content.slice(0, -details.length) } : body;
}
