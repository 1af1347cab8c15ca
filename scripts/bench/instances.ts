// The PostgreSQL part of npm run bench (started by scripts/bench.ts, with TEST_DATABASE_URL naming the server): two
// hub instances on one PostgreSQL database, the same build, secrets and public address, as behind a load balancer.
// Availability through each instance (beside the SQLite rows of one instance), and 200 concurrent calls spread over
// both with Alice's access token expired: how many token requests Microsoft gets, and how long the calls take.
// Writes its rows as JSON to --rows-file.
import { writeFileSync } from "node:fs";
import { benchFlags, benchWeek, CONCURRENT, MIRROR_ENVIRONMENT, quietOutput, startBench } from "./setup";

const flags = benchFlags();
const rowsFile = flags.rest.rowsFile;
if (!rowsFile || !process.env.TEST_DATABASE_URL) throw new Error("Started by npm run bench (scripts/bench.ts), with TEST_DATABASE_URL and --rows-file.");
const WEEK = benchWeek();
const ROOM_COUNTS = [1, 20];
const { say } = quietOutput("bench (PostgreSQL)");

// Live reads, as in the SQLite part: the mirrors' first rounds, then none (scripts/bench/mirror.ts).
Object.assign(process.env, MIRROR_ENVIRONMENT);
const bench = await startBench({ prefix: "hub-bench-pg-", rooms: Math.max(...ROOM_COUNTS), instances: 2, week: WEEK, say });
const { control, council, db } = bench;
const [a, b] = bench.hubs;
if (!a || !b) throw new Error("Two hub instances were asked for");
const { readCalendarActions, roomAvailability } = await import("./hub-calls");
const { Probe } = await import("./measure");
const { stopMirrors, waitForRounds } = await import("./mirror");
type Row = import("./report").Row;

const rows: Row[] = [];
try {
  say("waiting for the mirrors' first rounds, then stopping them");
  await waitForRounds(db, { since: new Date(0), timeoutMs: 5 * 60_000 });
  await stopMirrors(db);
  const server = (await db.$queryRawUnsafe<{ server_version: string }[]>("SHOW server_version"))[0]!.server_version;
  const actions = readCalendarActions();
  // The people signed in on A; their sessions reach B as they are (the same cookies).
  const onA = bench.staff;
  const onB = onA.map((session) => session.at(b.origin));
  let turn = 0;
  const someoneOn = (sessions: typeof onA) => sessions[turn++ % sessions.length]!;

  await control.addFault({ service: "graph", pathPattern: ".*", delayMs: flags.latencyMs, times: 1_000_000_000 });
  const light = { runs: flags.runs, warmUps: 1 };
  const instances = [
    { hub: "PostgreSQL A", probe: new Probe(control, [a]), sessions: onA },
    { hub: "PostgreSQL B", probe: new Probe(control, [b]), sessions: onB },
  ];
  for (const count of ROOM_COUNTS) {
    const rooms = council.rooms.slice(0, count);
    const scenario = `getAvailability, ${count} room${count === 1 ? "" : "s"}, a week of 30-minute slots: resources under their rules (staff)`;
    for (const { hub, probe, sessions } of instances) {
      say(`${scenario}, ${hub}`);
      rows.push({ scenario, hub, throughHub: true, measured: await probe.measure(() => roomAvailability(someoneOn(sessions), actions, rooms, WEEK), light) });
    }
  }

  // Half the calls to each instance, every person on both; the token expired before each run.
  const scenario = `accessTokenFor: ${CONCURRENT} concurrent getAvailability of Alice's calendar, expired access token`;
  say(`${scenario}, PostgreSQL A+B`);
  const crowd = Array.from({ length: CONCURRENT }, (_, i) => (i % 2 ? onB : onA)[Math.floor(i / 2) % onA.length]!);
  const measured = await new Probe(control, [a, b]).measure(() => Promise.all(crowd.map((session) => roomAvailability(session, actions, [council.alice], WEEK))), {
    runs: flags.heavyRuns,
    warmUps: 0,
    before: () => db.accountToken.updateMany({ data: { accessTokenExpiresAt: new Date(0) } }),
  });
  rows.push({ scenario, hub: "PostgreSQL A+B", throughHub: true, measured });
  writeFileSync(rowsFile, JSON.stringify({ rows, server: `PostgreSQL ${server}` }));
} catch (error) {
  for (const hub of bench.hubs) process.stderr.write(`bench (PostgreSQL): FAILED — the log of ${hub.origin} is ${hub.logFile}; its last lines:\n${hub.logTail()}\n`);
  throw error;
} finally {
  await bench.stop();
}
await bench.remove();
