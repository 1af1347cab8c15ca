import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { checkThrottle, clearFailures, delayFor, recordFailure } from "./throttle";

const keys = { email: "someone@example.gov.uk", client: "203.0.113.9" };
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 27, 12, minutes));

beforeEach(async () => {
  await db.signInThrottle.deleteMany();
});

describe("sign-in throttling", () => {
  it("lets the first failures through at full speed, then slows down", async () => {
    for (let i = 0; i < 2; i++) await recordFailure(keys, at(0));
    expect(await checkThrottle(keys, at(1))).toEqual({ locked: false, delayMs: 0 });
    await recordFailure(keys, at(1));
    expect(await checkThrottle(keys, at(1))).toEqual({ locked: false, delayMs: 500 });
  });

  it("locks an address for 15 minutes after 10 failures, whatever the client", async () => {
    for (let i = 0; i < 10; i++) await recordFailure(keys, at(i));
    const decision = await checkThrottle({ ...keys, client: "198.51.100.1" }, at(10));
    expect(decision).toEqual({ locked: true, retryAt: at(9 + 15) });
    expect(await checkThrottle(keys, at(25))).toEqual({ locked: false, delayMs: 0 });
  });

  it("forgets failures older than the window and after a success", async () => {
    for (let i = 0; i < 5; i++) await recordFailure(keys, at(0));
    expect((await checkThrottle(keys, at(1))).locked).toBe(false);
    expect(await checkThrottle(keys, at(16))).toEqual({ locked: false, delayMs: 0 });
    await clearFailures(keys.email);
    expect(await db.signInThrottle.count({ where: { key: `email:${keys.email}` } })).toBe(0);
  });

  it("counts failures from one client across addresses", async () => {
    for (let i = 0; i < 50; i++) await recordFailure({ email: `user${i}@example.gov.uk`, client: keys.client }, at(1));
    expect((await checkThrottle({ email: "fresh@example.gov.uk", client: keys.client }, at(2))).locked).toBe(true);
  });

  it("caps the delay at three seconds", () => {
    expect(delayFor(100, { slowAfter: 3, lockAfter: 10 })).toBe(3_000);
  });
});
