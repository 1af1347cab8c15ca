import { afterAll, beforeAll } from "vitest";
import { EmulatorControl } from "../../e2e/microsoft/control-client";
import { startEmulator, type Emulator } from "../../e2e/microsoft/server";
import { forgetEnvironment } from "../../lib/config";

/**
 * Starts the Microsoft emulator for one unit test file (a free port, the certificate the workers trust) and points
 * the hub at it through MICROSOFT_LOGIN_URL / MICROSOFT_GRAPH_URL, as an administrator would.
 */
export function emulatorForThisFile(): { emulator: () => Emulator; control: () => EmulatorControl } {
  let emulator: Emulator | undefined;
  let control: EmulatorControl | undefined;
  beforeAll(async () => {
    const stateDir = process.env.HUB_TEST_EMULATOR_DIR;
    if (!stateDir) throw new Error("scripts/test/unit-global-setup.ts did not run");
    emulator = await startEmulator({ port: 0, stateDir, redirectUris: ["http://localhost:3000/jadu/integrations/office365/callback"] });
    control = new EmulatorControl(emulator.origin);
    process.env.MICROSOFT_LOGIN_URL = emulator.loginUrl;
    process.env.MICROSOFT_GRAPH_URL = emulator.graphUrl;
    forgetEnvironment();
  });
  afterAll(async () => {
    await emulator?.close();
  });
  return {
    emulator: () => emulator ?? fail(),
    control: () => control ?? fail(),
  };
}

function fail(): never {
  throw new Error("The emulator has not started yet: use it inside tests or hooks.");
}
