import { quantile, type Measured, type Sample } from "./measure";
import { EVENTS_PER_WEEK } from "./seed";

/** The bench's table, as Markdown: printed at the end of a run and written to bench/results.md. */
export type Row = {
  scenario: string;
  /** Which hub answered: "SQLite" (one instance), "PostgreSQL A", "PostgreSQL B", "PostgreSQL A+B" (spread over both). */
  hub: string;
  measured: Measured;
  /** false for the baseline, which does not go through the hub. */
  throughHub: boolean;
};

export type RunInfo = {
  date: Date;
  node: string;
  latencyMs: number;
  runs: number;
  heavyRuns: number;
  cores: number;
  cpuModel: string;
  maxHeapMb: number;
  /** The machine's 1-minute load average when the measurements began and ended. */
  load: [number, number];
  startRssMb: number;
  peakRssMb: number;
  commit: string;
  /** The PostgreSQL server the two-instance rows ran on, e.g. "PostgreSQL 15.14 (a throwaway cluster)". */
  postgres: string;
  /** The live mirror's figures beside their targets (scripts/bench/mirror-report.ts), and what each measures. */
  mirror: { table: string; notes: string };
};

const round = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits).replace(/\.0+$/, "") : "—");

function spread(values: number[], digits = 1): string {
  const median = quantile(values, 0.5);
  const p90 = quantile(values, 0.9);
  return round(p90, digits) === round(median, digits) ? round(median, digits) : `${round(median, digits)} (${round(p90, digits)})`;
}

function counted(values: number[]): string {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? String(low) : `${quantile(values, 0.5)} (${low}–${high})`;
}

function graphRequests(samples: Sample[]): string {
  let text = counted(samples.map((sample) => sample.graph));
  if (samples.some((sample) => sample.batchItems > 0)) text += ` + ${counted(samples.map((sample) => sample.batchItems))} in $batch`;
  if (samples.some((sample) => sample.failed > 0)) text += `, ${counted(samples.map((sample) => sample.failed))} not 2xx`;
  return text;
}

export function table(rows: Row[], latencyMs: number): string {
  const header = ["Scenario", "Hub", "Runs", "Graph requests", "Token requests", "Round trips", "Hub CPU ms", "after last answer", "Emulator CPU ms", "Most in flight per mailbox", "Hub RSS MB"];
  const lines = rows.map(({ scenario, hub, measured: { samples, rssMb }, throughHub }) => [
    scenario,
    throughHub ? hub : "—",
    String(samples.length),
    graphRequests(samples),
    throughHub ? counted(samples.map((sample) => sample.tokenRequests)) : "—",
    spread(samples.map((sample) => sample.wallMs / latencyMs)),
    throughHub ? spread(samples.map((sample) => sample.hubCpuMs), 0) : "—",
    samples.every((sample) => sample.answerCpuMs !== undefined) ? spread(samples.map((sample) => sample.answerCpuMs!), 1) : "—",
    spread(samples.map((sample) => sample.emulatorCpuMs), 0),
    String(Math.max(...samples.map((sample) => sample.inFlight))),
    throughHub ? round(rssMb, 0) : "—",
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i]!.length)));
  // Text columns (the scenario, the hub) to the left, figures to the right.
  const text = (i: number) => i < 2;
  const format = (cells: string[]) => `| ${cells.map((cell, i) => (text(i) ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(" | ")} |`;
  const rule = `| ${widths.map((width, i) => (text(i) ? "-".repeat(width) : `${"-".repeat(width - 1)}:`)).join(" | ")} |`;
  return [format(header), rule, ...lines.map(format)].join("\n");
}

export function resultsMarkdown(rows: Row[], info: RunInfo): string {
  return `# npm run bench — results

${info.date.toISOString().slice(0, 16).replace("T", " ")} UTC · commit ${info.commit} · Node ${info.node} · ${info.cores} cores (${info.cpuModel}),
load average ${round(info.load[0])} at the start and ${round(info.load[1])} at the end ·
${info.latencyMs} ms injected per Graph request · ${info.runs} runs after a warm-up (${info.heavyRuns} for the heaviest: see Runs) · hub heap limit ${info.maxHeapMb} MB ·
hub RSS ${round(info.startRssMb, 0)} MB after sign-in, ${round(info.peakRssMb, 0)} MB at its peak (SQLite, one instance) ·
${info.postgres} for the PostgreSQL rows

${table(rows, info.latencyMs)}

Medians, with the 90th percentile in brackets when it differs; counts as the median with the range when runs differ.
Times are those of one call: for "concurrent" rows, from the first request sent to the last answer received. Round
trips are wall time, so a busy machine (see the load average) stretches them; CPU times are not.
The hub is the production build behind scripts/serve.ts, called over HTTP with signed-in sessions; the calls are server
actions (\`POST\` with \`Next-Action\`) except the \`/bookings\` page views. "Naive baseline" rows are made by the bench
itself, straight to the emulator: one \`calendarView\` per calendar, one after another, Graph's default page size,
every \`@odata.nextLink\` followed. Each room has ${EVENTS_PER_WEEK} events that week (a recurring one among them).
Rows are answered live from Microsoft, as the hub answers when its mirror of a calendar is not fresh — the bench lets
the mirrors' first rounds finish, then stops their rounds and makes every mirror stale — except the one named "from the
mirror": the last rows (from "mirror: first full rounds" on) are the mirror's, on the same hub after half a year of
events was added to each room (see below).

- **Hub**: which hub answered. **SQLite**: one instance on the embedded database. **PostgreSQL A**, **PostgreSQL B**:
  each of two instances started from the same build on one PostgreSQL database, with the same secrets and public
  address (as behind a load balancer), with a council seeded the same way (the first 20 rooms), called directly;
  **PostgreSQL A+B**: the calls spread over both (each person's session, made on A, used on either). For A+B, Hub CPU
  and RSS are both servers'.
- **Runs**: measured runs (scenarios of hundreds of Graph requests run \`--heavy-runs\` times, the others \`--runs\`).
- **Graph requests**: HTTP requests the emulator received for Graph during the call (a \`$batch\` counts once; the
  requests inside it are given after "+"; "not 2xx" counts throttled or failed answers).
- **Token requests**: requests to the token endpoint during the call (renewals). "Expired access token" rows expire
  Alice's stored token before every run: one renewal is the least there can be, for one instance or two.
- **Round trips**: the caller's wall time divided by the injected latency: how many Graph round trips the user waits.
- **Hub CPU ms**: user + system CPU time of the hub's server process during the call (/proc/<pid>/stat): TLS, the
  Graph client, parsing Microsoft's answers, sessions, rendering, everything.
- **after last answer**: of that, what the hub's own code spent working out availability once Microsoft's last answer
  was in (slots and busy times from the intervals; the hub's debug log line \`availability.answered\`).
- **Emulator CPU ms**: CPU time of the bench's own process during the call — the emulator answering, and the bench's
  client (for the baseline, the naive reader itself). Wall time that is neither latency nor hub CPU is mostly this.
- **Most in flight per mailbox**: the highest number of concurrent Graph requests the emulator saw on one mailbox.
- **Hub RSS MB**: the server's resident memory (/proc/<pid>/status VmRSS) after the scenario's last run.

## The live mirror of free/busy (issue 12 §6), beside its targets

${info.mirror.table}

${info.mirror.notes}

Figures compare changes on one machine; they are not promises about Microsoft's own speed.
`;
}
