import "server-only";
import { db } from "../db";
import { listAccounts } from "../integrations/office365/accounts";
import { listApplicationMailboxes } from "../integrations/office365/mailboxes";
import { readSettings } from "../integrations/office365/settings";

/**
 * Who can send a room's invitations, as the booking-mode page offers them: each connected account (its own calendar,
 * with its delegated token) and each mailbox with application access (app-only token) — never the room's own mailbox,
 * which cannot invite itself (updateBookingMode refuses it as organiser_is_room). Besides these, the person booking
 * (BOOKER) can send them from their own mailbox once the app has application access (bookerMayOrganise).
 */
export type Organiser = {
  id: string;
  kind: "account" | "mailbox";
  /** The mailbox the invitation is sent from (lower-case). */
  address: string;
  name: string | null;
  /** A connected account whose sign-in has to be renewed on the Office 365 page before it can send anything. */
  needsReconnect: boolean;
};

export async function organiserChoices(roomAddress: string): Promise<Organiser[]> {
  const [accounts, mailboxes] = await Promise.all([listAccounts(), listApplicationMailboxes()]);
  const room = roomAddress.toLowerCase();
  const choices: Organiser[] = [
    ...accounts.map((account) => ({
      id: account.id,
      kind: "account" as const,
      address: account.email.toLowerCase(),
      name: account.displayName,
      needsReconnect: account.status === "reconnect_required",
    })),
    ...mailboxes.map((mailbox) => ({ id: mailbox.id, kind: "mailbox" as const, address: mailbox.address.toLowerCase(), name: mailbox.displayName, needsReconnect: false })),
  ];
  return choices.filter((choice) => choice.address !== room);
}

/** The chosen organiser of a resource's invitations, or null when it has since been removed from the Office 365 page. */
export async function findOrganiser(id: string): Promise<Organiser | null> {
  const account = await db.connectedAccount.findUnique({ where: { id } });
  if (account) {
    return { id, kind: "account", address: account.email.toLowerCase(), name: account.displayName, needsReconnect: account.status === "reconnect_required" };
  }
  const mailbox = await db.applicationMailbox.findUnique({ where: { id } });
  return mailbox ? { id, kind: "mailbox", address: mailbox.address, name: mailbox.displayName, needsReconnect: false } : null;
}

/**
 * Whether the person booking can send a room's invitations. Hub users do not sign in to Microsoft, so their own
 * mailbox is reached with the app's application permission: only once app-only access is set up — admin consent
 * granted through the hub, or a mailbox the hub has read with an app-only token (consent granted in Entra instead).
 */
export async function bookerMayOrganise(): Promise<boolean> {
  const settings = await readSettings();
  if (!settings) return false;
  return settings.adminConsentAt !== null || (await db.applicationMailbox.count()) > 0;
}
