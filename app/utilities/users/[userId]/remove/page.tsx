import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/components/layout/Breadcrumbs";
import { removeHubUser } from "@/app/utilities/users/actions";
import { ConfirmForm } from "@/components/ui/ConfirmForm";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { Address } from "@/components/ui/Address";

export const metadata: Metadata = { title: "Remove user" };

export default async function RemoveUserPage({ params }: { params: Promise<{ userId: string }> }) {
  await requirePageUser("admin");
  const { userId } = await params;
  const user = /^[a-z0-9]{10,40}$/.test(userId) ? await db.user.findUnique({ where: { id: userId } }) : null;
  if (!user) notFound();
  return (
    <>
      <Breadcrumbs trail={[{ label: "Utilities" }, { href: "/utilities/users", label: "Users" }, { label: "Remove user" }]} />
      <h1>Are you sure you want to remove this user?</h1>
      <p className="mb-4 text-2xl font-bold" data-testid="remove-email">
        <Address>{user.email}</Address>
      </p>
      <p className="mb-8 max-w-2xl">They will no longer be able to sign in to the hub. Bookings they made stay in the calendars.</p>
      <ConfirmForm action={removeHubUser} fields={{ userId: user.id }} confirmLabel="Remove" pendingText="Removing…" backHref="/utilities/users" />
    </>
  );
}
