import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Office365Breadcrumbs } from "@/components/layout/Breadcrumbs";
import { removeConnectedAccount } from "@/app/utilities/integrations/office365/actions";
import { ConfirmForm } from "@/components/ui/ConfirmForm";
import { requirePageUser } from "@/lib/auth/session";
import { findAccount } from "@/lib/integrations/office365/accounts";
import { accountIdSchema } from "@/lib/integrations/office365/schemas";
import { Address } from "@/components/ui/Address";

export const metadata: Metadata = { title: "Remove account – Office 365" };

export default async function RemoveAccountPage({ params }: { params: Promise<{ accountId: string }> }) {
  await requirePageUser("admin");
  const accountId = accountIdSchema.safeParse((await params).accountId);
  const account = accountId.success ? await findAccount(accountId.data) : null;
  if (!account) notFound();

  return (
    <>
      <Office365Breadcrumbs current="Remove account" />
      <h1>Are you sure you want to remove this account?</h1>
      <p className="mb-4 text-2xl font-bold" data-testid="remove-email">
        <Address>{account.email}</Address>
      </p>
      <p className="mb-8 max-w-2xl">
        The hub will delete this account&rsquo;s access tokens and stop reading and writing its calendars. Events already in its calendars
        stay there. You can connect the account again later.
      </p>
      <div className="mb-8 max-w-2xl" data-testid="revoke-advice">
        <p className="mb-2 font-bold">To stop every copy of its access, revoke its sessions in Microsoft Entra too</p>
        <p>
          The hub deletes its tokens so that no copy is left in its data folder, but Microsoft gives apps no way to cancel a refresh token. A copy
          taken earlier (an old backup, a copied data folder) keeps working until Microsoft ends it. In the Microsoft Entra admin center, open{" "}
          <strong>Users</strong>, choose {account.email}, and select <strong>Revoke sessions</strong>: every refresh token the account had stops
          working, and its user signs in again.
        </p>
      </div>
      <ConfirmForm action={removeConnectedAccount} fields={{ accountId: account.id }} confirmLabel="Remove" pendingText="Removing…" backHref="/utilities/integrations/office365" />
    </>
  );
}
