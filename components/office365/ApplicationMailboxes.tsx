import { Address } from "@/components/ui/Address";
import { RemoveCross } from "@/components/ui/RemoveCross";
import { formatDateTime } from "@/lib/dates";
import type { ApplicationMailboxView } from "@/lib/integrations/office365/mailboxes";
import { AddMailboxForm } from "./AddMailboxForm";
import { grantAdminConsent } from "@/app/utilities/integrations/office365/actions";
import { ActionButton } from "@/components/ui/ActionButton";

/** Rooms and shared mailboxes reached with the app's application permissions. */
export function ApplicationMailboxes({
  mailboxes,
  consent,
  timeZone,
}: {
  mailboxes: ApplicationMailboxView[];
  consent: { at: Date; tenant: string } | null;
  timeZone: string;
}) {
  return (
    <section aria-labelledby="mailboxes-heading" className="mb-12">
      <h2 id="mailboxes-heading">Mailboxes with application access</h2>
      <p className="mb-4 max-w-3xl">
        Meeting rooms and shared mailboxes can be used without signing in as them, through the app registration&rsquo;s application
        permissions (Calendars.Read and Calendars.ReadWrite), once an administrator of your Microsoft 365 organisation has granted admin
        consent.
      </p>
      <div className="mb-6">
        {consent ? (
          <p className="mb-3" data-testid="admin-consent-status">
            Admin consent was granted through the hub on {formatDateTime(consent.at, timeZone)} for tenant {consent.tenant}.
          </p>
        ) : null}
        <ActionButton action={grantAdminConsent} label="Grant admin consent" pendingText="Opening Microsoft…" variant="secondary" />
      </div>
      {mailboxes.length > 0 ? (
        <table className="hub-table mb-6" data-testid="mailboxes">
          <caption className="sr-only">Mailboxes with application access</caption>
          <thead>
            <tr>
              <th scope="col">Mailbox</th>
              <th scope="col">Access</th>
              <th scope="col">Added</th>
            </tr>
          </thead>
          <tbody>
            {mailboxes.map((mailbox) => (
              <tr key={mailbox.id} data-testid="mailbox-row">
                <th scope="row" className="font-normal">
                  <div className="flex items-center gap-2">
                    <strong data-testid="mailbox-address">
                      <Address>{mailbox.address}</Address>
                    </strong>
                    <RemoveCross what={mailbox.address} confirmPath={`/utilities/integrations/office365/mailboxes/${mailbox.id}/remove`} />
                  </div>
                  {mailbox.displayName ? <div>{mailbox.displayName}</div> : null}
                </th>
                <td data-label="Access">
                  <strong className="hub-tag bg-[#bbd4ea] text-[#0c2d4a]">Application access</strong>
                </td>
                <td className="text-base" data-label="Added">
                  {formatDateTime(mailbox.addedAt, timeZone)}
                  <div className="text-muted">
                    <Address>{`by ${mailbox.addedByEmail}`}</Address>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <AddMailboxForm />
    </section>
  );
}
