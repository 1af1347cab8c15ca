import { prepare } from "./lib/prepare";

// npm run db:migrate — applies the committed migrations to DATABASE_URL (npm start does this too).
await prepare();
console.log("The database is up to date.");
