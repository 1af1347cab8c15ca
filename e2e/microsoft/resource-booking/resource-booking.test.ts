import { beforeEach, describe, expect, it, vi } from "vitest";
import { emulatorForThisFile } from "../../../scripts/test/emulator";
import { USERS } from "../directory";
import { dateAhead, datePlus, graphClient, london, type GraphAnswer } from "../graph/test-client";
import { ROOMS } from "../places/seed";

/**
 * Rooms answering the meetings they are invited to, over HTTPS: the organizer (Alice, delegated) writes into her own
 * calendar with a room among the attendees; the room's answer shows on her event and its calendar holds the copy.
 */
const { emulator, control } = emulatorForThisFile();
const { graph, appToken, delegatedToken } = graphClient(emulator, control);

const ROOM = ROOMS.committeeRoom.email;
const TUESDAY = dateAhead(2, 2);
const NEXT_TUESDAY = dateAhead(3, 2);

let alice: string;

beforeEach(async () => {
  await control().reset();
  alice = await delegatedToken(USERS.alice.email);
});

type Attendee = { emailAddress: { address: string }; type: string; status: { response: string; time: string } };

const roomAttendee = (room = ROOM) => ({ emailAddress: { address: room, name: "Committee Room 1" }, type: "resource" });
const invitation = (extra: Record<string, unknown> = {}, room = ROOM) => ({
  subject: "Budget scrutiny",
  body: { contentType: "html", content: "<p>Draft figures attached</p>" },
  start: london(TUESDAY, "10:00"),
  end: london(TUESDAY, "11:00"),
  attendees: [roomAttendee(room), { emailAddress: { address: USERS.bob.email }, type: "required" }],
  ...extra,
});

const eventPath = (answer: GraphAnswer) => `/me/events/${encodeURIComponent(String(answer.body.id))}`;
const roomStatus = (event: Record<string, unknown>, room = ROOM) =>
  (event.attendees as Attendee[]).find((attendee) => attendee.emailAddress.address.toLowerCase() === room.toLowerCase())?.status;

async function responseOf(created: GraphAnswer, room = ROOM): Promise<string | undefined> {
  return roomStatus((await graph(alice, "GET", eventPath(created))).body, room)?.response;
}

/** The room's own calendar, as an app with Calendars.Read reads it. */
async function roomEvents(room = ROOM, from = `${TUESDAY}T00:00:00Z`, to = `${dateAhead(8, 2)}T00:00:00Z`) {
  const view = await graph(await appToken(), "GET", `/users/${room}/calendarView?startDateTime=${from}&endDateTime=${to}&$top=100`);
  expect(view.status).toBe(200);
  return view.body.value ?? [];
}

const weekly = (weeks: number) => ({
  pattern: { type: "weekly", interval: 1, daysOfWeek: ["tuesday"] },
  range: { type: "numbered", startDate: TUESDAY, numberOfOccurrences: weeks },
});

