import { ProgressLink } from "@/components/ui/Pending";
import { RESOURCE_KINDS } from "@/lib/resources/schemas";
import type { ResourceSummary } from "@/lib/resources/resources";

/** The resources staff may book, grouped by building, each with what people choose a room by. */
export function ResourceChooser({ resources, date }: { resources: ResourceSummary[]; date: string }) {
  if (resources.length === 0) {
    return <p data-testid="no-resources">No rooms or resources can be booked yet. A hub administrator adds them under Utilities › Resources.</p>;
  }
  const buildings = [...new Set(resources.map((resource) => resource.building ?? ""))];
  return (
    <div data-testid="resource-chooser">
      {buildings.map((building) => (
        <section key={building} aria-labelledby={`building-${building || "none"}`} className="mb-8">
          <h3 id={`building-${building || "none"}`}>{building || "Other resources"}</h3>
          <ul className="space-y-4">
            {resources
              .filter((resource) => (resource.building ?? "") === building)
              .map((resource) => (
                <li key={resource.id} className="border-l-4 border-line pl-4" data-testid="resource-choice">
                  <ProgressLink href={`/bookings?${new URLSearchParams({ resource: resource.id, date })}`} className="hub-link text-xl font-bold">
                    {resource.name}
                  </ProgressLink>
                  <p className="text-base">
                    {[
                      RESOURCE_KINDS[resource.kind],
                      resource.capacity ? `seats ${resource.capacity}` : null,
                      resource.floor ? `floor ${resource.floor}` : null,
                      resource.wheelchairAccessible ? "wheelchair accessible" : null,
                      resource.placesPerSlot > 1 ? `${resource.placesPerSlot} places per time` : null,
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </p>
                  {resource.description ? <p className="text-base text-muted">{resource.description}</p> : null}
                </li>
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
