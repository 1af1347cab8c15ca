import "server-only";
import { graphFor, resolveSource, type CalendarSource, type SourceRef } from "./sources";

/** The calendars of a connected account, of a mailbox shared with it, or of an application-access mailbox. */
export type CalendarInfo = {
  id: string;
  name: string;
  owner: { name: string | null; address: string | null };
  canEdit: boolean;
  isDefault: boolean;
  /** The online meetings its events can have ("teamsForBusiness"…): Teams is offered only when it is among them. */
  onlineMeetingProviders: string[];
};

type GraphCalendar = {
  id: string;
  name?: string;
  canEdit?: boolean;
  isDefaultCalendar?: boolean;
  owner?: { name?: string | null; address?: string | null } | null;
  allowedOnlineMeetingProviders?: string[] | null;
};

const SELECT = ["id", "name", "canEdit", "isDefaultCalendar", "owner", "allowedOnlineMeetingProviders"];
/** A mailbox rarely has more; beyond this many calendars the list is cut rather than read on and on. */
const MAX_PAGES = 10;

const toInfo = (calendar: GraphCalendar): CalendarInfo => ({
  id: calendar.id,
  name: calendar.name ?? "Calendar",
  owner: { name: calendar.owner?.name ?? null, address: calendar.owner?.address ?? null },
  canEdit: calendar.canEdit ?? false,
  isDefault: calendar.isDefaultCalendar ?? false,
  onlineMeetingProviders: calendar.allowedOnlineMeetingProviders ?? [],
});

export async function listCalendars(ref: SourceRef): Promise<CalendarInfo[]> {
  const source = await resolveSource(ref);
  const calendars = await graphFor(
    source,
    async (client) => {
      const found: GraphCalendar[] = [];
      let page = (await client.api(`${source.path}/calendars`).select(SELECT).top(250).get()) as { value: GraphCalendar[]; "@odata.nextLink"?: string };
      found.push(...page.value);
      for (let pages = 1; page["@odata.nextLink"] && pages < MAX_PAGES; pages++) {
        page = await client.api(page["@odata.nextLink"]).get();
        found.push(...page.value);
      }
      return found;
    },
    { permission: source.readPermission },
  );
  return calendars.map(toInfo);
}

/** One calendar by its id: what the booking page needs to name it, without listing every calendar. */
export async function readCalendar(source: CalendarSource, calendarId: string): Promise<CalendarInfo> {
  const calendar = (await graphFor(source, (client) => client.api(`${source.path}/calendars/${encodeURIComponent(calendarId)}`).select(SELECT).get(), {
    permission: source.readPermission,
    subject: `that calendar of ${source.label}`,
  })) as GraphCalendar;
  return toInfo(calendar);
}

/** A mailbox's default calendar (where an organiser's invitations are written). */
export async function readDefaultCalendar(source: CalendarSource): Promise<CalendarInfo> {
  const calendar = (await graphFor(source, (client) => client.api(`${source.path}/calendar`).select(SELECT).get(), {
    permission: source.readPermission,
    subject: `the calendar of ${source.label}`,
  })) as GraphCalendar;
  return toInfo(calendar);
}

/** Whether events in a calendar can be Teams meetings (Microsoft ignores the request otherwise). */
export const allowsTeams = (providers: readonly string[] | null | undefined) => (providers ?? []).includes("teamsForBusiness");