describe("an AutoAccept room (Exchange Online's default)", () => {
  it("accepts a free request: the organizer sees it accepted, the room's calendar has its own copy", async () => {
    const created = await graph(alice, "POST", "/me/events", invitation({ transactionId: "7e1f0000-0000-4000-8000-000000000001", isOnlineMeeting: true }));
    expect(created.status).toBe(201);
    // Exchange answers asynchronously: the create's own answer never carries the room's response.
    expect(roomStatus(created.body)).toEqual({ response: "none", time: "0001-01-01T00:00:00Z" });

    const organizerEvent = (await graph(alice, "GET", eventPath(created))).body;
    expect(roomStatus(organizerEvent)).toEqual({ response: "accepted", time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/) });
    // Only rooms answer: Bob has no copy and no answer.
    expect((organizerEvent.attendees as Attendee[])[1]?.status.response).toBe("none");
    expect(await control().mailboxEvents(USERS.bob.email)).toEqual([]);

    const [copy] = await roomEvents();
    expect(copy).toMatchObject({
      subject: "Alice Admin",
      body: { contentType: "html", content: "" },
      iCalUId: created.body.iCalUId,
      transactionId: null,
      showAs: "busy",
      isOrganizer: false,
      responseStatus: { response: "accepted" },
      organizer: { emailAddress: { address: USERS.alice.email, name: "Alice Admin" } },
      isOnlineMeeting: true,
      onlineMeeting: created.body.onlineMeeting,
    });
    expect(copy?.id).not.toBe(created.body.id);
    expect(copy?.start).toEqual(organizerEvent.start);
  });

  it("declines a request that conflicts with the room's calendar, and keeps no copy of it", async () => {
    await control().setMailboxEvents(ROOM, [{ subject: "Held", start: london(TUESDAY, "10:30"), end: london(TUESDAY, "12:00") }]);
    const created = await graph(alice, "POST", "/me/events", invitation());
    expect(await responseOf(created)).toBe("declined");
    expect((await roomEvents()).map((event) => event.subject)).toEqual(["Held"]);
  });

  it("is not made busy by free items, and may double-book single meetings when AllowConflicts is true", async () => {
    await control().setMailboxEvents(ROOM, [{ subject: "Free", start: london(TUESDAY, "10:00"), end: london(TUESDAY, "11:00"), showAs: "free" }]);
    expect(await responseOf(await graph(alice, "POST", "/me/events", invitation()))).toBe("accepted");
    expect(await responseOf(await graph(alice, "POST", "/me/events", invitation({ subject: "Second" })))).toBe("declined");
    await control().setCalendarProcessing(ROOM, { allowConflicts: true });
    expect(await responseOf(await graph(alice, "POST", "/me/events", invitation({ subject: "Third" })))).toBe("accepted");
  });

  it("declines a weekly series with one conflicting week, and books only its free weeks with AllowConflicts", async () => {
    await control().setMailboxEvents(ROOM, [{ subject: "Held", start: london(NEXT_TUESDAY, "10:00"), end: london(NEXT_TUESDAY, "11:00") }]);
    const declined = await graph(alice, "POST", "/me/events", invitation({ recurrence: weekly(4) }));
    expect(await responseOf(declined)).toBe("declined");
    expect((await roomEvents()).map((event) => event.subject)).toEqual(["Held"]);

    await control().setCalendarProcessing(ROOM, { allowConflicts: true });
    const accepted = await graph(alice, "POST", "/me/events", invitation({ subject: "Series", recurrence: weekly(4) }));
    expect(await responseOf(accepted)).toBe("accepted");
    // The room never double-books for a series: the conflicting week is declined, the others are in its calendar.
    const room = await roomEvents();
    expect(room.map((event) => [event.subject, String((event.start as { dateTime: string }).dateTime).slice(0, 10)])).toEqual([
      ["Alice Admin", TUESDAY],
      ["Held", NEXT_TUESDAY],
      ["Alice Admin", dateAhead(4, 2)],
      ["Alice Admin", dateAhead(5, 2)],
    ]);
    const organizer = await graph(alice, "GET", `/me/calendarView?startDateTime=${TUESDAY}T00:00:00Z&endDateTime=${dateAhead(8, 2)}T00:00:00Z&$top=50`);
    const mine = (organizer.body.value ?? []).filter((event) => event.seriesMasterId === accepted.body.id);
    expect(mine.map((event) => roomStatus(event)?.response)).toEqual(["accepted", "declined", "accepted", "accepted"]);
  });

  it("accepts a series within both conflict limits, declining its conflicting dates", async () => {
    await control().setMailboxEvents(ROOM, [{ subject: "Held", start: london(NEXT_TUESDAY, "10:00"), end: london(NEXT_TUESDAY, "11:00") }]);
    // Either limit declines on its own: one conflict in three dates is 33%, over ConflictPercentageAllowed 0.
    await control().setCalendarProcessing(ROOM, { maximumConflictInstances: 1 });
    expect(await responseOf(await graph(alice, "POST", "/me/events", invitation({ recurrence: weekly(3) })))).toBe("declined");
    await control().setCalendarProcessing(ROOM, { conflictPercentageAllowed: 50 });
    const created = await graph(alice, "POST", "/me/events", invitation({ recurrence: weekly(3) }));
    expect(await responseOf(created)).toBe("accepted");
    const [copy] = (await control().mailboxEvents(ROOM)).filter((event) => event.iCalUId === created.body.iCalUId);
    expect(copy).toMatchObject({ type: "seriesMaster", responseStatus: "accepted", deletedOccurrences: [expect.stringContaining(NEXT_TUESDAY)] });
  });

  it("declines what its policy forbids: too long, past the booking window, a series with no end, a reserved room", async () => {
    const long = await graph(alice, "POST", "/me/events", invitation({ end: london(datePlus(TUESDAY, 1), "11:00") }));
    expect(await responseOf(long)).toBe("declined");
    const far = dateAhead(30, 2);
    const late = await graph(alice, "POST", "/me/events", invitation({ start: london(far, "10:00"), end: london(far, "11:00") }));
    expect(await responseOf(late)).toBe("declined");
    const endless = await graph(alice, "POST", "/me/events", invitation({ recurrence: { ...weekly(1), range: { type: "noEnd", startDate: TUESDAY } } }));
    expect(await responseOf(endless)).toBe("declined");
    await control().setCalendarProcessing(ROOM, { enforceSchedulingHorizon: false });
    const cut = await graph(alice, "POST", "/me/events", invitation({ subject: "Cut", recurrence: { ...weekly(1), range: { type: "noEnd", startDate: TUESDAY } } }));
    expect(await responseOf(cut)).toBe("accepted");
    const [copy] = (await control().mailboxEvents(ROOM)).filter((event) => event.iCalUId === cut.body.iCalUId);
    expect(copy?.recurrence?.range).toMatchObject({ type: "endDate", endDate: expect.any(String) });

    const parlour = ROOMS.mayorsParlour.email;
    expect(await responseOf(await graph(alice, "POST", "/me/events", invitation({}, parlour)), parlour)).toBe("declined");
  });

  it("keeps the subject and body when DeleteSubject and DeleteComments are off", async () => {
    await control().setCalendarProcessing(ROOM, { deleteSubject: false, deleteComments: false });
    await graph(alice, "POST", "/me/events", invitation());
    const [copy] = await roomEvents();
    expect(copy).toMatchObject({ subject: "Alice Admin Budget scrutiny", body: { content: "<p>Draft figures attached</p>" } });
  });
});

