import type { Metadata } from "next";
import { DateTime } from "luxon";
import { findFreeResources, listResources } from "@/app/actions/calendar";
import { FindRoomForm, type FindRoomErrors } from "@/components/bookings/FindRoomForm";
import { Breadcrumbs } from "@/components/layout/Breadcrumbs";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { ProgressLink } from "@/components/ui/Pending";
import { Warning } from "@/components/ui/notices";
import { requirePageUser } from "@/lib/auth/session";
import { dateFromParts, dateFromQuery, dateInWords } from "@/lib/resources/day-view";
import { RESOURCE_KINDS } from "@/lib/resources/schemas";
import { readSiteTimeZone } from "@/lib/site-settings";

export const metadata: Metadata = { title: "Find a room" };

type Query = Record<string, string | string[] | undefined>;
const single = (value: string | string[] | undefined) => (typeof value === "string" ? value.trim() : "");

/** Find a room's results: the rooms free for the whole time asked, best fit first, each with Book. */
export default async function FindRoomPage({ searchParams }: { searchParams: Promise<Query> }) {
  await requirePageUser("staff");
  const [query, timeZone] = await Promise.all([searchParams, readSiteTimeZone()]);
  const typed = dateFromParts(single(query.onDay), single(query.onMonth), single(query.onYear));
  const values = {
    date: "date" in typed ? typed.date : dateFromQuery(undefined, timeZone),
    time: single(query.time),
    duration: single(query.duration),
    people: single(query.people),
    building: single(query.building),
    wheelchair: single(query.wheelchair) === "on",
  };
  const errors: FindRoomErrors = {};
  if ("problem" in typed) errors.on = typed.problem;
  if (!/^([01]?\d|2[0-3]):[0-5]\d$/.test(values.time)) errors.time = "Enter a start time on the 24-hour clock, like 14:30";
  if (values.people && !/^\d+$/.test(values.people)) errors.people = "Number of people must be a whole number, like 12";

  const minutes = Number(values.duration) || 60;
  const start = DateTime.fromISO(`${values.date}T${values.time.padStart(5, "0")}`, { zone: timeZone });
  const search =
    Object.keys(errors).length === 0
      ? await findFreeResources({
          start: start.toISO()!,
          end: start.plus({ minutes }).toISO()!,
          timeZone,
          kind: "room",
          ...(values.people ? { minCapacity: Number(values.people) } : {}),
          ...(values.building ? { building: values.building } : {}),
          ...(values.wheelchair ? { wheelchairAccessible: true } : {}),
        })
      : null;
  if (search && !search.ok && search.error.field) errors[search.error.field === "minCapacity" ? "people" : "time"] = search.error.message;
  const resources = await listResources({ kind: "room" });
  const buildings = resources.ok ? [...new Set(resources.data.flatMap((room) => (room.building ? [room.building] : [])))].sort() : [];
  const free = search?.ok ? search.data.free.filter((room) => room.showOnBookingPage) : [];
  const unknown = search?.ok ? search.data.unknown.filter((room) => room.showOnBookingPage) : [];
  const when = start.isValid ? `${dateInWords(values.date)}, ${start.toFormat("HH:mm")} to ${start.plus({ minutes }).toFormat("HH:mm")}` : "";

  return (
    <>
      <Breadcrumbs trail={[{ href: "/bookings", label: "Bookings" }, { label: "Find a room" }]} />
      <h1>Find a room</h1>
      <ErrorSummary
        errors={[
          ...Object.entries(errors).map(([field, message]) => ({ field, message })),
          ...(search && !search.ok && !search.error.field ? [{ message: search.error.message }] : []),
        ]}
      />
      {search?.ok ? (
        <section aria-labelledby="results-heading" className="mb-12" data-testid="find-results">
          <h2 id="results-heading">{free.length === 0 ? "No rooms are free then" : `${free.length} room${free.length === 1 ? " is" : "s are"} free`}</h2>
          <p className="mb-4">
            {when}
            {values.people ? `, for ${values.people} people` : ""}.
          </p>
          <ul className="space-y-4">
            {free.map((room) => (
              <li key={room.id} className="border-l-4 border-ok pl-4" data-testid="free-room">
                <p className="text-xl font-bold">{room.name}</p>
                <p className="text-base">
                  {[RESOURCE_KINDS[room.kind], room.building, room.capacity ? `seats ${room.capacity}` : null, room.wheelchairAccessible ? "wheelchair accessible" : null]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
                <ProgressLink href={`/bookings?${new URLSearchParams({ resource: room.id, date: values.date })}`} className="hub-button mt-2 inline-block">
                  Book<span className="sr-only"> {room.name}</span>
                </ProgressLink>
              </li>
            ))}
          </ul>
          {unknown.length > 0 ? (
            <Warning title="Microsoft did not say whether these rooms are free" testId="find-unknown">
              <ul className="list-disc pl-6">
                {unknown.map((room) => (
                  <li key={room.id}>
                    {room.name}: {room.error.message}
                  </li>
                ))}
              </ul>
              <p>They are not offered until Microsoft answers.</p>
            </Warning>
          ) : null}
        </section>
      ) : null}
      <h2>Search again</h2>
      <FindRoomForm buildings={buildings} date={values.date} values={values} errors={errors} />
    </>
  );
}
