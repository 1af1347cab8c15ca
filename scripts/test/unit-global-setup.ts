import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensureCertificate } from "../../e2e/microsoft/certificate";

/**
 * Before the test workers start: create the Microsoft emulator's certificate and make every worker trust it
 * (NODE_EXTRA_CA_CERTS is read when a process starts), so unit tests can run the emulator over real HTTPS.
 */
export default async function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), "hub-emulator-"));
  const { certFile } = await ensureCertificate(dir);
  process.env.NODE_EXTRA_CA_CERTS = certFile;
  process.env.HUB_TEST_EMULATOR_DIR = dir;
}
