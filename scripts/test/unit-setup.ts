import { afterAll } from "vitest";
import { isolateData } from "./isolated-data";

/**
 * Every unit test file runs against its own real, migrated database (SQLite, or PostgreSQL when TEST_DATABASE_URL
 * names a server) and its own generated secrets.
 */
/**
 * The unit tests' clock starts at a fixed moment, Wednesday 2 December 2026 at 09:00 UTC, and then runs at the real
 * pace: `Date` reads the real clock shifted by a constant (timers are untouched). Their bookings are on fixed dates in
 * January 2027, a few weeks ahead of that moment whatever the real date: without it they would fall into the past, and
 * be refused as such, once the real date passed them. The emulator runs in the same process, so the hub and Microsoft
 * agree on the time.
 */
export const UNIT_TEST_CLOCK_START = new Date("2026-12-02T09:00:00Z");
const RealDate = Date;
const shift = UNIT_TEST_CLOCK_START.getTime() - RealDate.now();
const now = () => RealDate.now() + shift;
globalThis.Date = new Proxy(RealDate, {
  construct: (target, args, newTarget) => Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget) as object,
  apply: () => new RealDate(now()).toString(),
  get: (target, property, receiver) => (property === "now" ? now : Reflect.get(target, property, receiver)),
});

delete process.env.MICROSOFT_LOGIN_URL;
delete process.env.MICROSOFT_GRAPH_URL;
const isolated = await isolateData("hub-unit-");

afterAll(async () => {
  // The file's client holds connections to its database: close them before the database is dropped.
  const globalDb = (globalThis as { hubDb?: { $disconnect(): Promise<void> } }).hubDb;
  await globalDb?.$disconnect();
  await isolated.remove();
});