describe("changes and cancellations", () => {
  it("answers again when the meeting moves: declined at a busy time, accepted at a free one", async () => {
    await control().setMailboxEvents(ROOM, [{ subject: "Held", start: london(TUESDAY, "14:00"), end: london(TUESDAY, "15:00") }]);
    const created = await graph(alice, "POST", "/me/events", invitation());
    expect(await responseOf(created)).toBe("accepted");

    const moved = await graph(alice, "PATCH", eventPath(created), { start: london(TUESDAY, "14:00"), end: london(TUESDAY, "15:00") });
    // The organizer's copy forgets the answers as the meeting moves; the room answers afterwards.
    expect(roomStatus(moved.body)?.response).toBe("none");
    expect(await responseOf(created)).toBe("declined");
    expect((await roomEvents()).map((event) => event.subject)).toEqual(["Held"]);

    await graph(alice, "PATCH", eventPath(created), { start: london(TUESDAY, "16:00"), end: london(TUESDAY, "17:00") });
    expect(await responseOf(created)).toBe("accepted");
    const room = await roomEvents();
    expect(room.map((event) => [event.subject, String((event.start as { dateTime: string }).dateTime).slice(11, 16)])).toEqual([
      ["Held", "14:00"],
      ["Alice Admin", "16:00"],
    ]);

    // A change that is not a new time keeps the answer and updates the room's copy.
    await graph(alice, "PATCH", eventPath(created), { location: { displayName: "Committee Room 1" } });
    expect(await responseOf(created)).toBe("accepted");
    expect((await roomEvents()).at(-1)?.location).toMatchObject({ displayName: "Committee Room 1" });
  });

  it("removes a cancelled occurrence from the room's copy, and the whole copy when the series is deleted", async () => {
    const created = await graph(alice, "POST", "/me/events", invitation({ recurrence: weekly(3) }));
    expect(await responseOf(created)).toBe("accepted");
    expect(await roomEvents()).toHaveLength(3);

    const view = await graph(alice, "GET", `/me/calendarView?startDateTime=${TUESDAY}T00:00:00Z&endDateTime=${dateAhead(8, 2)}T00:00:00Z`);
    const second = view.body.value?.[1];
    expect((await graph(alice, "POST", `/me/events/${encodeURIComponent(String(second?.id))}/cancel`, {})).status).toBe(202);
    const room = await roomEvents();
    expect(room.map((event) => String((event.start as { dateTime: string }).dateTime).slice(0, 10))).toEqual([TUESDAY, dateAhead(4, 2)]);

    expect((await graph(alice, "DELETE", eventPath(created))).status).toBe(204);
    expect(await roomEvents()).toEqual([]);
  });

  it("answers a moved occurrence for that date alone", async () => {
    await control().setMailboxEvents(ROOM, [{ subject: "Held", start: london(NEXT_TUESDAY, "15:00"), end: london(NEXT_TUESDAY, "16:00") }]);
    const created = await graph(alice, "POST", "/me/events", invitation({ recurrence: weekly(3) }));
    const view = await graph(alice, "GET", `/me/calendarView?startDateTime=${TUESDAY}T00:00:00Z&endDateTime=${dateAhead(8, 2)}T00:00:00Z`);
    const second = view.body.value?.[1];
    const moved = await graph(alice, "PATCH", `/me/events/${encodeURIComponent(String(second?.id))}`, { start: london(NEXT_TUESDAY, "15:00"), end: london(NEXT_TUESDAY, "16:00") });
    expect(moved.body.type).toBe("exception");
    expect(roomStatus((await graph(alice, "GET", `/me/events/${encodeURIComponent(String(moved.body.id))}`)).body)?.response).toBe("declined");
    expect(await responseOf(created)).toBe("accepted");
    expect((await roomEvents()).map((event) => event.subject)).toEqual(["Alice Admin", "Held", "Alice Admin"]);
  });

  it("bypasses processing for writes straight into the room's calendar, as application access does at Microsoft", async () => {
    const app = await appToken();
    const direct = await graph(app, "POST", `/users/${ROOM}/events`, invitation());
    expect(direct.status).toBe(201);
    const read = await graph(app, "GET", `/users/${ROOM}/events/${encodeURIComponent(String(direct.body.id))}`);
    expect(read.body).toMatchObject({ subject: "Budget scrutiny", isOrganizer: true });
    expect(roomStatus(read.body)?.response).toBe("none");
  });

  it("gives no answer to an organizer outside the room's tenant unless it processes external requests", async () => {
    const carol = await delegatedToken(USERS.carol.email);
    const external = await graph(carol, "POST", "/me/events", invitation());
    expect(roomStatus((await graph(carol, "GET", eventPath(external))).body)?.response).toBe("none");
    await control().setCalendarProcessing(ROOM, { processExternalMeetingMessages: true });
    const processed = await graph(carol, "POST", "/me/events", invitation({ subject: "Again" }));
    expect(roomStatus((await graph(carol, "GET", eventPath(processed))).body)?.response).toBe("accepted");
  });
});

