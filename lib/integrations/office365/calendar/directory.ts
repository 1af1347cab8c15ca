import "server-only";
import { listAccounts as listConnectedAccounts } from "../accounts";
import { listApplicationMailboxes } from "../mailboxes";

/** Everything calendars can be read from: connected accounts (delegated) and application-access mailboxes. */
export type CalendarOwner = {
  /** Pass as accountId to the other calendar actions. */
  id: string;
  email: string;
  displayName: string | null;
  access: "delegated" | "application";
  status: "connected" | "reconnect_required";
  statusReason: string | null;
};

export async function listCalendarOwners(): Promise<CalendarOwner[]> {
  const [accounts, mailboxes] = await Promise.all([listConnectedAccounts(), listApplicationMailboxes()]);
  return [
    ...accounts.map((account) => ({
      id: account.id,
      email: account.email,
      displayName: account.displayName,
      access: "delegated" as const,
      status: account.status,
      statusReason: account.statusReason,
    })),
    ...mailboxes.map((mailbox) => ({
      id: mailbox.id,
      email: mailbox.address,
      displayName: mailbox.displayName,
      access: "application" as const,
      status: "connected" as const,
      statusReason: null,
    })),
  ];
}
