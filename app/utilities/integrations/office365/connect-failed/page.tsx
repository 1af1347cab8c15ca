import type { Metadata } from "next";
import Link from "next/link";
import { Office365Breadcrumbs } from "@/components/layout/Breadcrumbs";
import { requirePageUser } from "@/lib/auth/session";
import { STATE_PROBLEMS, type StateProblemReason } from "@/lib/integrations/office365/connect-problems";

export const metadata: Metadata = { title: "Error: The account was not connected – Office 365" };

export default async function ConnectFailedPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  await requirePageUser("admin");
  const { reason } = await searchParams;
  const problem = STATE_PROBLEMS[(reason && reason in STATE_PROBLEMS ? reason : "unknown") as StateProblemReason];
  return (
    <>
      <Office365Breadcrumbs current="Not connected" />
      <h1 data-testid="connect-failed-title">{problem.title}</h1>
      <p className="mb-6 max-w-2xl" data-testid="connect-failed-body">
        {problem.body}
      </p>
      <p>
        <Link href="/utilities/integrations/office365" className="hub-link">
          Back to Office 365
        </Link>
      </p>
    </>
  );
}
