import path from "node:path";
import { parseArgs } from "node:util";
import { ensureCertificate } from "./certificate";
import { startEmulator } from "./server";

/**
 * node_modules/.bin/tsx e2e/microsoft/cli.ts [--port 8443] [--state-dir e2e/.state/emulator]
 *   [--redirect-uri <url>]... [--cert-only]
 *
 * Prints one JSON line once ready ({"msg":"emulator ready",...}) and serves until SIGINT or SIGTERM.
 * --cert-only creates (or reuses) the certificate, prints its path and exits.
 */
const USAGE =
  "Usage: tsx e2e/microsoft/cli.ts [--port 8443] [--state-dir e2e/.state/emulator] [--redirect-uri <url>]... [--cert-only]";

function parseCommandLine() {
  try {
    return parseArgs({
      options: {
        port: { type: "string", default: "8443" },
        "state-dir": { type: "string", default: "e2e/.state/emulator" },
        "redirect-uri": { type: "string", multiple: true, default: [] },
        "cert-only": { type: "boolean", default: false },
      },
      strict: true,
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

const { values } = parseCommandLine();

const stateDir = path.resolve(values["state-dir"]);

if (values["cert-only"]) {
  const { certFile } = await ensureCertificate(stateDir);
  console.log(certFile);
} else {
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number, not '${values.port}'`);
    process.exit(2);
  }
  const emulator = await startEmulator({ port, stateDir, redirectUris: values["redirect-uri"] });
  console.log(
    JSON.stringify({
      msg: "emulator ready",
      origin: emulator.origin,
      loginUrl: emulator.loginUrl,
      graphUrl: emulator.graphUrl,
      certFile: emulator.certFile,
    }),
  );
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
