import Link from "next/link";
import { Address } from "@/components/ui/Address";
import type { CalendarReach } from "@/lib/resources/reach";
import type { Resource } from "@/lib/resources/resources";
import { RESOURCE_KINDS, WHO_CAN_BOOK } from "@/lib/resources/schemas";

/**
 * Every resource, for administrators: what it is, where, and the calendar behind it (tagged when it is booked by
 * invitation rather than directly). Stacks on a phone.
 */
export function ResourcesTable({ resources, reaches }: { resources: Resource[]; reaches: Map<string, CalendarReach> }) {
  return (
    <table className="hub-table text-base" data-testid="resources">
      <caption className="sr-only">Resources</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Kind</th>
          <th scope="col">Building</th>
          <th scope="col">Floor</th>
          <th scope="col">Capacity</th>
          <th scope="col">Calendar</th>
          <th scope="col">Who can book</th>
          <th scope="col">Booking page</th>
        </tr>
      </thead>
      <tbody>
        {resources.map((resource) => {
          const reach = reaches.get(resource.id);
          return (
            <tr key={resource.id} data-testid="resource-row">
              <th scope="row">
                <Link href={`/utilities/resources/${resource.id}`} className="hub-link">
                  {resource.name}
                </Link>
              </th>
              <td data-label="Kind">{RESOURCE_KINDS[resource.kind]}</td>
              <td data-label="Building">{resource.building ?? <span className="text-muted">Not given</span>}</td>
              <td data-label="Floor">{resource.floor ?? <span className="text-muted">Not given</span>}</td>
              <td data-label="Capacity" data-testid="resource-capacity">
                {resource.capacity ?? <span className="text-muted">Not given</span>}
              </td>
              <td data-label="Calendar">
                <Address>{resource.calendar.address}</Address>
                <div className="text-muted">
                  {reach?.short}
                  {reach?.through && reach.how !== "application" ? (
                    <>
                      {" "}
                      (<Address>{`through ${reach.through}`}</Address>)
                    </>
                  ) : null}
                </div>
                {reach?.missing || resource.booking.mode === "invitation" ? (
                  <div className="mt-1 flex flex-wrap gap-2">
                    {reach?.missing ? <strong className="hub-tag bg-[#fcd6c3] text-[#6e3619]">Not reachable</strong> : null}
                    {resource.booking.mode === "invitation" ? (
                      <strong className="hub-tag bg-[#bbd4ea] text-[#0c2d4a]" data-testid="resource-booking-mode">
                        By invitation
                      </strong>
                    ) : null}
                  </div>
                ) : null}
              </td>
              <td data-label="Who can book">{WHO_CAN_BOOK[resource.whoCanBook]}</td>
              <td data-label="Booking page">{resource.showOnBookingPage ? "Shown" : "Hidden"}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
