import { beforeEach, describe, expect, it } from "vitest";
import { emulatorForThisFile } from "../../../scripts/test/emulator";
import { USERS } from "../directory";
import { graphClient, london, type GraphAnswer } from "../graph/test-client";

/** Monthly, yearly and relative series over HTTPS: created through Graph, expanded by calendarView. */
const { emulator, control } = emulatorForThisFile();
const { graph, delegatedToken } = graphClient(emulator, control);

let alice: string;

beforeEach(async () => {
  await control().reset();
  alice = await delegatedToken(USERS.alice.email);
});

async function series(pattern: Record<string, unknown>, range: Record<string, unknown>, start: string, time = "09:00"): Promise<GraphAnswer> {
  const end = `${String(Number(time.slice(0, 2)) + 1).padStart(2, "0")}${time.slice(2)}`;
  return graph(alice, "POST", "/me/events", { subject: "Series", start: london(start, time), end: london(start, end), recurrence: { pattern, range } });
}

/** The occurrences' starts in UTC between two dates. */
async function starts(from: string, to: string): Promise<string[]> {
  const view = await graph(alice, "GET", `/me/calendarView?startDateTime=${from}T00:00:00Z&endDateTime=${to}T00:00:00Z&$top=100`);
  expect(view.status).toBe(200);
  return (view.body.value ?? []).map((event) => `${String((event.start as { dateTime: string }).dateTime).slice(0, 16)}Z`);
}

describe("monthly and yearly series", () => {
  it("repeats on the 31st, on the last day of shorter months, keeping 09:00 London time across the clock change", async () => {
    const created = await series({ type: "absoluteMonthly", interval: 1, dayOfMonth: 31 }, { type: "numbered", startDate: "2027-01-31", numberOfOccurrences: 6 }, "2027-01-31");
    expect(created.status).toBe(201);
    expect(created.body.recurrence).toEqual({
      pattern: { type: "absoluteMonthly", interval: 1, month: 0, dayOfMonth: 31, daysOfWeek: [], firstDayOfWeek: "sunday", index: "first" },
      range: { type: "numbered", startDate: "2027-01-31", endDate: "0001-01-01", recurrenceTimeZone: "Europe/London", numberOfOccurrences: 6 },
    });
    // British Summer Time starts on 28 March 2027: 09:00 in London is then 08:00 UTC.
    expect(await starts("2027-01-01", "2027-12-31")).toEqual([
      "2027-01-31T09:00Z", "2027-02-28T09:00Z", "2027-03-31T08:00Z", "2027-04-30T08:00Z", "2027-05-31T08:00Z", "2027-06-30T08:00Z",
    ]);
  });

  it("repeats on the second Tuesday until an end date, and on the last Friday with no end", async () => {
    await series({ type: "relativeMonthly", interval: 1, daysOfWeek: ["Tuesday"], index: "second" }, { type: "endDate", startDate: "2027-01-01", endDate: "2027-04-13" }, "2027-01-12", "10:00");
    expect(await starts("2027-01-01", "2027-06-01")).toEqual(["2027-01-12T10:00Z", "2027-02-09T10:00Z", "2027-03-09T10:00Z", "2027-04-13T09:00Z"]);

    await control().reset();
    alice = await delegatedToken(USERS.alice.email);
    await series({ type: "relativeMonthly", interval: 1, daysOfWeek: ["friday"], index: "last" }, { type: "noEnd", startDate: "2027-01-01" }, "2027-01-29", "16:00");
    expect(await starts("2027-01-01", "2027-06-01")).toEqual(["2027-01-29T16:00Z", "2027-02-26T16:00Z", "2027-03-26T16:00Z", "2027-04-30T15:00Z", "2027-05-28T15:00Z"]);
    expect(await starts("2030-12-01", "2031-01-01")).toEqual(["2030-12-27T16:00Z"]);
  });

  it("counts an interval from the first month that has an occurrence (Learn's 'first Thursday of every other month')", async () => {
    await series({ type: "relativeMonthly", interval: 2, daysOfWeek: ["thursday"], index: "first" }, { type: "noEnd", startDate: "2027-08-29" }, "2027-08-29", "14:00");
    expect(await starts("2027-08-01", "2028-02-01")).toEqual(["2027-09-02T13:00Z", "2027-11-04T14:00Z", "2028-01-06T14:00Z"]);
  });

  it("repeats yearly on 29 February (the 28th in other years) and on the last Wednesday of November", async () => {
    await series({ type: "absoluteYearly", interval: 1, dayOfMonth: 29, month: 2 }, { type: "numbered", startDate: "2028-02-29", numberOfOccurrences: 5 }, "2028-02-29");
    expect(await starts("2028-01-01", "2034-01-01")).toEqual(["2028-02-29T09:00Z", "2029-02-28T09:00Z", "2030-02-28T09:00Z", "2031-02-28T09:00Z", "2032-02-29T09:00Z"]);

    await control().reset();
    alice = await delegatedToken(USERS.alice.email);
    const created = await series({ type: "relativeYearly", interval: 1, daysOfWeek: ["wednesday"], index: "last", month: 11 }, { type: "numbered", startDate: "2027-01-01", numberOfOccurrences: 3 }, "2027-11-24", "18:00");
    expect(created.body.recurrence).toMatchObject({ pattern: { type: "relativeYearly", month: 11, daysOfWeek: ["wednesday"], index: "last", dayOfMonth: 0 } });
    expect(await starts("2027-01-01", "2031-01-01")).toEqual(["2027-11-24T18:00Z", "2028-11-29T18:00Z", "2029-11-28T18:00Z"]);
  });

  it("refuses a pattern without the fields its type requires, or with values outside Graph's enums", async () => {
    const noDay = await series({ type: "absoluteMonthly", interval: 1 }, { type: "noEnd", startDate: "2027-01-31" }, "2027-01-31");
    expect(noDay).toMatchObject({ status: 400, body: { error: { code: "ErrorInvalidRequest", message: expect.stringContaining("dayOfMonth") } } });
    const noMonth = await series({ type: "absoluteYearly", interval: 1, dayOfMonth: 3 }, { type: "noEnd", startDate: "2027-01-31" }, "2027-01-31");
    expect(noMonth.status).toBe(400);
    const fifth = await series({ type: "relativeMonthly", interval: 1, daysOfWeek: ["monday"], index: "fifth" }, { type: "noEnd", startDate: "2027-01-31" }, "2027-01-31");
    expect(fifth.status).toBe(400);
  });
});

