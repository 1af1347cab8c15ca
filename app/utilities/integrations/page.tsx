import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumbs } from "@/components/layout/Breadcrumbs";
import { Warning } from "@/components/ui/notices";
import { StatusTag } from "@/components/ui/StatusTag";
import { requirePageUser } from "@/lib/auth/session";
import { INTEGRATIONS } from "@/lib/integrations/registry";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage() {
  await requirePageUser("admin");
  const rows = await Promise.all(INTEGRATIONS.map(async (integration) => ({ integration, summary: await integration.summary() })));

  return (
    <>
      <Breadcrumbs trail={[{ label: "Utilities" }, { label: "Integrations" }]} />
      <h1>Integrations</h1>
      <p className="mb-8 max-w-2xl">Connect the website to other services. Select an integration to set it up or to manage its accounts.</p>
      {rows.flatMap(({ integration, summary }) =>
        summary.warnings.map((warning) => (
          <Warning key={`${integration.slug}:${warning.title}`} title={warning.title} testId="integration-warning">
            <p>{warning.body}</p>
            <p>
              <Link href={`/utilities/integrations/${integration.slug}`} className="hub-link">
                Go to the {integration.name} page
              </Link>
            </p>
          </Warning>
        )),
      )}
      <table className="hub-table">
        <caption className="sr-only">Integrations and their status</caption>
        <thead>
          <tr>
            <th scope="col">Integration</th>
            <th scope="col">What it does</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ integration, summary }) => (
            <tr key={integration.slug} data-testid={`integration-${integration.slug}`}>
              <th scope="row">
                <Link href={`/utilities/integrations/${integration.slug}`} className="hub-link inline-block py-0.5">
                  {integration.name}
                </Link>
              </th>
              <td data-label="What it does">{integration.description}</td>
              <td data-label="Status">
                <StatusTag kind={summary.status.kind} label={summary.status.label} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
