import { Address } from "@/components/ui/Address";
import { RemoveCross } from "@/components/ui/RemoveCross";
import { formatDateTime } from "@/lib/dates";
import type { AccountView } from "@/lib/integrations/office365/accounts";
import { AZURE_AD_VERSIONS } from "@/lib/integrations/office365/settings-schema";
import { connectAccount } from "@/app/utilities/integrations/office365/actions";
import { ActionButton } from "@/components/ui/ActionButton";
import { TestConnectionButton } from "./TestConnectionButton";

/** The authorised accounts list: one row per connected account, with its status and what can be done with it. */
export function AccountsTable({ accounts, timeZone }: { accounts: AccountView[]; timeZone: string }) {
  if (accounts.length === 0) {
    return <p className="mb-6" data-testid="no-accounts">No accounts are connected yet.</p>;
  }
  return (
    <table className="hub-table mb-6" data-testid="accounts">
      <caption className="sr-only">Authorised accounts</caption>
      <thead>
        <tr>
          <th scope="col">Account</th>
          <th scope="col">Connected</th>
          <th scope="col">Status</th>
          <th scope="col" className="hub-table-actions">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {accounts.map((account) => (
          <tr key={account.id} data-testid="account-row" data-email={account.email}>
            <th scope="row" className="font-normal">
              <div className="flex items-center gap-2">
                <strong data-testid="account-email">
                  <Address>{account.email}</Address>
                </strong>
                <RemoveCross what={account.email} confirmPath={`/utilities/integrations/office365/accounts/${account.id}/remove`} />
              </div>
              {account.displayName ? <div>{account.displayName}</div> : null}
              <div className="text-base text-muted">{AZURE_AD_VERSIONS[account.azureAdVersion].label}</div>
            </th>
            <td className="text-base" data-label="Connected">
              {formatDateTime(account.connectedAt, timeZone)}
              <div className="text-muted">
                <Address>{`by ${account.connectedByEmail}`}</Address>
              </div>
            </td>
            <td data-label="Status" data-testid="account-status">
              {account.status === "connected" ? (
                <strong className="hub-tag bg-[#cce2d8] text-[#005a30]">Connected</strong>
              ) : (
                <>
                  <strong className="hub-tag bg-[#f4cdc6] text-[#2a0b06]">Reconnect required</strong>
                  <p className="mt-1 text-base" data-testid="account-status-reason">{account.statusReason}</p>
                </>
              )}
              {account.missingPermissions.map((permission) => (
                <p key={permission.name} className="mt-2 text-base" data-testid="missing-permission">
                  <strong>Missing permission {permission.name}:</strong> {permission.without}. Add it to the app registration, grant consent,
                  then reconnect.
                </p>
              ))}
            </td>
            <td className="hub-table-actions">
              {account.status === "reconnect_required" ? (
                <ActionButton
                  action={connectAccount}
                  fields={{ accountId: account.id }}
                  pendingText="Opening Microsoft sign-in…"
                  label={
                    <>
                      Reconnect<span className="sr-only"> {account.email}</span>
                    </>
                  }
                />
              ) : null}
              <TestConnectionButton accountId={account.id} email={account.email} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
