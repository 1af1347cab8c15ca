import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { removeResourceClosedDate } from "@/app/utilities/resources/actions";
import { Breadcrumbs } from "@/components/layout/Breadcrumbs";
import { ConfirmForm } from "@/components/ui/ConfirmForm";
import { requirePageUser } from "@/lib/auth/session";
import { formatIsoDate } from "@/lib/dates";
import { findResource } from "@/lib/resources/resources";
import { resourceIdSchema } from "@/lib/resources/schemas";

export const metadata: Metadata = { title: "Remove closed date" };

export default async function RemoveClosedDatePage({ params }: { params: Promise<{ id: string; date: string }> }) {
  await requirePageUser("admin");
  const { id, date } = await params;
  const parsed = resourceIdSchema.safeParse(id);
  const resource = parsed.success ? await findResource(parsed.data) : null;
  const closed = resource?.closedDates.find((entry) => entry.date === date);
  if (!resource || !closed) notFound();
  const back = `/utilities/resources/${resource.id}`;
  return (
    <>
      <Breadcrumbs
        trail={[{ label: "Utilities" }, { href: "/utilities/resources", label: "Resources" }, { href: back, label: resource.name }, { label: "Remove closed date" }]}
      />
      <h1>Are you sure you want to remove this closed date?</h1>
      <p className="mb-4 text-2xl font-bold" data-testid="remove-date">
        {formatIsoDate(closed.date, { weekday: true })}
      </p>
      <p className="mb-4 max-w-2xl">Reason: {closed.reason}</p>
      <p className="mb-8 max-w-2xl">{resource.name} can then be booked that day, within its opening hours (unless it is a bank holiday it closes on).</p>
      <ConfirmForm action={removeResourceClosedDate} fields={{ resourceId: resource.id, date: closed.date }} confirmLabel="Remove" pendingText="Removing…" backHref={back} />
    </>
  );
}
