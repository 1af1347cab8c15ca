// Before the browser journeys start their hub: with TEST_DATABASE_URL, (re)creates the journeys' own PostgreSQL
// database empty (the SQLite one goes with the data folder, which playwright.config.ts removes). Prints its URL.
import { HUB } from "../../e2e/support/hub";
import { createDatabase, testPostgresUrl } from "./test-database";

const postgres = testPostgresUrl();
if (postgres) await createDatabase(postgres, new URL(HUB.databaseUrl).pathname.slice(1));
console.log(HUB.databaseUrl);
