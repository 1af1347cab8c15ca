import { prepare } from "./lib/prepare";

/** For npm run demo: save the emulator's app registration as the Office 365 settings, once. */
const [clientId, clientSecret] = process.argv.slice(2);
await prepare({ quiet: true });
const { bootstrapAdmin } = await import("../lib/auth/users");
const { db } = await import("../lib/db");
const { readSettings, saveSettings } = await import("../lib/integrations/office365/settings");
try {
  await bootstrapAdmin(process.env);
  if (!(await readSettings())) {
    const admin = await db.user.findFirstOrThrow({ where: { role: "admin" }, orderBy: { createdAt: "asc" } });
    const result = await saveSettings(admin, { clientId, clientSecret, azureAdVersion: "v2", tenant: "organizations", cloud: "global", clientSecretExpiresOn: "" });
    if (!result.ok) throw new Error(`The demo settings were refused: ${JSON.stringify(result.errors)}`);
  }
} finally {
  await db.$disconnect();
}
