import { describe, expect, it } from "vitest";
import { KeyedLimiter } from "./concurrency";

describe("KeyedLimiter", () => {
  it("never runs more than the limit at once for a key, and runs every task", async () => {
    const limiter = new KeyedLimiter(4);
    let now = 0;
    let highest = 0;
    const task = async (ms: number) => {
      now += 1;
      highest = Math.max(highest, now);
      await new Promise((resolve) => setTimeout(resolve, ms));
      now -= 1;
      return ms;
    };
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => limiter.run("room@council.example", () => task(i % 5))));
    expect(results).toHaveLength(25);
    expect(highest).toBe(4);
    expect(limiter.inFlight("room@council.example")).toBe(0);
  });

  it("keeps keys independent", async () => {
    const limiter = new KeyedLimiter(1);
    let together = 0;
    let highest = 0;
    const task = async () => {
      together += 1;
      highest = Math.max(highest, together);
      await new Promise((resolve) => setTimeout(resolve, 5));
      together -= 1;
    };
    await Promise.all([limiter.run("a", task), limiter.run("b", task), limiter.run("c", task)]);
    expect(highest).toBe(3);
  });

  it("releases the slot when a task fails", async () => {
    const limiter = new KeyedLimiter(1);
    await expect(limiter.run("a", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await limiter.run("a", async () => "ok")).toBe("ok");
  });
});
