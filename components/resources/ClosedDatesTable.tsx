import { formatIsoDate } from "@/lib/dates";
import type { ClosedDate } from "@/lib/resources/closed-dates";

/** The dates an administrator closed a resource on, each with Remove (which asks for confirmation first). */
export function ClosedDatesTable({ resourceId, dates }: { resourceId: string; dates: ClosedDate[] }) {
  if (dates.length === 0) {
    return (
      <p className="mb-6" data-testid="no-closed-dates">
        No closed dates of its own.
      </p>
    );
  }
  return (
    <table className="hub-table mb-8" data-testid="closed-dates">
      <caption className="sr-only">Closed dates</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Reason</th>
          <th scope="col" className="hub-table-actions">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {dates.map((closed) => {
          const words = formatIsoDate(closed.date, { weekday: true });
          return (
            <tr key={closed.date} data-testid="closed-date-row">
              <th scope="row" className="font-normal">
                <time dateTime={closed.date}>{words}</time>
              </th>
              <td data-label="Reason">{closed.reason}</td>
              <td className="hub-table-actions">
                <form method="get" action={`/utilities/resources/${resourceId}/closed-dates/${closed.date}/remove`}>
                  <button type="submit" className="hub-button hub-button-secondary">
                    Remove<span className="sr-only"> {words}</span>
                  </button>
                </form>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
