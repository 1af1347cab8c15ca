import { describe, expect, it } from "vitest";
import { nextRoundAt } from "./scheduler";

const SECOND = 1000;
const polling = { mode: "polling" as const, failed: false, lastSuccessAt: new Date(0) };

describe("when a mirror's next round runs", () => {
  it("when polling, begins early enough that a change made just after a round began is in the copy within the interval", () => {
    // A round of 200 ms that began at 0: a change at 1 ms waits for the next round, which must end by 5 s.
    const next = nextRoundAt(polling, 0, 200, 5 * SECOND);
    expect(next + 250 /* the look */ + 200 /* the next round */).toBeLessThanOrEqual(5 * SECOND);
    // But not much more often than asked: at most a quarter of the interval early, however slow the round.
    expect(next).toBeGreaterThan(4 * SECOND);
    expect(nextRoundAt(polling, 0, 30 * SECOND, 60 * SECOND)).toBe(45 * SECOND);
  });

  it("with notifications, reconciles 15 minutes after the last round began", () => {
    expect(nextRoundAt({ ...polling, mode: "notifications" }, 0, 300, 5 * SECOND)).toBe(15 * 60 * SECOND);
  });

  it("runs again at once when another round saved first (this one saved nothing)", () => {
    expect(nextRoundAt({ ...polling, mode: "notifications", superseded: true }, 0, 300, 5 * SECOND)).toBe(300);
  });

  it("asks a failing calendar less and less often, up to hourly", () => {
    const failing = (sinceSuccessMs: number) => nextRoundAt({ ...polling, failed: true, lastSuccessAt: new Date(1e9 - sinceSuccessMs) }, 1e9 - 100, 1e9, 60 * SECOND) - 1e9;
    expect(failing(0)).toBe(60 * SECOND);
    expect(failing(10 * 60 * SECOND)).toBe(10 * 60 * SECOND);
    expect(failing(5 * 3600 * SECOND)).toBe(3600 * SECOND);
  });
});
