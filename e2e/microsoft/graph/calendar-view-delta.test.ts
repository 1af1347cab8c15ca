import { beforeEach, describe, expect, it } from "vitest";
import { emulatorForThisFile } from "../../../scripts/test/emulator";
import { USERS } from "../directory";
import { dateAhead, datePlus, graphClient, type GraphAnswer } from "./test-client";

/**
 * calendarView delta over HTTPS: a full round paged through @odata.nextLink to the @odata.deltaLink, then rounds
 * that report only what changed (created, updated, @removed), and 410 SyncStateNotFound once the state is gone.
 */
const { emulator, control } = emulatorForThisFile();
const { graph, delegatedToken, appToken } = graphClient(emulator, control);

const DAY = dateAhead(2, 3);
const NEXT_DAY = datePlus(DAY, 1);
const FAR = dateAhead(10, 3);
const at = (date: string, time: string) => `${date}T${time}:00Z`;
const WINDOW = `startDateTime=${at(DAY, "00:00")}&endDateTime=${at(NEXT_DAY, "23:59")}`;
const PAGE_OF_TWO = { prefer: "odata.maxpagesize=2" };

type Item = Record<string, unknown>;

let alice: string;

beforeEach(async () => {
  await control().reset();
  alice = await delegatedToken(USERS.alice.email);
});

/** Follows nextLinks to the end of the round; answers every page and the deltaLink. */
async function round(token: string, url: string, headers: Record<string, string> = PAGE_OF_TWO) {
  const pages: GraphAnswer[] = [];
  let next: string | undefined = url;
  while (next) {
    const page = await graph(token, "GET", next, undefined, headers);
    expect(page.status).toBe(200);
    pages.push(page);
    next = page.body["@odata.nextLink"] as string | undefined;
  }
  const deltaLink = pages.at(-1)?.body["@odata.deltaLink"] as string;
  const items = pages.flatMap((page) => (page.body.value ?? []) as Item[]);
  return { pages, items, deltaLink };
}

const subjects = (items: Item[]) => items.filter((item) => !item["@removed"]).map((item) => item.subject);
const removedIds = (items: Item[]) => items.filter((item) => item["@removed"]).map((item) => item.id);

async function seedFive() {
  return control().setMailboxEvents(
    USERS.alice.email,
    ["One", "Two", "Three", "Four", "Five"].map((subject, index) => ({
      subject,
      start: at(DAY, `${String(9 + index).padStart(2, "0")}:00`),
      end: at(DAY, `${String(9 + index).padStart(2, "0")}:30`),
    })),
  );
}

