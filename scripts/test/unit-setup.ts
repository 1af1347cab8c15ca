import { rmSync } from "node:fs";
import { afterAll } from "vitest";
import { isolateData } from "./isolated-data";

/** Every unit test file runs against its own real, migrated SQLite database and its own generated secrets. */
delete process.env.MICROSOFT_LOGIN_URL;
delete process.env.MICROSOFT_GRAPH_URL;
const dataDir = isolateData("hub-unit-");

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});
