"use client";

import Link from "next/link";
import { useActionState } from "react";
import { addSelectedRooms, type DirectoryFormState } from "@/app/utilities/resources/actions";
import { Address } from "@/components/ui/Address";
import { Checkbox } from "@/components/ui/Checkbox";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { Banner } from "@/components/ui/notices";
import { SubmitButton } from "@/components/ui/SubmitButton";
import type { ListedRoom } from "@/lib/resources/directory";

export type DirectorySection = { key: string; name: string; location: string | null; rooms: ListedRoom[] };

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/**
 * The room directory as tick boxes, a section per building. Rooms that cannot be booked (reserved) or are already
 * resources are shown, without a tick box, saying why. Add selected rooms sends only the ticked addresses; the
 * result — what was added and what was refused, and why — takes focus.
 */
export function DirectoryForm({ sections, limit }: { sections: DirectorySection[]; limit: number }) {
  const [state, action] = useActionState<DirectoryFormState, FormData>(addSelectedRooms, { status: "idle", errors: {} });
  const ids = new Map<string, string>();
  for (const room of sections.flatMap((section) => section.rooms)) if (!ids.has(room.address)) ids.set(room.address, `room-${ids.size + 1}`);
  const firstTickable = sections.flatMap((section) => section.rooms).find((room) => tickable(room));
  const added = state.added ?? [];
  const refused = state.refused ?? [];
  const errors =
    state.status === "invalid"
      ? [
          ...(state.errors.form ? [{ message: state.errors.form }] : []),
          ...(state.errors.rooms ? [{ field: firstTickable ? ids.get(firstTickable.address) : undefined, message: state.errors.rooms }] : []),
        ]
      : state.status === "done" && added.length === 0
        ? refused.map((room) => ({ message: room.message }))
        : [];
  return (
    <>
      {state.status === "done" && added.length > 0 ? (
        <Banner kind="success" title={`${plural(added.length, "room")} added`} testId="rooms-added" focus={state}>
          <ul className="mb-2 list-disc space-y-1 pl-6">
            {added.map((room) => (
              <li key={room.address}>
                <Link href={`/utilities/resources/${room.resourceId}`} className="hub-link">
                  {room.name}
                </Link>
                {room.mailboxAdded ? " (its mailbox now has application access)" : null}
              </li>
            ))}
          </ul>
          {refused.length > 0 ? (
            <div data-testid="rooms-refused">
              <p className="font-bold">{plural(refused.length, "room was", "rooms were")} not added:</p>
              <ul className="list-disc space-y-1 pl-6">
                {refused.map((room) => (
                  <li key={room.address}>{room.message}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </Banner>
      ) : null}
      <ErrorSummary errors={errors} title={state.status === "done" ? "No rooms were added" : undefined} />
      <form action={action} noValidate>
        {sections.map((section) => (
          <section key={section.key} aria-labelledby={`${section.key}-heading`} className="mb-10" data-testid="directory-building">
            <h2 id={`${section.key}-heading`} className="!mb-1">
              {section.name}
            </h2>
            {section.location ? <p className="mb-4 text-muted">{section.location}</p> : <div className="mb-4" />}
            {section.rooms.length === 0 ? <p>Microsoft lists no rooms here.</p> : null}
            <ul className="space-y-4">
              {section.rooms.map((room) => (
                <li key={room.address} data-testid="directory-room" data-address={room.address}>
                  <RoomEntry room={room} id={ids.get(room.address)!} />
                </li>
              ))}
            </ul>
          </section>
        ))}
        <p className="mb-4 max-w-2xl text-muted">At most {limit} rooms at a time. The hub reads each room from Microsoft again before adding it.</p>
        <SubmitButton pendingText="Adding the rooms with Microsoft…">Add selected rooms</SubmitButton>
      </form>
    </>
  );
}

const tickable = (room: ListedRoom) => room.bookingType === "standard" && room.resource === null;

function RoomEntry({ room, id }: { room: ListedRoom; id: string }) {
  const facts = <RoomFacts room={room} />;
  if (tickable(room)) return <Checkbox name="room" id={id} value={room.address} label={<span className="font-bold">{room.name}</span>} hint={facts} className="" />;
  return (
    <div className="pl-[3.25rem]">
      <p className="font-bold">{room.name}</p>
      <div className="text-base text-muted">{facts}</div>
      {room.resource ? (
        <p className="mt-1 text-base" data-testid="room-status">
          <strong className="hub-tag bg-[#cce2d8] text-[#005a30]">Already a resource</strong>{" "}
          <Link href={`/utilities/resources/${room.resource.id}`} className="hub-link">
            {room.resource.name}
          </Link>
        </p>
      ) : (
        <p className="mt-1 text-base" data-testid="room-status">
          <strong className="hub-tag bg-panel text-ink">Cannot be booked</strong>{" "}
          {room.bookingType === "reserved"
            ? "Exchange lists it as reserved (first come, first served), so it takes no bookings."
            : "Microsoft does not say that it takes bookings."}
        </p>
      )}
    </div>
  );
}

function RoomFacts({ room }: { room: ListedRoom }) {
  const devices = [
    room.audioDevice ? `Audio: ${room.audioDevice}` : null,
    room.videoDevice ? `Video: ${room.videoDevice}` : null,
    room.displayDevice ? `Display: ${room.displayDevice}` : null,
  ].filter(Boolean);
  const where = [room.building, room.floor ? (/^[-\dA-Z]{1,3}$/.test(room.floor) ? `floor ${room.floor}` : room.floor) : null].filter(Boolean).join(", ");
  return (
    <>
      <span className="block">
        {[room.capacity ? `${plural(room.capacity, "person", "people")}` : "Capacity not given", where || null, room.wheelchairAccessible ? "Wheelchair accessible" : "Not wheelchair accessible"]
          .filter(Boolean)
          .join(" · ")}
      </span>
      {devices.length > 0 ? <span className="block">{devices.join(" · ")}</span> : null}
      <span className="block">
        <Address>{room.address}</Address>
      </span>
    </>
  );
}