describe("a full round", () => {
  it("pages with Prefer: odata.maxpagesize through absolute nextLinks that carry only a $skiptoken, to a deltaLink", async () => {
    await seedFive();
    const { pages, items, deltaLink } = await round(alice, `/me/calendarView/delta?${WINDOW}`);

    expect(pages.map((page) => page.body.value?.length)).toEqual([2, 2, 1]);
    expect(subjects(items)).toEqual(["One", "Two", "Three", "Four", "Five"]);
    for (const page of pages.slice(0, -1)) {
      const next = new URL(String(page.body["@odata.nextLink"]));
      expect(`${next.origin}${next.pathname}`).toBe(`${emulator().graphUrl}/v1.0/me/calendarView/delta`);
      expect([...next.searchParams.keys()]).toEqual(["$skiptoken"]);
      expect(page.body["@odata.deltaLink"]).toBeUndefined();
      expect(page.headers.get("preference-applied")).toBe("odata.maxpagesize=2");
    }
    const delta = new URL(deltaLink);
    expect([...delta.searchParams.keys()]).toEqual(["$deltatoken"]);
    expect(pages.at(-1)?.body["@odata.nextLink"]).toBeUndefined();
    // The events are calendarView's: full JSON, UTC unless a zone is preferred.
    expect(items[0]).toMatchObject({ type: "singleInstance", start: { dateTime: `${DAY}T09:00:00.0000000`, timeZone: "UTC" } });
  });

  it("holds 10 events a page by default, fewer when the control API lowers maxPageSize, and honours outlook.timezone", async () => {
    await control().setMailboxEvents(
      USERS.alice.email,
      Array.from({ length: 12 }, (_, index) => ({ subject: `E${index}`, start: at(DAY, "12:00"), end: at(DAY, "13:00") })),
    );
    const byDefault = await round(alice, `/me/calendarView/delta?${WINDOW}`, {});
    expect(byDefault.pages.map((page) => page.body.value?.length)).toEqual([10, 2]);

    await control().setConfig({ maxPageSize: 5 });
    const capped = await round(alice, `/me/calendarView/delta?${WINDOW}`, { prefer: 'odata.maxpagesize=50, outlook.timezone="Europe/London"' });
    expect(capped.pages.map((page) => page.body.value?.length)).toEqual([5, 5, 2]);
    expect(capped.pages[0]?.headers.get("preference-applied")).toBe('odata.maxpagesize=5, outlook.timezone="Europe/London"');
    expect(capped.items[0]).toMatchObject({ start: { timeZone: "Europe/London" } });
  });

  it("expands series into the window's occurrences", async () => {
    await control().setMailboxEvents(USERS.alice.email, [
      {
        subject: "Stand-up",
        start: at(DAY, "08:00"),
        end: at(DAY, "08:15"),
        recurrence: { pattern: { type: "daily", interval: 1 }, range: { type: "numbered", startDate: DAY, numberOfOccurrences: 5 } },
      },
    ]);
    const { items } = await round(alice, `/me/calendarView/delta?${WINDOW}`);
    expect(items.map((item) => [item.subject, item.type])).toEqual([
      ["Stand-up", "occurrence"],
      ["Stand-up", "occurrence"],
    ]);
    expect(items[0]?.seriesMasterId).toEqual(expect.any(String));
  });

  it("refuses $select and the other options delta does not support", async () => {
    for (const option of ["$select=subject", "$filter=subject%20eq%20'x'", "$orderby=start/dateTime"]) {
      const answer = await graph(alice, "GET", `/me/calendarView/delta?${WINDOW}&${option}`);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: "ErrorInvalidUrlQuery" });
    }
    expect((await graph(alice, "GET", "/me/calendarView/delta")).status).toBe(400);
  });

  it("is read like calendarView: a named calendar, another mailbox only with access, and logged like other Graph requests", async () => {
    const [teamEvents] = (await control().mailboxCalendars(USERS.alice.email)).filter((calendar) => !calendar.isDefault);
    await control().setMailboxEvents(USERS.alice.email, [{ subject: "Team", start: at(DAY, "10:00"), end: at(DAY, "11:00") }], { calendar: teamEvents?.name });
    await control().clearRequests();
    const named = await round(alice, `/me/calendars/${encodeURIComponent(teamEvents?.id ?? "")}/calendarView/delta?${WINDOW}`);
    expect(subjects(named.items)).toEqual(["Team"]);
    expect((await round(alice, `/me/calendarView/delta?${WINDOW}`)).items).toEqual([]);
    const logged = (await control().requests()).filter((request) => request.path.includes("/calendarView/delta"));
    expect(logged.map((request) => request.status)).toEqual([200, 200]);

    const bob = await delegatedToken(USERS.bob.email);
    expect((await graph(bob, "GET", `/users/${USERS.alice.email}/calendarView/delta?${WINDOW}`)).status).toBe(403);
    const app = await appToken();
    expect((await graph(app, "GET", `/users/${USERS.alice.email}/calendarView/delta?${WINDOW}`)).status).toBe(200);
  });
});