describe("AutoUpdate, None and a processing delay", () => {
  it("AutoUpdate: the request waits in the room's calendar, tentative, until a delegate accepts it", async () => {
    await control().setCalendarProcessing(ROOM, { automateProcessing: "AutoUpdate" });
    const created = await graph(alice, "POST", "/me/events", invitation());
    expect(await responseOf(created)).toBe("none");
    const [pending] = await roomEvents();
    // The subject and body rules are AutoAccept's: a delegate sees the request as sent.
    expect(pending).toMatchObject({ subject: "Budget scrutiny", showAs: "tentative", responseStatus: { response: "notResponded" } });

    const answer = await control().answerAsRoomDelegate(ROOM, { iCalUId: String(created.body.iCalUId), response: "accepted" });
    expect(answer).toMatchObject({ organizerEventId: created.body.id, response: "accepted" });
    expect(await responseOf(created)).toBe("accepted");
    expect((await roomEvents())[0]).toMatchObject({ showAs: "busy", responseStatus: { response: "accepted" } });

    const second = await graph(alice, "POST", "/me/events", invitation({ subject: "Other", start: london(TUESDAY, "12:00"), end: london(TUESDAY, "13:00") }));
    await control().answerAsRoomDelegate(ROOM, { iCalUId: String(second.body.iCalUId), response: "declined" });
    expect(await responseOf(second)).toBe("declined");
    expect(await roomEvents()).toHaveLength(1);
    await expect(control().answerAsRoomDelegate(ROOM, { iCalUId: "040000008200E00074C5B7101A82E008", response: "accepted" })).rejects.toThrow(/404/);
  });

  it("None: nothing answers and nothing is written", async () => {
    await control().setCalendarProcessing(ROOM, { automateProcessing: "None" });
    const created = await graph(alice, "POST", "/me/events", invitation());
    expect(await responseOf(created)).toBe("none");
    expect(await roomEvents()).toEqual([]);
  });

  it("answers after its processing delay: until then the organizer's event shows no response", async () => {
    await control().setCalendarProcessing(ROOM, { processingDelayMs: 300 });
    const created = await graph(alice, "POST", "/me/events", invitation());
    expect(await responseOf(created)).toBe("none");
    expect(await roomEvents()).toEqual([]);
    await vi.waitFor(async () => expect(await responseOf(created)).toBe("accepted"), { timeout: 3000, interval: 100 });
    expect(await roomEvents()).toHaveLength(1);
  });

  it("keeps its settings per room, refuses other mailboxes, and forgets them at a reset", async () => {
    expect(await control().calendarProcessing(ROOM)).toMatchObject({
      automateProcessing: "AutoAccept", allowConflicts: false, bookingWindowInDays: 180, maximumDurationInMinutes: 1440,
      addOrganizerToSubject: true, deleteSubject: true, deleteComments: true, allowRecurringMeetings: true, processingDelayMs: 0,
    });
    expect(await control().setCalendarProcessing(ROOM, { bookingWindowInDays: 7 })).toMatchObject({ bookingWindowInDays: 7, automateProcessing: "AutoAccept" });
    expect(await control().calendarProcessing(USERS.room.email)).toMatchObject({ bookingWindowInDays: 180 });
    await expect(control().setCalendarProcessing(USERS.alice.email, { allowConflicts: true })).rejects.toThrow(/not a room/);
    await expect(control().setCalendarProcessing(ROOM, { bookingWindowInDays: 2000 })).rejects.toThrow(/400/);
    await control().reset();
    expect(await control().calendarProcessing(ROOM)).toMatchObject({ bookingWindowInDays: 180 });
  });
});
