import type { Metadata } from "next";
import Link from "next/link";
import { Office365Breadcrumbs } from "@/components/layout/Breadcrumbs";
import { requirePageUser } from "@/lib/auth/session";
import { describeError } from "@/lib/errors";
import { isStateProblem, STATE_PROBLEMS } from "@/lib/integrations/office365/connect-problems";

export const metadata: Metadata = { title: "Error: The account was not connected – Office 365" };

export default async function ConnectFailedPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  await requirePageUser("admin");
  const { reason } = await searchParams;
  const problem = isStateProblem(reason) ? reason : "state_unknown";
  return (
    <>
      <Office365Breadcrumbs current="Not connected" />
      <h1 data-testid="connect-failed-title">{STATE_PROBLEMS[problem]}</h1>
      <p className="mb-6 max-w-2xl" data-testid="connect-failed-body">
        {describeError(problem, undefined)}
      </p>
      <p>
        <Link href="/utilities/integrations/office365" className="hub-link">
          Back to Office 365
        </Link>
      </p>
    </>
  );
}
