import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { createUser, removeUser } from "./users";

beforeEach(async () => {
  await db.auditEvent.deleteMany();
  await db.user.deleteMany();
});

describe("hub users", () => {
  it("adds a user with an audit record, and refuses a duplicate address or a weak password", async () => {
    const admin = await createUser({ email: "Admin@Example.gov.uk", password: "a long enough passphrase", role: "admin" });
    expect(admin.email).toBe("admin@example.gov.uk");
    const staff = await createUser({ email: "desk@example.gov.uk", password: "another long passphrase", role: "staff" }, admin);
    expect(staff.role).toBe("staff");
    expect(await db.auditEvent.findFirst({ where: { action: "hub.user.added" } })).toMatchObject({ actorEmail: admin.email });
    await expect(createUser({ email: "desk@example.gov.uk", password: "yet another passphrase", role: "staff" })).rejects.toMatchObject({ code: "user_exists", field: "email" });
    await expect(createUser({ email: "x@example.gov.uk", password: "short", role: "staff" })).rejects.toMatchObject({ field: "password" });
    // Nobody could type it at sign-in: a browser's password field drops line breaks.
    await expect(createUser({ email: "x@example.gov.uk", password: "a long enough\npassphrase", role: "staff" })).rejects.toMatchObject({
      field: "password",
      message: "Password must be on one line: it cannot contain a line break",
    });
    await expect(createUser({ email: "y@example.gov.uk", password: "a long enough passphrase", role: "owner" as "staff" })).rejects.toMatchObject({ field: "role" });
  });

  it("never removes the caller themselves or the last administrator", async () => {
    const admin = await createUser({ email: "admin@example.gov.uk", password: "a long enough passphrase", role: "admin" });
    const staff = await createUser({ email: "desk@example.gov.uk", password: "another long passphrase", role: "staff" });
    await expect(removeUser(admin, admin.id)).rejects.toMatchObject({ code: "cannot_remove_self" });
    // A staff caller (as if the role changed after the page loaded) still cannot remove the only administrator.
    await expect(removeUser(staff, admin.id)).rejects.toMatchObject({ code: "last_admin" });
    expect(await removeUser(admin, staff.id)).toEqual({ email: "desk@example.gov.uk" });
    expect(await db.user.count()).toBe(1);
  });
});
