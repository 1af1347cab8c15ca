import { quantile, type Measured } from "./measure";
import { HALF_YEAR_WEEKS, MIRROR_DAYS, type MirrorFigures } from "./mirror-part";

/**
 * The live mirror's figures (scripts/bench/mirror-part.ts) beside issue 12's targets, as Markdown: one line per
 * figure, what was measured, the target and whether it was met, then a sentence on what each one measures.
 */
const ms = (value: number) => (value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`);
const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;
const percentiles = (values: number[], qs: number[], format: (value: number) => string) => qs.map((q) => `p${q * 100} ${format(quantile(values, q))}`).join(" · ");
const verdict = (met: boolean) => (met ? "met" : "**missed**");
const walls = (measured: Measured) => measured.samples.map((sample) => sample.wallMs);
const graphs = (measured: Measured) => measured.samples.map((sample) => sample.graph);
const range = (values: number[]) => (Math.min(...values) === Math.max(...values) ? String(values[0]) : `${Math.min(...values)}–${Math.max(...values)}`);
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function mirrorTable(figures: MirrorFigures, latencyMs: number): string {
  const { availability, firstRounds, polling, notifications, acknowledgements } = figures;
  const mirrorWalls = walls(availability.mirror);
  const liveWalls = walls(availability.live);
  const p90 = quantile(mirrorWalls, 0.9);
  const roundTrips = (values: number[]) => `${(quantile(values, 0.5) / latencyMs).toFixed(2)} round trips at p50`;
  const lines: string[][] = [
    [
      `Availability from the mirror: ${availability.resources} rooms × ${MIRROR_DAYS} days of 30-minute slots, ${availability.mirror.samples.length} runs`,
      `${percentiles(mirrorWalls, [0.5, 0.9, 0.99], ms)} (${roundTrips(mirrorWalls)}); Graph requests ${range(graphs(availability.mirror))}; ${availability.periods.toLocaleString("en-GB")} periods in the answer`,
      "0 Graph requests, p90 < 50 ms",
      verdict(p90 < 50 && graphs(availability.mirror).every((count) => count === 0)),
    ],
    [
      `… just after a round (the copy's version moved before each run: its events read from the database), ${availability.afterRound.samples.length} runs`,
      `${percentiles(walls(availability.afterRound), [0.5, 0.9, 0.99], ms)} (${roundTrips(walls(availability.afterRound))}); Graph requests ${range(graphs(availability.afterRound))}`,
      "0 Graph requests, p90 < 50 ms",
      verdict(quantile(walls(availability.afterRound), 0.9) < 50 && graphs(availability.afterRound).every((count) => count === 0)),
    ],
    [
      `The same call live (every mirror stale), ${availability.live.samples.length} runs`,
      `${percentiles(liveWalls, [0.5, 0.9, 0.99], ms)} (${roundTrips(liveWalls)}); Graph requests ${range(graphs(availability.live))}; ${(quantile(liveWalls, 0.5) / quantile(mirrorWalls, 0.5)).toFixed(1)}× the mirror's p50`,
      "— (the baseline)",
      "",
    ],
  ];
  if ("notMeasured" in notifications) lines.push(["Outlook event → mirror, change notifications", `not measured: ${notifications.notMeasured}`, "p95 ≤ 5 s", ""]);
  else {
    lines.push([
      `Outlook event → mirror, change notifications, ${notifications.latenciesMs.length} events one after another`,
      `${percentiles(notifications.latenciesMs, [0.5, 0.95], seconds)} · max ${seconds(Math.max(...notifications.latenciesMs))} (the emulator posts ${notifications.deliveryDelayMs} ms after the change)`,
      "p95 ≤ 5 s",
      verdict(quantile(notifications.latenciesMs, 0.95) <= 5000),
    ]);
    lines.push([`… ${notifications.burstMs.length} rooms' events added at once`, `${percentiles(notifications.burstMs, [0.5, 0.95], seconds)} · max ${seconds(Math.max(...notifications.burstMs))}`, "p95 ≤ 5 s", verdict(quantile(notifications.burstMs, 0.95) <= 5000)]);
  }
  if ("notMeasured" in polling) lines.push(["Outlook event → mirror, polling", `not measured: ${polling.notMeasured}`, "≤ the interval", ""]);
  else {
    const interval = polling.intervalSeconds * 1000;
    lines.push([
      `Outlook event → mirror, polling every ${polling.intervalSeconds} s (HUB_SYNC_INTERVAL_SECONDS), ${polling.latenciesMs.length} events one after another`,
      `${percentiles(polling.latenciesMs, [0.5, 0.95], seconds)} · max ${seconds(Math.max(...polling.latenciesMs))}`,
      `≤ ${polling.intervalSeconds} s (the interval)`,
      verdict(quantile(polling.latenciesMs, 0.95) <= interval),
    ]);
  }
  if ("notMeasured" in acknowledgements) lines.push(["Webhook acknowledgement", `not measured: ${acknowledgements.notMeasured}`, "p99 < 500 ms", ""]);
  else {
    lines.push([
      `Webhook acknowledgement, ${acknowledgements.ackMs.length} change-notification POSTs`,
      `${percentiles(acknowledgements.ackMs, [0.5, 0.99], ms)} · max ${ms(Math.max(...acknowledgements.ackMs))}; ${acknowledgements.failed} not 2xx`,
      "p99 < 500 ms",
      verdict(quantile(acknowledgements.ackMs, 0.99) < 500 && acknowledgements.failed === 0),
    ]);
  }
  const { before, after, measured } = firstRounds;
  const round = measured.samples[0]!;
  lines.push([
    `Mirror size: ${after.mirrors} mirrors, ${firstRounds.rooms} rooms with ${HALF_YEAR_WEEKS} weeks of events (about ${Math.round(after.events / firstRounds.rooms)} each)`,
    `${after.events.toLocaleString("en-GB")} MirrorEvent rows, ${megabytes(after.bytes)} (${Math.round(after.bytes / Math.max(1, after.events))} bytes an event, indexes included; before the half year: ${before.events.toLocaleString("en-GB")} rows, ${megabytes(before.bytes)})`,
    "— (reported)",
    "",
  ]);
  lines.push([
    `The first full rounds of those ${firstRounds.resources} mirrors`,
    `${seconds(round.wallMs)} (${(firstRounds.resources / (round.wallMs / 1000)).toFixed(1)} rounds a second), ${round.graph} Graph requests, hub CPU ${ms(round.hubCpuMs)}, emulator CPU ${ms(round.emulatorCpuMs)}` +
      (firstRounds.failed.length > 0 ? `; ${firstRounds.failed.length} round${firstRounds.failed.length === 1 ? "" : "s"} failed (${[...new Set(firstRounds.failed)].join(", ")}) and ran again at once` : "; no round failed"),
    "— (reported)",
    "",
  ]);
  const header = ["Figure", "Measured", "Target", ""];
  const rule = ["---", "---", "---", "---"];
  return [header, rule, ...lines].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

