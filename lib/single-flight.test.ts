import { describe, expect, it } from "vitest";
import { SingleFlight } from "./single-flight";

describe("single flight", () => {
  it("shares one run between concurrent callers of a key, and forgets it once it settles", async () => {
    const flights = new SingleFlight<number>();
    let runs = 0;
    const work = () => new Promise<number>((resolve) => setTimeout(() => resolve(++runs), 10));
    const answers = await Promise.all([flights.run("a", work), flights.run("a", work), flights.run("b", work)]);
    expect(answers.sort()).toEqual([1, 1, 2]);
    expect(await flights.run("a", work)).toBe(3);
  });

  it("shares a failure with the callers waiting on it, then lets the next caller try again", async () => {
    const flights = new SingleFlight<string>();
    const failing = () => Promise.reject(new Error("no"));
    await expect(Promise.all([flights.run("k", failing), flights.run("k", failing)])).rejects.toThrow("no");
    expect(flights.joinable("k")).toBeUndefined();
    expect(await flights.run("k", async () => "yes")).toBe("yes");
  });
});
