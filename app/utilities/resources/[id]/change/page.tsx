import type { Metadata } from "next";
import { Breadcrumbs } from "@/components/layout/Breadcrumbs";
import { ChangeDetailsForm } from "@/components/resources/ChangeDetailsForm";
import { resourceForAdminPage } from "@/lib/resources/admin-page";

export const metadata: Metadata = { title: "Change details" };

export default async function ChangeResourcePage({ params }: { params: Promise<{ id: string }> }) {
  const resource = await resourceForAdminPage(params);
  return (
    <>
      <Breadcrumbs
        trail={[
          { label: "Utilities" },
          { href: "/utilities/resources", label: "Resources" },
          { href: `/utilities/resources/${resource.id}`, label: resource.name },
          { label: "Change details" },
        ]}
      />
      <h1>Change details</h1>
      <ChangeDetailsForm
        resourceId={resource.id}
        defaults={{
          name: resource.name,
          kind: resource.kind,
          description: resource.description,
          capacity: resource.capacity,
          building: resource.building,
          floor: resource.floor,
          wheelchairAccessible: resource.wheelchairAccessible,
          equipmentNotes: resource.equipmentNotes,
          whoCanBook: resource.whoCanBook,
          showOnBookingPage: resource.showOnBookingPage,
        }}
      />
    </>
  );
}
