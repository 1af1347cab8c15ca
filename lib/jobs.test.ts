import { beforeEach, describe, expect, it } from "vitest";
import { db } from "./db";
import { claimJob, runJobIfDue } from "./jobs";

const schedule = { everyMs: 60_000, leaseMs: 180_000 };
const at = (seconds: number) => new Date(Date.UTC(2026, 11, 1, 12, 0, seconds));
const row = () => db.job.findUniqueOrThrow({ where: { name: "test.job" } });

beforeEach(async () => {
  await db.job.deleteMany();
});

describe("jobs that run once across instances", () => {
  it("is claimed by exactly one of many processes asking at once, even before its row exists", async () => {
    const owners = Array.from({ length: 12 }, (_, i) => `instance-${i}`);
    const claims = await Promise.all(owners.map((owner) => claimJob("test.job", schedule, owner, at(0))));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect((await row()).owner).toBe(owners[claims.indexOf(true)]);
  });

  it("is not claimed again before its period has passed, by anyone, and is after", async () => {
    expect(await claimJob("test.job", schedule, "a", at(0))).toBe(true);
    await db.job.updateMany({ data: { owner: null, leaseUntil: null } });
    expect(await claimJob("test.job", schedule, "b", at(59))).toBe(false);
    expect(await claimJob("test.job", schedule, "b", at(60))).toBe(true);
  });

  it("is taken over when the process holding it died (its lease ran out), not before", async () => {
    expect(await claimJob("test.job", { everyMs: 1_000, leaseMs: 180_000 }, "died", at(0))).toBe(true);
    expect(await claimJob("test.job", schedule, "alive", at(179))).toBe(false);
    expect(await claimJob("test.job", schedule, "alive", at(181))).toBe(true);
    expect((await row()).owner).toBe("alive");
  });

  it("runs the work once for two processes looking together, and gives the job back with how it ended", async () => {
    let runs = 0;
    const work = async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
    };
    const outcomes = await Promise.all([runJobIfDue("test.job", schedule, work, { owner: "a" }), runJobIfDue("test.job", schedule, work, { owner: "b" })]);
    expect(outcomes.sort()).toEqual(["not_due", "ran"]);
    expect(runs).toBe(1);
    expect(await row()).toMatchObject({ owner: null, leaseUntil: null, lastError: null });

    await db.job.updateMany({ data: { nextRunAt: new Date(0) } });
    expect(await runJobIfDue("test.job", schedule, () => Promise.reject(new Error("Graph was down")), { owner: "b" })).toBe("failed");
    expect(await row()).toMatchObject({ owner: null, leaseUntil: null, lastError: "Graph was down" });
  });

  it("runs next when its run says, unless someone asked for a run while it ran (that stands)", async () => {
    const next = () => Date.UTC(2030, 0, 1);
    await db.job.create({ data: { name: "test.job", nextRunAt: new Date(0) } });
    expect(await runJobIfDue("test.job", schedule, async () => "quiet", { owner: "a", next })).toBe("ran");
    expect((await row()).nextRunAt.getTime()).toBe(Date.UTC(2030, 0, 1));

    await db.job.updateMany({ data: { nextRunAt: new Date(0) } });
    const askedMeanwhile = new Date(Date.now() + 1_000);
    const work = async () => {
      await db.job.updateMany({ data: { nextRunAt: askedMeanwhile } });
    };
    expect(await runJobIfDue("test.job", schedule, work, { owner: "a", next })).toBe("ran");
    expect(await row()).toMatchObject({ owner: null, nextRunAt: askedMeanwhile });
  });
});
