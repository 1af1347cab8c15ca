import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Office365Breadcrumbs } from "@/components/layout/Breadcrumbs";
import { removeMailbox } from "@/app/utilities/integrations/office365/actions";
import { ConfirmForm } from "@/components/ui/ConfirmForm";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { accountIdSchema } from "@/lib/integrations/office365/schemas";
import { Address } from "@/components/ui/Address";

export const metadata: Metadata = { title: "Remove mailbox – Office 365" };

export default async function RemoveMailboxPage({ params }: { params: Promise<{ mailboxId: string }> }) {
  await requirePageUser("admin");
  const id = accountIdSchema.safeParse((await params).mailboxId);
  const mailbox = id.success ? await db.applicationMailbox.findUnique({ where: { id: id.data } }) : null;
  if (!mailbox) notFound();
  return (
    <>
      <Office365Breadcrumbs current="Remove mailbox" />
      <h1>Are you sure you want to remove this mailbox?</h1>
      <p className="mb-4 text-2xl font-bold" data-testid="remove-email">
        <Address>{mailbox.address}</Address>
      </p>
      <p className="mb-8 max-w-2xl">
        The hub will stop reading and booking its calendar. Its events stay in Microsoft 365, and the app keeps its application
        permissions: to withdraw those, change the app registration in Microsoft Entra.
      </p>
      <ConfirmForm action={removeMailbox} fields={{ accountId: mailbox.id }} confirmLabel="Remove" pendingText="Removing…" backHref="/utilities/integrations/office365" />
    </>
  );
}
