import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { db } from "../lib/db";
import { passwordFromStdin } from "./lib/password-stdin";

/** `npm run admin -- create … --password-stdin`, as a shell pipe runs it, against this test file's own database. */
function createWithStdin(email: string, input: string) {
  return spawnSync("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/admin.ts", "create", "--email", email, "--password-stdin"], {
    input,
    env: process.env,
    encoding: "utf8",
  });
}

describe("npm run admin -- create --password-stdin", () => {
  it("refuses a password with a line break in it, says why and how to pipe one, and creates nobody", () => {
    const run = createWithStdin("two.lines@example.gov.uk", "a long enough passphrase\nand a second line\n");
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("a password must be on one line");
    expect(run.stderr).toContain(`printf '%s' "$PASSWORD" |`);
    return expect(db.user.count({ where: { email: "two.lines@example.gov.uk" } })).resolves.toBe(0);
  }, 60_000);

  it("drops the one line break echo adds, so the piped password is the one typed at sign-in", async () => {
    const run = createWithStdin("one.line@example.gov.uk", "a long enough passphrase\n");
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("Created admin one.line@example.gov.uk");
    const { verifyPassword } = await import("../lib/auth/password");
    const user = await db.user.findUniqueOrThrow({ where: { email: "one.line@example.gov.uk" } });
    expect(await verifyPassword("a long enough passphrase", user.passwordHash)).toBe(true);
  }, 60_000);

  it("reads a Windows line ending the same way, and refuses a lone carriage return inside", () => {
    expect(passwordFromStdin("a long enough passphrase\r\n")).toBe("a long enough passphrase");
    expect(() => passwordFromStdin("a long enough\rpassphrase")).toThrow("one line");
  });
});
