import { buildHub } from "./lib/build";

// npm run build — `next build` as npm start runs it: without secrets or a data folder (a container's build stage has
// neither), recording the build's fingerprint so npm start does not build again.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
process.exit(await buildHub());
