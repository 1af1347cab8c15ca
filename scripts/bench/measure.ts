import type { EmulatorControl } from "../../e2e/microsoft/control-client";
import { cpuMs, memoryMb, type HubServer } from "./hub-server";

/**
 * One measured call: what the emulator saw (Graph requests, token requests, the most requests in flight on one
 * mailbox), how long it took as seen by the caller, and the CPU the hub's server process (or processes, for calls
 * spread over several instances) used meanwhile.
 */
export type Sample = {
  wallMs: number;
  /** utime + stime of the hub's server processes during the call. */
  hubCpuMs: number;
  /** CPU of the bench's own process meanwhile: the emulator (and the bench's client, or the naive baseline's). */
  emulatorCpuMs: number;
  /** HTTP requests to Graph ($batch counted once). */
  graph: number;
  /** Requests carried inside those $batch requests. */
  batchItems: number;
  /** Graph answers that were not 2xx (throttling, errors), $batch items included. */
  failed: number;
  tokenRequests: number;
  inFlight: number;
  /**
   * CPU the hub spent working out availability after Microsoft's last answer (its debug log line
   * availability.answered, summed over the call), or undefined when the call logged none.
   */
  answerCpuMs: number | undefined;
};

/** rssMb: the server's resident memory after the last run (for several instances, the sum of theirs). */
export type Measured = { samples: Sample[]; rssMb: number };

type Measurable = Pick<HubServer, "pid" | "log">;
const totalCpuMs = (hubs: Measurable[]) => hubs.reduce((sum, hub) => sum + cpuMs(hub.pid), 0);

export class Probe {
  constructor(
    private readonly control: EmulatorControl,
    private readonly hubs: Measurable[],
  ) {}

  async sample(work: () => Promise<unknown>, check?: (answer: unknown) => void): Promise<Sample> {
    await Promise.all([this.control.clearRequests(), this.control.clearConcurrency()]);
    const logsFrom = this.hubs.map((hub) => hub.log.size());
    const cpuBefore = totalCpuMs(this.hubs);
    const ownBefore = process.cpuUsage();
    const started = performance.now();
    const answer = await work();
    const wallMs = performance.now() - started;
    // The bench's own check of a large answer is not the call's time: made once it is timed, before the next.
    check?.(answer);
    const hubCpuMs = totalCpuMs(this.hubs) - cpuBefore;
    const own = process.cpuUsage(ownBefore);
    const [requests, concurrency] = await Promise.all([this.control.requests(), this.control.concurrency()]);
    const graph = requests.filter((request) => request.service === "graph");
    // The hub's log reaches its file through a pipe: a moment for the call's last lines to arrive.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const answered = this.hubs.flatMap((hub, i) => hub.log.linesSince(logsFrom[i]!)).filter((line) => line.msg === "availability.answered");
    return {
      answerCpuMs: answered.length > 0 ? answered.reduce((sum, line) => sum + Number(line.answerCpuMs ?? 0), 0) : undefined,
      wallMs,
      hubCpuMs,
      emulatorCpuMs: (own.user + own.system) / 1000,
      graph: graph.filter((request) => request.batchItemId === undefined).length,
      batchItems: graph.filter((request) => request.batchItemId !== undefined).length,
      failed: graph.filter((request) => request.status !== null && (request.status < 200 || request.status > 299)).length,
      tokenRequests: requests.filter((request) => request.service === "login" && /\/token$/.test(request.path)).length,
      inFlight: Math.max(0, ...Object.values(concurrency)),
    };
  }

  /**
   * `runs` samples after `warmUps` unmeasured ones; `before` runs ahead of each, unmeasured; `check` is given each
   * answer after its call was timed (and throws on a wrong one, failing the bench).
   */
  async measure<T>(
    work: (run: number) => Promise<T>,
    options: { runs: number; warmUps: number; before?: () => Promise<unknown>; check?: (answer: T) => void },
  ): Promise<Measured> {
    const { runs, warmUps } = options;
    const samples: Sample[] = [];
    for (let run = 0; run < warmUps + runs; run++) {
      await options.before?.();
      const sample = await this.sample(() => work(run), options.check as ((answer: unknown) => void) | undefined);
      if (run >= warmUps) samples.push(sample);
    }
    return { samples, rssMb: this.hubs.reduce((sum, hub) => sum + memoryMb(hub.pid).rss, 0) };
  }
}

/** The value at the given quantile (0.5: the median), interpolated between the nearest runs as spreadsheets do. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const position = q * (sorted.length - 1);
  const below = sorted[Math.floor(position)]!;
  const above = sorted[Math.ceil(position)]!;
  return below + (above - below) * (position - Math.floor(position));
}
