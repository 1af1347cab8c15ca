import type { Metadata } from "next";
import { Breadcrumbs } from "@/components/layout/Breadcrumbs";
import { Address } from "@/components/ui/Address";
import { Banner } from "@/components/ui/notices";
import { AddUserForm } from "@/components/users/AddUserForm";
import { requirePageUser } from "@/lib/auth/session";
import { listUsers } from "@/lib/auth/users";
import { formatDateTime } from "@/lib/dates";
import { readSiteTimeZone } from "@/lib/site-settings";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ removed?: string }> }) {
  const me = await requirePageUser("admin");
  const [users, zone, { removed }] = await Promise.all([listUsers(), readSiteTimeZone(), searchParams]);
  return (
    <>
      <Breadcrumbs trail={[{ label: "Utilities" }, { label: "Users" }]} />
      <h1>Users</h1>
      {removed && /^[^\s@<>]+@[^\s@<>]+$/.test(removed) ? <Banner kind="success" title={`${removed} was removed`} testId="user-removed" focus /> : null}
      <p className="mb-6 max-w-3xl">
        People who can sign in to the hub. Administrators manage integrations, settings and users; staff can use the booking page and
        the calendar actions only.
      </p>
      <table className="hub-table mb-10" data-testid="users">
        <caption className="sr-only">Hub users</caption>
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Added</th>
            <th scope="col" className="hub-table-actions">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} data-testid="user-row">
              <th scope="row" className="font-normal" data-testid="user-email">
                <Address>{user.email}</Address>
              </th>
              <td data-label="Role">{user.role === "admin" ? "Administrator" : "Staff"}</td>
              <td className="text-base" data-label="Added">
                {formatDateTime(user.createdAt, zone)}
              </td>
              <td className="hub-table-actions">
                {user.id === me.id ? (
                  <span className="text-base text-muted">You</span>
                ) : (
                  <form method="get" action={`/utilities/users/${user.id}/remove`}>
                    <button type="submit" className="hub-button hub-button-secondary">
                      Remove<span className="sr-only"> {user.email}</span>
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Add a user</h2>
      <AddUserForm />
    </>
  );
}
