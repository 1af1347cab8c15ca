import { formatDateTime } from "@/lib/dates";
import type { Staleness } from "@/lib/mirror/freshness";
import type { MirrorStatus } from "@/lib/mirror/status";

/**
 * Office 365 › Live availability: per resource, how the hub keeps its copy of the calendar's busy time up to date, and
 * whether availability is answered from that copy now or read from Microsoft each time (and why).
 */
const ANSWERED: Record<Staleness, string> = {
  fresh: "From the hub's copy",
  never_synced: "From Microsoft (the copy is not ready yet)",
  change_pending: "From Microsoft (catching up with a change)",
  subscription_inactive: "From Microsoft (notifications have stopped; the hub is setting them up again)",
  too_old: "From Microsoft (the copy has not caught up recently)",
  outside_window: "From Microsoft",
};

export function LiveAvailability({ statuses, timeZone, intervalSeconds }: { statuses: MirrorStatus[]; timeZone: string; intervalSeconds: number }) {
  return (
    <section aria-labelledby="live-heading" className="mb-12">
      <h2 id="live-heading">Live availability</h2>
      <p className="mb-4 max-w-3xl">
        The hub keeps a copy of each resource&rsquo;s busy time, so that availability is shown at once. Microsoft tells the hub of changes
        (notifications) where it can reach the hub over https; otherwise the hub looks for changes every {intervalSeconds} seconds
        (polling). Whenever the copy may be out of date, availability is read from Microsoft instead.
      </p>
      {statuses.length === 0 ? (
        <p data-testid="no-live-resources">There are no resources yet.</p>
      ) : (
        <table className="hub-table" data-testid="live-availability">
          <caption className="sr-only">Live availability of each resource</caption>
          <thead>
            <tr>
              <th scope="col">Resource</th>
              <th scope="col">Changes from Outlook</th>
              <th scope="col">Last caught up</th>
              <th scope="col">Availability</th>
            </tr>
          </thead>
          <tbody>
            {statuses.map((status) => (
              <tr key={status.resourceId} data-testid="live-row" data-resource={status.name}>
                <th scope="row" className="font-normal">
                  <strong>{status.name}</strong>
                  <div className="text-base text-muted">{status.eventCount === 1 ? "1 event" : `${status.eventCount.toLocaleString("en-GB")} events`} kept</div>
                </th>
                <td data-label="Changes from Outlook" data-testid="live-mode">
                  {status.mode === "notifications" ? "Notifications" : status.mode === "polling" ? "Polling" : "Not started"}
                  {status.subscriptionExpiresAt ? (
                    <div className="text-base text-muted" data-testid="live-expiry">
                      Renewed automatically; expires {formatDateTime(status.subscriptionExpiresAt, timeZone)}
                    </div>
                  ) : null}
                </td>
                <td data-label="Last caught up" data-testid="live-last-sync">
                  {status.lastSyncAt ? formatDateTime(status.lastSyncAt, timeZone) : "Not yet"}
                </td>
                <td data-label="Availability" data-testid="live-state">
                  {ANSWERED[status.state]}
                  {status.problem ? (
                    <p className="mt-1 text-base" data-testid="live-problem">
                      {status.problem}
                    </p>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