describe("the next round", () => {
  it("reports only what changed: new and updated events in full, @removed for deleted ones and ones moved out of the window", async () => {
    const [one, two, three] = await seedFive();
    const first = await round(alice, `/me/calendarView/delta?${WINDOW}`);

    const unchanged = await round(alice, first.deltaLink);
    expect(unchanged.items).toEqual([]);

    const created = await graph(alice, "POST", "/me/events", {
      subject: "Six",
      start: { dateTime: `${NEXT_DAY}T09:00:00`, timeZone: "UTC" },
      end: { dateTime: `${NEXT_DAY}T10:00:00`, timeZone: "UTC" },
    });
    expect(created.status).toBe(201);
    expect((await graph(alice, "PATCH", `/me/events/${encodeURIComponent(one?.id ?? "")}`, { subject: "One (renamed)" })).status).toBe(200);
    expect((await graph(alice, "DELETE", `/me/events/${encodeURIComponent(two?.id ?? "")}`)).status).toBe(204);
    await control().changeMailboxEvent(USERS.alice.email, three?.id ?? "", { start: at(FAR, "09:00"), end: at(FAR, "10:00") });

    const second = await round(alice, unchanged.deltaLink);
    expect(subjects(second.items).sort()).toEqual(["One (renamed)", "Six"]);
    expect(removedIds(second.items).sort()).toEqual([two?.id, three?.id].sort());
    expect(second.items.find((item) => item["@removed"])).toEqual({ "@odata.type": "#microsoft.graph.event", id: expect.any(String), "@removed": { reason: "deleted" } });

    // A deltaLink can be followed again: it reports the same changes (the same item may come twice).
    expect(removedIds((await round(alice, unchanged.deltaLink)).items).sort()).toEqual([two?.id, three?.id].sort());
    expect((await round(alice, second.deltaLink)).items).toEqual([]);
  });

  it("reports a deleted occurrence as @removed and a changed one in full", async () => {
    await control().setMailboxEvents(USERS.alice.email, [
      {
        subject: "Stand-up",
        start: at(DAY, "08:00"),
        end: at(DAY, "08:15"),
        recurrence: { pattern: { type: "daily", interval: 1 }, range: { type: "numbered", startDate: DAY, numberOfOccurrences: 5 } },
      },
    ]);
    const first = await round(alice, `/me/calendarView/delta?${WINDOW}`);
    const [monday, tuesday] = first.items;
    expect((await graph(alice, "DELETE", `/me/events/${encodeURIComponent(String(monday?.id))}`)).status).toBe(204);
    expect((await graph(alice, "PATCH", `/me/events/${encodeURIComponent(String(tuesday?.id))}`, { subject: "Stand-up (moved)" })).status).toBe(200);

    const next = await round(alice, first.deltaLink);
    expect(next.items.filter((item) => !item["@removed"]).map((item) => [item.subject, item.type])).toEqual([["Stand-up (moved)", "exception"]]);
    // The changed occurrence became an exception with its own id: the occurrence's id is gone from the view.
    expect(removedIds(next.items).sort()).toEqual([monday?.id, tuesday?.id].sort());
  });

  it("answers 410 SyncStateNotFound once the sync state expired, for one mailbox or all", async () => {
    await seedFive();
    const app = await appToken();
    const alices = await round(alice, `/me/calendarView/delta?${WINDOW}`);
    const pageOne = await graph(alice, "GET", `/me/calendarView/delta?${WINDOW}`, undefined, PAGE_OF_TWO);
    const rooms = await round(app, `/users/${USERS.room.email}/calendarView/delta?${WINDOW}`);

    expect(await control().expireDeltaTokens({ mailbox: USERS.alice.email })).toEqual({ expired: expect.any(Number) });
    for (const link of [alices.deltaLink, String(pageOne.body["@odata.nextLink"])]) {
      const gone = await graph(alice, "GET", link);
      expect(gone.status).toBe(410);
      expect(gone.body.error).toMatchObject({ code: "SyncStateNotFound" });
    }
    expect((await graph(app, "GET", rooms.deltaLink)).status).toBe(200);

    await control().expireDeltaTokens();
    expect((await graph(app, "GET", rooms.deltaLink)).status).toBe(410);
    // A full sync starts again without a token.
    expect(subjects((await round(alice, `/me/calendarView/delta?${WINDOW}`)).items)).toHaveLength(5);
  });

  it("does not take another calendar's token", async () => {
    const app = await appToken();
    const alices = await round(alice, `/me/calendarView/delta?${WINDOW}`);
    const onRoom = alices.deltaLink.replace("/me/", `/users/${USERS.room.email}/`);
    expect((await graph(app, "GET", onRoom)).status).toBe(410);
  });
});
