import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/components/layout/Breadcrumbs";
import { ChangeDetailsForm } from "@/components/resources/ChangeDetailsForm";
import { requirePageUser } from "@/lib/auth/session";
import { findResource } from "@/lib/resources/resources";
import { resourceIdSchema } from "@/lib/resources/schemas";

export const metadata: Metadata = { title: "Change details" };

export default async function ChangeResourcePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageUser("admin");
  const parsed = resourceIdSchema.safeParse((await params).id);
  const resource = parsed.success ? await findResource(parsed.data) : null;
  if (!resource) notFound();
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
