import { beforeEach, describe, expect, it } from "vitest";
import { emulatorForThisFile } from "../../../scripts/test/emulator";
import { TENANTS, USERS } from "../directory";
import { graphClient, london } from "../graph/test-client";

/** Teams meetings on Outlook events over HTTPS, and calendars that do not allow them. */
const { emulator, control } = emulatorForThisFile();
const { graph, delegatedToken } = graphClient(emulator, control);

const TEAMS = { isOnlineMeeting: true, onlineMeetingProvider: "teamsForBusiness" };
const meeting = (extra: Record<string, unknown> = {}) => ({
  subject: "Planning",
  body: { contentType: "html", content: "<p>Agenda to follow</p>" },
  start: london("2027-01-12", "10:00"),
  end: london("2027-01-12", "11:00"),
  ...extra,
});
const JOIN_URL = new RegExp(
  `^https://teams\\.microsoft\\.com/l/meetup-join/19%3ameeting_[A-Za-z0-9]+%40thread\\.v2/0\\?context=%7b%22Tid%22%3a%22${TENANTS.council.id}%22%2c%22Oid%22%3a%22${USERS.alice.id}%22%7d$`,
);

let alice: string;

beforeEach(async () => {
  await control().reset();
  alice = await delegatedToken(USERS.alice.email);
});

describe("a calendar that allows Teams", () => {
  it("lists Teams as its allowed and default provider", async () => {
    const calendar = await graph(alice, "GET", "/me/calendar");
    expect(calendar.body).toMatchObject({ allowedOnlineMeetingProviders: ["teamsForBusiness"], defaultOnlineMeetingProvider: "teamsForBusiness" });
  });

  it("gives a meeting created online its own join URL, and the join details in its body", async () => {
    const first = await graph(alice, "POST", "/me/events", meeting(TEAMS));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ isOnlineMeeting: true, onlineMeetingProvider: "teamsForBusiness", onlineMeetingUrl: null, onlineMeeting: { joinUrl: expect.stringMatching(JOIN_URL) } });
    expect(String(first.body.bodyPreview)).toContain("Microsoft Teams meeting");
    const second = await graph(alice, "POST", "/me/events", meeting({ isOnlineMeeting: true }));
    // isOnlineMeeting alone takes the calendar's default provider.
    expect(second.body).toMatchObject({ onlineMeetingProvider: "teamsForBusiness", onlineMeeting: { joinUrl: expect.stringMatching(JOIN_URL) } });
    expect((second.body.onlineMeeting as { joinUrl: string }).joinUrl).not.toBe((first.body.onlineMeeting as { joinUrl: string }).joinUrl);

    const offline = await graph(alice, "POST", "/me/events", meeting());
    expect(offline.body).toMatchObject({ isOnlineMeeting: false, onlineMeetingProvider: "unknown", onlineMeeting: null });
  });

  it("keeps an online meeting online: isOnlineMeeting false and another provider are ignored", async () => {
    const created = await graph(alice, "POST", "/me/events", meeting(TEAMS));
    const id = encodeURIComponent(String(created.body.id));
    const patched = await graph(alice, "PATCH", `/me/events/${id}`, { isOnlineMeeting: false, onlineMeetingProvider: "skypeForBusiness", subject: "Planning (moved)" });
    expect(patched).toMatchObject({ status: 200, body: { subject: "Planning (moved)", isOnlineMeeting: true, onlineMeetingProvider: "teamsForBusiness", onlineMeeting: created.body.onlineMeeting } });
    // An offline event can be made online later.
    const later = await graph(alice, "POST", "/me/events", meeting());
    const online = await graph(alice, "PATCH", `/me/events/${encodeURIComponent(String(later.body.id))}`, TEAMS);
    expect(online.body).toMatchObject({ isOnlineMeeting: true, onlineMeeting: { joinUrl: expect.stringMatching(JOIN_URL) } });
  });

  it("shares one join URL across a series' occurrences", async () => {
    const recurrence = { pattern: { type: "weekly", interval: 1, daysOfWeek: ["tuesday"] }, range: { type: "numbered", startDate: "2027-01-12", numberOfOccurrences: 3 } };
    const created = await graph(alice, "POST", "/me/events", meeting({ ...TEAMS, recurrence }));
    const view = await graph(alice, "GET", "/me/calendarView?startDateTime=2027-01-01T00:00:00Z&endDateTime=2027-02-01T00:00:00Z");
    expect(view.body.value).toHaveLength(3);
    for (const occurrence of view.body.value ?? []) expect(occurrence.onlineMeeting).toEqual(created.body.onlineMeeting);
  });

  it("answers a retried create (same transactionId) with the first meeting, join URL included", async () => {
    const body = meeting({ ...TEAMS, transactionId: "c0ffee00-0000-4000-8000-000000000001" });
    const first = await graph(alice, "POST", "/me/events", body);
    const retry = await graph(alice, "POST", "/me/events", body);
    expect(retry).toMatchObject({ status: 201, body: { id: first.body.id, onlineMeeting: first.body.onlineMeeting } });
  });
});

describe("a calendar without Teams", () => {
  it("creates the event without an online meeting: the provider is ignored, not refused", async () => {
    const [calendar] = await control().setOnlineMeetingProviders(USERS.alice.email, { allowedOnlineMeetingProviders: [] });
    expect(calendar).toMatchObject({ allowedOnlineMeetingProviders: [], defaultOnlineMeetingProvider: "unknown" });
    expect((await graph(alice, "GET", "/me/calendar")).body).toMatchObject({ allowedOnlineMeetingProviders: [], defaultOnlineMeetingProvider: "unknown" });

    const created = await graph(alice, "POST", "/me/events", meeting(TEAMS));
    expect(created).toMatchObject({ status: 201, body: { isOnlineMeeting: false, onlineMeetingProvider: "unknown", onlineMeeting: null } });
    expect(String(created.body.bodyPreview)).not.toContain("Teams");
  });

  it("can be one calendar of a mailbox; the others keep Teams", async () => {
    await control().setOnlineMeetingProviders(USERS.alice.email, { calendar: "Team events", allowedOnlineMeetingProviders: [] });
    const calendars = (await graph(alice, "GET", "/me/calendars")).body.value ?? [];
    expect(calendars.map((calendar) => [calendar.name, calendar.allowedOnlineMeetingProviders])).toEqual([
      ["Calendar", ["teamsForBusiness"]],
      ["Team events", []],
    ]);
    await expect(control().setOnlineMeetingProviders(USERS.alice.email, { allowedOnlineMeetingProviders: [], defaultOnlineMeetingProvider: "teamsForBusiness" })).rejects.toThrow(/400/);
  });
});
