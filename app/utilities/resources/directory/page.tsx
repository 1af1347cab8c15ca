import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumbs } from "@/components/layout/Breadcrumbs";
import { DirectoryForm, type DirectorySection } from "@/components/resources/DirectoryForm";
import { Warning } from "@/components/ui/notices";
import { requirePageUser } from "@/lib/auth/session";
import { isHubError } from "@/lib/errors";
import { MAX_ROOMS_PER_ADDITION, readRoomDirectory, type RoomDirectory } from "@/lib/resources/directory";

export const metadata: Metadata = { title: "Add rooms from the directory" };

const byAddress = (
  <p>
    Adding a room by its address still works: add its mailbox under{" "}
    <Link href="/utilities/integrations/office365#mailboxes-heading" className="hub-link">
      Mailboxes with application access on the Office 365 page
    </Link>
    , then choose{" "}
    <Link href="/utilities/resources/new?how=application" className="hub-link">
      Add resource
    </Link>
    .
  </p>
);

export default async function DirectoryPage() {
  await requirePageUser("admin");
  let directory: RoomDirectory;
  try {
    directory = await readRoomDirectory();
  } catch (error) {
    if (!isHubError(error)) throw error;
    directory = { readable: false, reason: error };
  }
  return (
    <>
      <Breadcrumbs trail={[{ label: "Utilities" }, { href: "/utilities/resources", label: "Resources" }, { label: "Add rooms from the directory" }]} />
      <h1>Add rooms from the directory</h1>
      <p className="mb-4 max-w-3xl">
        Your Microsoft 365 organisation&rsquo;s rooms, by building (room list), from its room directory. Tick the rooms staff should book and choose Add selected
        rooms: each becomes a resource of kind Room with the directory&rsquo;s capacity, building, floor, accessibility and equipment, and the default rules
        (Monday to Friday 08:00 to 18:00), which you can change on its page. The hub reaches each room&rsquo;s calendar with application access, which needs
        the app&rsquo;s Calendars.ReadWrite application permission and admin consent.
      </p>
      <div className="mb-8 max-w-3xl border-l-8 border-line pl-4" data-testid="hidden-rooms-note">
        <p>
          Rooms hidden from the address list in Exchange are not returned by Microsoft, so they are not listed here. Add one by its address instead, as below.
        </p>
      </div>
      {directory.readable ? (
        <>
          {directory.truncated ? (
            <Warning title="Microsoft has more rooms than the hub lists at once" testId="directory-truncated">
              <p>Some buildings or rooms are left out. Add those by their address.</p>
              {byAddress}
            </Warning>
          ) : null}
          <DirectoryForm sections={sections(directory)} limit={MAX_ROOMS_PER_ADDITION} />
          <div className="mt-10 max-w-3xl text-base text-muted">{byAddress}</div>
        </>
      ) : (
        <Warning title="The hub cannot read the room directory" testId="directory-unreadable">
          <p>{directory.reason.message}</p>
          {byAddress}
        </Warning>
      )}
    </>
  );
}

function sections(directory: Extract<RoomDirectory, { readable: true }>): DirectorySection[] {
  const buildings = directory.buildings.map((building, index) => ({
    key: `building-${index + 1}`,
    name: building.roomList.name,
    location: building.roomList.location,
    rooms: building.rooms,
  }));
  return directory.otherRooms.length > 0 ? [...buildings, { key: "other-rooms", name: "Other rooms", location: "In no room list", rooms: directory.otherRooms }] : buildings;
}
