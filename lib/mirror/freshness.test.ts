import { describe, expect, it } from "vitest";
import { mirrorWindow, sameWindow, staleness, type MirrorState } from "./freshness";

const NOW = Date.parse("2027-01-12T10:00:00Z");
const MINUTE = 60_000;
const synced: MirrorState = {
  mode: "notifications",
  windowStart: new Date("2027-01-11T00:00:00Z"),
  windowEnd: new Date("2027-07-12T00:00:00Z"),
  deltaLink: "https://graph.example/delta?$deltatoken=x",
  lastSyncAt: new Date(NOW - 5 * MINUTE),
  syncRequestedAt: null,
  subscriptionId: "sub-1",
  subscriptionExpiresAt: new Date(NOW + 48 * 60 * MINUTE),
  lifecyclePending: null,
};
const day = { start: Date.parse("2027-01-13T00:00:00Z"), end: Date.parse("2027-01-14T00:00:00Z") };
const POLL = 60_000;

describe("when the mirror may answer (anything else is read live)", () => {
  it("is fresh with an active subscription and a round in the last 30 minutes", () => {
    expect(staleness(synced, day, NOW, POLL)).toBe("fresh");
    expect(staleness({ ...synced, lastSyncAt: new Date(NOW - 29 * MINUTE) }, day, NOW, POLL)).toBe("fresh");
    expect(staleness({ ...synced, lastSyncAt: new Date(NOW - 31 * MINUTE) }, day, NOW, POLL)).toBe("too_old");
  });

  it("is stale while a change Microsoft told of waits for its round, and before the first round", () => {
    expect(staleness({ ...synced, syncRequestedAt: new Date(NOW - 1000) }, day, NOW, POLL)).toBe("change_pending");
    expect(staleness({ ...synced, lastSyncAt: null }, day, NOW, POLL)).toBe("never_synced");
    expect(staleness({ ...synced, deltaLink: null }, day, NOW, POLL)).toBe("never_synced");
  });

  it("is stale when the subscription expired, was removed, or a lifecycle event is unhandled", () => {
    expect(staleness({ ...synced, subscriptionExpiresAt: new Date(NOW - 1) }, day, NOW, POLL)).toBe("subscription_inactive");
    expect(staleness({ ...synced, subscriptionId: null }, day, NOW, POLL)).toBe("subscription_inactive");
    for (const event of ["missed", "reauthorizationRequired", "subscriptionRemoved"]) {
      expect(staleness({ ...synced, lifecyclePending: event }, day, NOW, POLL)).toBe("subscription_inactive");
    }
  });

  it("when polling, is fresh only within twice the interval", () => {
    const polling = { ...synced, mode: "polling" as const, subscriptionId: null, subscriptionExpiresAt: null };
    expect(staleness({ ...polling, lastSyncAt: new Date(NOW - 119_000) }, day, NOW, POLL)).toBe("fresh");
    expect(staleness({ ...polling, lastSyncAt: new Date(NOW - 121_000) }, day, NOW, POLL)).toBe("too_old");
  });

  it("answers only inside its window", () => {
    expect(staleness(synced, { start: Date.parse("2027-01-10T23:00:00Z"), end: day.end }, NOW, POLL)).toBe("outside_window");
    expect(staleness(synced, { start: day.start, end: Date.parse("2027-07-12T00:00:01Z") }, NOW, POLL)).toBe("outside_window");
  });
});

describe("the mirror's window", () => {
  it("runs from the start of yesterday to two days past Book up to, in the site's zone, and moves when the date does", () => {
    const window = mirrorWindow(180, "Europe/London", Date.parse("2027-06-15T23:30:00Z"));
    // 23:30 UTC is 00:30 on the 16th in London (BST): yesterday is the 15th.
    expect(window.start.toISOString()).toBe("2027-06-14T23:00:00.000Z");
    expect(window.end.toISOString()).toBe("2027-12-15T00:00:00.000Z");
    const later = mirrorWindow(180, "Europe/London", Date.parse("2027-06-16T10:00:00Z"));
    expect(sameWindow({ windowStart: window.start, windowEnd: window.end }, later)).toBe(true);
    const nextDay = mirrorWindow(180, "Europe/London", Date.parse("2027-06-16T23:30:00Z"));
    expect(sameWindow({ windowStart: window.start, windowEnd: window.end }, nextDay)).toBe(false);
  });

  it("never reaches more than 366 days ahead", () => {
    const window = mirrorWindow(5000, "UTC", Date.parse("2027-01-01T12:00:00Z"));
    expect(window.end.toISOString()).toBe("2028-01-04T00:00:00.000Z");
  });
});
