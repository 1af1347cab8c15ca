import "server-only";
import { db } from "../db";
import type { Resource } from "./resources";
import { CALENDAR_HOWS } from "./schemas";

/**
 * How the hub reaches each resource's calendar, as the admin pages show it: the way (application access, an
 * account's own calendar, shared with an account) and the connected account it goes through. `missing`: the account
 * or application-access mailbox behind it has been removed, so the calendar cannot be reached until it is back.
 */
export type CalendarReach = { how: Resource["calendar"]["how"]; label: string; short: string; through: string | null; missing: boolean };

export async function calendarReaches(resources: Pick<Resource, "id" | "calendar">[]): Promise<Map<string, CalendarReach>> {
  const accountIds = [...new Set(resources.flatMap((resource) => (resource.calendar.accountId ? [resource.calendar.accountId] : [])))];
  const mailboxIds = [...new Set(resources.flatMap((resource) => (resource.calendar.mailboxId ? [resource.calendar.mailboxId] : [])))];
  const [accounts, mailboxes] = await Promise.all([
    accountIds.length > 0 ? db.connectedAccount.findMany({ where: { id: { in: accountIds } }, select: { id: true, email: true } }) : [],
    mailboxIds.length > 0 ? db.applicationMailbox.findMany({ where: { id: { in: mailboxIds } }, select: { id: true } }) : [],
  ]);
  const accountEmails = new Map(accounts.map((account) => [account.id, account.email]));
  const mailboxesKnown = new Set(mailboxes.map((mailbox) => mailbox.id));
  return new Map(
    resources.map(({ id, calendar }) => {
      const words = CALENDAR_HOWS[calendar.how];
      const through = calendar.accountId ? (accountEmails.get(calendar.accountId) ?? null) : null;
      const missing = calendar.mailboxId ? !mailboxesKnown.has(calendar.mailboxId) : through === null;
      return [id, { how: calendar.how, label: words.label, short: words.short, through, missing }];
    }),
  );
}
