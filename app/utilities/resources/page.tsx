import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { Breadcrumbs } from "@/components/layout/Breadcrumbs";
import { ResourcesTable } from "@/components/resources/ResourcesTable";
import { Banner } from "@/components/ui/notices";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { requirePageUser } from "@/lib/auth/session";
import { calendarReaches } from "@/lib/resources/reach";
import { findResource, listAllResources } from "@/lib/resources/resources";
import { resourceIdSchema } from "@/lib/resources/schemas";

export const metadata: Metadata = { title: "Resources" };

type Query = { done?: string | string[]; resource?: string | string[] };

/** What an administrator just did, from a short code in the query; names come from the database, never the query. */
async function doneBanner(query: Query) {
  if (query.done === "removed") {
    return (
      <Banner kind="success" title="The resource was removed" testId="resource-removed" focus>
        <p>Bookings already made stay in Outlook and in the hub&rsquo;s list of bookings, and can still be cancelled there.</p>
      </Banner>
    );
  }
  const id = resourceIdSchema.safeParse(query.resource);
  if (query.done === "added" && id.success) {
    const resource = await findResource(id.data);
    if (resource) return <Banner kind="success" title={`${resource.name} was added`} testId="resource-added" focus />;
  }
  return null;
}

export default async function ResourcesPage({ searchParams }: { searchParams: Promise<Query> }) {
  await requirePageUser("admin");
  const [resources, query] = await Promise.all([listAllResources(), searchParams]);
  const reaches = await calendarReaches(resources);
  return (
    <>
      <Breadcrumbs trail={[{ label: "Utilities" }, { label: "Resources" }]} />
      <h1>Resources</h1>
      {await doneBanner(query)}
      <p className="mb-6 max-w-3xl">
        What staff can book: meeting rooms, equipment, a team&rsquo;s or an event&rsquo;s calendar. Each has one calendar in Microsoft 365
        behind it and its own rules (opening hours, notice, how far ahead). Staff see and book these and nothing else.
      </p>
      <div className="mb-8 flex flex-wrap gap-4">
        <Link href="/utilities/resources/new" className="hub-button no-underline">
          Add resource
        </Link>
        {/* A GET form rather than a link, so that its button can say the page is waiting on Microsoft. */}
        <Form action="/utilities/resources/directory">
          <SubmitButton variant="secondary" pendingText="Asking Microsoft for the room directory…">
            Add rooms from the directory
          </SubmitButton>
        </Form>
      </div>
      {resources.length === 0 ? (
        <p data-testid="no-resources">There are no resources yet.</p>
      ) : (
        <ResourcesTable resources={resources} reaches={reaches} />
      )}
      <p className="mt-8 max-w-3xl text-base text-muted">
        The calendars come from the accounts and mailboxes on the{" "}
        <Link href="/utilities/integrations/office365" className="hub-link">
          Office 365 page
        </Link>
        .
      </p>
    </>
  );
}