export const MIRROR_NOTES = `- **Availability from the mirror** is getAvailability as staff call it (a server action over HTTP), for the first 20
  rooms over 31 days, answered from the hub's own copy of their calendars while it is fresh; **live** is the same call
  on the same hub a moment later, after the bench set every mirror's last round a day back (stale), so the hub reads
  Microsoft (getSchedule) as it did before the mirror. The two answers are compared period by period before anything is
  timed: a difference fails the bench. The hub keeps what it read of the copy for a range while the copy's version
  (its last round, its count of changes told) stands, so repeated calls are answered without reading the copy's
  events; **just after a round** moves the version before each run (as any round does, a quiet poll too), so each
  call reads them from the database. Each answer is checked after its call was timed. Runs: ten times \`--runs\`
  from the mirror (for a p99), each way; \`--runs\` live.
- **Outlook event → mirror** is the time from the control call that adds an event to a room's calendar (as its owner
  would in Outlook) until the hub's MirrorEvent table holds it, looked for every 50 ms; each event in another room.
  With **change notifications** the emulator POSTs to the hub's notification URL (over http://localhost), the hub
  acknowledges and runs that room's delta round; Microsoft's own delivery takes longer than the emulator's delay
  (under a minute on average, Learn says), so this is the hub's share. With **polling** the hub was restarted with
  HUB_NOTIFICATIONS=off and a short HUB_SYNC_INTERVAL_SECONDS; the wait is for that room's next round.
- **Webhook acknowledgement** is the emulator's own clock on each change-notification POST to the hub, from sending
  it to the hub's answer (\`ackMs\` of the control API's deliveries), over every POST of the notification samples.
- **Mirror size** counts the pages of the CalendarMirror and MirrorEvent tables and their indexes in the SQLite file
  (the \`dbstat\` virtual table), after every mirror read its whole window (yesterday to the rooms' Book up to, 366
  days) once half a year of events (26 weeks of the bench's week of 30, a recurring series a week) was added to each
  room, their change notifications dropped at the emulator meanwhile; **first full rounds** is the wall time from
  making every round due (their deltaLinks forgotten) to the last one saved, as the hub's scheduler runs them in the
  background (at most 8 at once per process, the next due one started as each ends). A round that fails is made due again at once by
  the bench (the hub itself would wait for its next time); the failures are listed. This part runs last: the
  emulator's calendar reads scan every event it stores (for each series, every event again), so with 65,000 stored
  events its CPU, not the hub's, is most of that time — compare Hub CPU with Emulator CPU.`;