describe("one occurrence of a series", () => {
  it("is read by its id, cancelled by the organizer, and gone with its series when the master is deleted", async () => {
    const created = await series({ type: "absoluteMonthly", interval: 1, dayOfMonth: 15 }, { type: "numbered", startDate: "2027-01-15", numberOfOccurrences: 4 }, "2027-01-15");
    const view = await graph(alice, "GET", "/me/calendarView?startDateTime=2027-01-01T00:00:00Z&endDateTime=2027-06-01T00:00:00Z");
    const second = view.body.value?.[1] ?? {};
    expect(second).toMatchObject({ type: "occurrence", seriesMasterId: created.body.id, start: { dateTime: "2027-02-15T09:00:00.0000000", timeZone: "UTC" } });

    const read = await graph(alice, "GET", `/me/events/${encodeURIComponent(String(second.id))}`);
    expect(read).toMatchObject({ status: 200, body: { id: second.id, type: "occurrence", subject: "Series" } });

    expect((await graph(alice, "POST", `/me/events/${encodeURIComponent(String(second.id))}/cancel`, { comment: "Not this month" })).status).toBe(202);
    expect(await starts("2027-01-01", "2027-06-01")).toEqual(["2027-01-15T09:00Z", "2027-03-15T09:00Z", "2027-04-15T08:00Z"]);
    expect((await graph(alice, "GET", `/me/events/${encodeURIComponent(String(second.id))}`)).status).toBe(404);

    expect((await graph(alice, "DELETE", `/me/events/${encodeURIComponent(String(created.body.id))}`)).status).toBe(204);
    expect(await starts("2027-01-01", "2027-06-01")).toEqual([]);
  });

  it("are listed by the master's instances in a window, deleted ones left out, and none for a single event", async () => {
    const created = await series({ type: "weekly", interval: 1, daysOfWeek: ["tuesday"], firstDayOfWeek: "sunday" }, { type: "numbered", startDate: "2027-01-05", numberOfOccurrences: 4 }, "2027-01-05");
    const master = encodeURIComponent(String(created.body.id));
    const list = async (from: string, to: string) => {
      const answer = await graph(alice, "GET", `/me/events/${master}/instances?startDateTime=${from}T00:00:00Z&endDateTime=${to}T00:00:00Z&$select=id,start,type`);
      expect(answer.status).toBe(200);
      return answer.body.value ?? [];
    };
    const all = await list("2027-01-01", "2027-03-01");
    expect(all.map((event) => String((event.start as { dateTime: string }).dateTime).slice(0, 10))).toEqual(["2027-01-05", "2027-01-12", "2027-01-19", "2027-01-26"]);
    expect((await list("2027-01-10", "2027-01-20")).length).toBe(2);

    expect((await graph(alice, "DELETE", `/me/events/${encodeURIComponent(String(all[1]!.id))}`)).status).toBe(204);
    expect((await list("2027-01-01", "2027-03-01")).map((event) => event.id)).toEqual([all[0]!.id, all[2]!.id, all[3]!.id]);
    expect((await graph(alice, "GET", `/me/events/${master}/instances`)).status).toBe(400);

    const single = await graph(alice, "POST", "/me/events", { subject: "Once", start: london("2027-01-06", "09:00"), end: london("2027-01-06", "10:00") });
    const none = await graph(alice, "GET", `/me/events/${encodeURIComponent(String(single.body.id))}/instances?startDateTime=2027-01-01T00:00:00Z&endDateTime=2027-03-01T00:00:00Z`);
    expect(none).toMatchObject({ status: 200, body: { value: [] } });
  });
});
