import "server-only";
import { graphFor, resolveSource, type SourceRef } from "./sources";

/** The calendars of a connected account, of a mailbox shared with it, or of an application-access mailbox. */
export type CalendarInfo = { id: string; name: string; owner: { name: string | null; address: string | null }; canEdit: boolean; isDefault: boolean };

type GraphCalendar = {
  id: string;
  name?: string;
  canEdit?: boolean;
  isDefaultCalendar?: boolean;
  owner?: { name?: string | null; address?: string | null } | null;
};

export async function listCalendars(ref: SourceRef): Promise<CalendarInfo[]> {
  const source = await resolveSource(ref);
  const calendars = await graphFor(
    source,
    async (client) => {
      const found: GraphCalendar[] = [];
      let page = (await client.api(`${source.path}/calendars`).top(100).get()) as { value: GraphCalendar[]; "@odata.nextLink"?: string };
      found.push(...page.value);
      while (page["@odata.nextLink"]) {
        page = await client.api(page["@odata.nextLink"]).get();
        found.push(...page.value);
      }
      return found;
    },
    { permission: source.readPermission },
  );
  return calendars.map((calendar) => ({
    id: calendar.id,
    name: calendar.name ?? "Calendar",
    owner: { name: calendar.owner?.name ?? null, address: calendar.owner?.address ?? null },
    canEdit: calendar.canEdit ?? false,
    isDefault: calendar.isDefaultCalendar ?? false,
  }));
}
