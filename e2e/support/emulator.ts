import { EmulatorControl } from "../microsoft/control-client";
import { sql } from "./database";
import { HUB } from "./hub";

/**
 * The emulator the hub under test talks to (the test runner trusts its certificate: see package.json test:e2e).
 *
 * Journeys change calendars behind the hub's back through the control API, as someone would in Outlook. The hub keeps
 * a copy of each resource's busy time (lib/mirror/); for a calendar it polls (those shared with an account, which
 * Microsoft sends no notifications for) it sees such a change only at its next poll, by design. Journeys about booking
 * are not about that wait: `microsoft` tells the hub after each such change that the mailbox's calendars changed, as a
 * change notification would (the hub then answers for them live until its next round). The copy's own journeys
 * (e2e/mirror.spec.ts) use `outlook`, which tells the hub nothing: the hub must notice by itself.
 */
export const outlook = new EmulatorControl(`https://localhost:${HUB.emulator.port}`);

async function changedBehindTheHubsBack(email: string): Promise<void> {
  const now = new Date();
  const owner = email.toLowerCase();
  await sql(`UPDATE "CalendarMirror" SET "syncRequestedAt" = ?, "changeSeq" = "changeSeq" + 1 WHERE "resourceId" IN (SELECT "id" FROM "Resource" WHERE "calendarOwner" = ?)`, [now, owner]);
  // And its next round is due now, as after a notification.
  await sql(`UPDATE "Job" SET "nextRunAt" = ? WHERE "name" IN (SELECT 'calendar-sync:' || "id" FROM "Resource" WHERE "calendarOwner" = ?)`, [now, owner]);
}

class JourneyControl extends EmulatorControl {
  override async setMailboxEvents(...args: Parameters<EmulatorControl["setMailboxEvents"]>) {
    const result = await super.setMailboxEvents(...args);
    await changedBehindTheHubsBack(args[0]);
    return result;
  }

  override async addMailboxEvents(...args: Parameters<EmulatorControl["addMailboxEvents"]>) {
    const result = await super.addMailboxEvents(...args);
    await changedBehindTheHubsBack(args[0]);
    return result;
  }

  override async changeMailboxEvent(...args: Parameters<EmulatorControl["changeMailboxEvent"]>) {
    const result = await super.changeMailboxEvent(...args);
    await changedBehindTheHubsBack(args[0]);
    return result;
  }

  override async deleteMailboxEvent(...args: Parameters<EmulatorControl["deleteMailboxEvent"]>) {
    const result = await super.deleteMailboxEvent(...args);
    await changedBehindTheHubsBack(args[0]);
    return result;
  }

  override async answerAsRoomDelegate(...args: Parameters<EmulatorControl["answerAsRoomDelegate"]>) {
    const result = await super.answerAsRoomDelegate(...args);
    await changedBehindTheHubsBack(args[0]);
    return result;
  }
}

/** A request of the hub's copy of calendars, made in the background on its own schedule (a delta round, a subscription). */
export const isMirrorRound = (request: { path: string }) => /\/calendarView\/delta\/?$|\/subscriptions(\/|$)/i.test(request.path);

export const microsoft = new JourneyControl(`https://localhost:${HUB.emulator.port}`);

/**
 * Every resource's copy of its calendar's busy time out of date and unable to catch up, as after an hour of failed
 * delta rounds: availability is then read from Microsoft (and unknown when it cannot answer), never from the copy.
 */
export async function outOfDateCopies() {
  await microsoft.addFault({ service: "graph", pathPattern: "calendarView/delta", status: 503, headers: { "Retry-After": "0" }, times: 1_000 });
  await sql(`UPDATE "CalendarMirror" SET "lastSyncAt" = ?`, [new Date(Date.now() - 3600_000)]);
}
export { APPS, USERS } from "../microsoft/directory";
