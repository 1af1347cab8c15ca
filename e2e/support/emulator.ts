import { EmulatorControl } from "../microsoft/control-client";
import { HUB } from "./hub";

/** The emulator the hub under test talks to (the test runner trusts its certificate: see package.json test:e2e). */
export const microsoft = new EmulatorControl(`https://localhost:${HUB.emulator.port}`);
export { APPS, USERS } from "../microsoft/directory";
