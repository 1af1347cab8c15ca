import type { Metadata } from "next";
import { removeResourceAction } from "@/app/utilities/resources/actions";
import { Breadcrumbs } from "@/components/layout/Breadcrumbs";
import { ConfirmForm } from "@/components/ui/ConfirmForm";
import { resourceForAdminPage } from "@/lib/resources/admin-page";
import { countUpcomingBookings } from "@/lib/resources/resources";

export const metadata: Metadata = { title: "Remove resource" };

export default async function RemoveResourcePage({ params }: { params: Promise<{ id: string }> }) {
  const resource = await resourceForAdminPage(params);
  const upcoming = await countUpcomingBookings(resource.id);
  const back = `/utilities/resources/${resource.id}`;
  return (
    <>
      <Breadcrumbs
        trail={[{ label: "Utilities" }, { href: "/utilities/resources", label: "Resources" }, { href: back, label: resource.name }, { label: "Remove resource" }]}
      />
      <h1>Are you sure you want to remove this resource?</h1>
      <p className="mb-4 text-2xl font-bold" data-testid="remove-name">
        {resource.name}
      </p>
      <p className="mb-4 max-w-2xl" data-testid="remove-bookings">
        {upcoming === 0
          ? "It has no upcoming bookings made through the hub."
          : `It has ${upcoming} upcoming ${upcoming === 1 ? "booking" : "bookings"} made through the hub. ${upcoming === 1 ? "It stays" : "They stay"} in Outlook and in the hub's list of bookings, and can still be changed or cancelled there.`}
      </p>
      <p className="mb-8 max-w-2xl">
        Staff can no longer book it, and its rules and closed dates are deleted. Its calendar in Microsoft 365 is not changed, and the account or mailbox behind it
        stays connected.
      </p>
      <ConfirmForm action={removeResourceAction} fields={{ resourceId: resource.id }} confirmLabel="Remove" pendingText="Removing…" backHref={back} />
    </>
  );
}
