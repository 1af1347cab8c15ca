import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { delayFor, lockAfterFailure, recordSuccess, reserveAttempt } from "./throttle";

const keys = { email: "someone@example.gov.uk", client: "203.0.113.9" };
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 27, 12, minutes));
const emailRow = () => db.signInThrottle.findUnique({ where: { key: `email:${keys.email}` } });

beforeEach(async () => {
  await db.signInThrottle.deleteMany();
});

describe("sign-in throttling", () => {
  it("lets the first attempts through at full speed, then slows down", async () => {
    for (let i = 0; i < 3; i++) expect(await reserveAttempt(keys, at(0))).toEqual({ locked: false, delayMs: 0 });
    expect(await reserveAttempt(keys, at(1))).toEqual({ locked: false, delayMs: 500 });
    expect(await reserveAttempt(keys, at(1))).toEqual({ locked: false, delayMs: 1_000 });
  });

  it("locks an address for 15 minutes at its 10th failure, whatever the client", async () => {
    for (let i = 0; i < 10; i++) expect((await reserveAttempt(keys, at(i))).locked).toBe(false);
    expect(await lockAfterFailure(keys, at(9))).toEqual(at(9 + 15));
    expect(await reserveAttempt({ ...keys, client: "198.51.100.1" }, at(10))).toEqual({ locked: true, retryAt: at(9 + 15) });
    expect(await reserveAttempt(keys, at(25))).toEqual({ locked: false, delayMs: 0 });
  });

  it("counts 40 concurrent attempts exactly: 10 are checked, 30 refused before any password is looked at", async () => {
    const now = at(0);
    const decisions = await Promise.all(Array.from({ length: 40 }, () => reserveAttempt(keys, now)));
    expect(decisions.filter((decision) => !decision.locked)).toHaveLength(10);
    expect(decisions.filter((decision) => decision.locked)).toHaveLength(30);
    expect(await emailRow()).toMatchObject({ failures: 10, lockedUntil: at(15) });
  });

  it("a correct password inside a locked burst is refused, and does not clear the count", async () => {
    for (let i = 0; i < 10; i++) await reserveAttempt(keys, at(1));
    // The right password arrives: it is refused before it is checked, and its success could not undo the lock.
    expect((await reserveAttempt(keys, at(2))).locked).toBe(true);
    await recordSuccess(keys, at(2));
    expect(await emailRow()).toMatchObject({ failures: 10 });
    expect((await reserveAttempt(keys, at(3))).locked).toBe(true);
  });

  it("a success clears the address's count and gives the client's place back", async () => {
    for (let i = 0; i < 5; i++) await reserveAttempt(keys, at(0));
    await recordSuccess(keys, at(1));
    expect(await emailRow()).toBeNull();
    expect(await db.signInThrottle.findUnique({ where: { key: `client:${keys.client}` } })).toMatchObject({ failures: 4 });
  });

  it("forgets failures older than the window", async () => {
    for (let i = 0; i < 5; i++) await reserveAttempt(keys, at(0));
    expect(await reserveAttempt(keys, at(16))).toEqual({ locked: false, delayMs: 0 });
    expect(await emailRow()).toMatchObject({ failures: 1, firstFailureAt: at(16) });
  });

  it("counts failures from one client across addresses", async () => {
    for (let i = 0; i < 50; i++) await reserveAttempt({ email: `user${i}@example.gov.uk`, client: keys.client }, at(1));
    expect((await reserveAttempt({ email: "fresh@example.gov.uk", client: keys.client }, at(2))).locked).toBe(true);
  });

  it("caps the delay at three seconds", () => {
    expect(delayFor(100, { slowAfter: 3, lockAfter: 10 })).toBe(3_000);
  });
});
