import { addMailboxCalendar } from "./calendars/seed";
import type { EmulatorContext } from "./context";
import { ControlError, parse } from "./control-errors";
import { newMailboxSchema, type ControlMailbox } from "./control-types";
import type { MailboxKind, Tenant, User } from "./directory";
import { guid } from "./http";

/**
 * POST /_emulator/mailboxes: a user, room or shared mailbox added to the tenant of its address's domain, with a default
 * calendar like the seeded mailboxes, so tests and the bench can use many real mailboxes. Gone after a reset.
 * control-places.ts adds rooms (and removes them) through the same functions.
 */
export function addMailbox(ctx: EmulatorContext, body: unknown): ControlMailbox {
  const spec = parse(newMailboxSchema, body);
  const { user, calendarId } = createMailbox(ctx, spec);
  return { id: user.id, email: spec.email, displayName: user.displayName, kind: spec.kind, tenantId: user.tenantId, calendarId };
}

/** The work tenant whose domain the address has; a 400 otherwise. */
export function tenantOfAddress(ctx: EmulatorContext, email: string): Tenant {
  const { directory } = ctx.state;
  const domain = email.split("@")[1]?.toLowerCase() ?? "";
  const tenant = directory.workTenants().find((candidate) => candidate.domain === domain);
  if (!tenant) {
    const domains = directory.workTenants().map((candidate) => candidate.domain);
    throw new ControlError(400, `email: the domain must be a work tenant's (${domains.join(", ")}), not '${domain}'.`);
  }
  return tenant;
}

/** A 409 when a mailbox or a room list already has the address: one address, one recipient, as in Exchange. */
export function refuseAddressInUse(ctx: EmulatorContext, email: string): void {
  const { directory, places } = ctx.state;
  const wanted = email.toLowerCase();
  if (directory.userByEmail(email) || places.roomLists.some((list) => list.emailAddress.toLowerCase() === wanted)) {
    throw new ControlError(409, `${email} is already in the emulator's directory.`);
  }
}

/**
 * A new mailbox and its default calendar. `email` is kept as given for `mail` (Exchange keeps an address's case);
 * the user principal name is its lower-case form.
 */
export function createMailbox(ctx: EmulatorContext, spec: { email: string; displayName: string; kind: MailboxKind }): { user: User; calendarId: string } {
  const tenant = tenantOfAddress(ctx, spec.email);
  refuseAddressInUse(ctx, spec.email);
  const [givenName = null, surname = null] = spec.kind === "user" ? spec.displayName.split(" ") : [];
  const user: User = {
    id: guid(),
    tenantId: tenant.id,
    userPrincipalName: spec.email.toLowerCase(),
    displayName: spec.displayName,
    givenName,
    surname,
    mail: spec.email,
    mailbox: spec.kind,
    jobTitle: null,
  };
  ctx.state.directory.users.push(user);
  const calendar = addMailboxCalendar(ctx.state.calendars, user, tenant);
  return { user, calendarId: calendar.id };
}

/** Deletes a mailbox as Remove-Mailbox does: the directory object, its calendars and events, its room places. */
export function removeMailbox(ctx: EmulatorContext, user: User): void {
  const { directory, calendars, places } = ctx.state;
  directory.users.splice(directory.users.indexOf(user), 1);
  calendars.removeOwner(user.id);
  places.forgetRoom(user.id);
}
