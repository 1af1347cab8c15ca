import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { Banner } from "@/components/ui/notices";
import type { AccountView } from "@/lib/integrations/office365/accounts";
import { describeConnectProblem } from "@/lib/integrations/office365/connect-problems";

type Query = Record<string, string | string[] | undefined>;
const single = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

/**
 * What happened on the way back from Microsoft, or after removing an account. The query carries only ids and short
 * codes; the words come from the hub.
 */
export function ConnectionNotices({ query, accounts }: { query: Query; accounts: AccountView[] }) {
  const connectedId = single(query.connected) ?? single(query.reconnected);
  const connected = connectedId ? accounts.find((account) => account.id === connectedId) : undefined;
  const problem = single(query.problem);
  const aadsts = Number(single(query.aadsts));
  const removed = single(query.removed);
  const consented = single(query.consented);

  return (
    <>
      {connected ? (
        <Banner kind="success" title={`${connected.email} is ${query.reconnected ? "reconnected" : "connected"}`} testId="account-connected" focus>
          <p>It is listed under Authorised accounts below.</p>
        </Banner>
      ) : null}
      {consented && /^[A-Za-z0-9.-]{1,200}$/.test(consented) ? (
        <Banner kind="success" title="Admin consent granted" testId="admin-consented" focus>
          <p>The app&rsquo;s application permissions can now be used in tenant {consented}. Add room and shared mailboxes below.</p>
        </Banner>
      ) : null}
      {removed && /^[^\s@<>]+@[^\s@<>]+$/.test(removed) ? (
        <Banner kind="success" title={`${removed} was removed`} testId="account-removed" focus>
          <p>The hub no longer holds its tokens.</p>
        </Banner>
      ) : null}
      {problem && /^[A-Za-z0-9_]{1,64}$/.test(problem) ? (
        <ErrorSummary
          title={query.for === "admin_consent" ? "Admin consent was not granted" : "The account was not connected"}
          errors={[{ message: describeConnectProblem(problem, Number.isInteger(aadsts) && aadsts > 0 ? aadsts : undefined) }]}
        />
      ) : null}
    </>
  );
}
