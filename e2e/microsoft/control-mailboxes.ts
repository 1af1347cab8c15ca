import { addMailboxCalendar } from "./calendars/seed";
import type { EmulatorContext } from "./context";
import { ControlError, parse } from "./control-errors";
import { newMailboxSchema, type ControlMailbox } from "./control-types";
import type { User } from "./directory";
import { guid } from "./http";

/**
 * POST /_emulator/mailboxes: a user, room or shared mailbox added to the tenant of its address's domain, with a default
 * calendar like the seeded mailboxes, so tests and the bench can use many real mailboxes. Gone after a reset.
 */
export function addMailbox(ctx: EmulatorContext, body: unknown): ControlMailbox {
  const spec = parse(newMailboxSchema, body);
  const { directory, calendars } = ctx.state;
  const domain = spec.email.split("@")[1] ?? "";
  const tenant = directory.workTenants().find((candidate) => candidate.domain === domain);
  if (!tenant) {
    const domains = directory.workTenants().map((candidate) => candidate.domain);
    throw new ControlError(400, `email: the domain must be a work tenant's (${domains.join(", ")}), not '${domain}'.`);
  }
  if (directory.userByEmail(spec.email)) throw new ControlError(409, `${spec.email} is already in the emulator's directory.`);
  const [givenName = null, surname = null] = spec.kind === "user" ? spec.displayName.split(" ") : [];
  const user: User = {
    id: guid(),
    tenantId: tenant.id,
    userPrincipalName: spec.email,
    displayName: spec.displayName,
    givenName,
    surname,
    mail: spec.email,
    mailbox: spec.kind,
    jobTitle: null,
  };
  directory.users.push(user);
  const calendar = addMailboxCalendar(calendars, user.id);
  return { id: user.id, email: spec.email, displayName: user.displayName, kind: spec.kind, tenantId: tenant.id, calendarId: calendar.id };
}
