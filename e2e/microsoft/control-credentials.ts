import { X509Certificate, createHash } from "node:crypto";
import { ControlError } from "./control-errors";
import type { CertificateUpload, UploadedCertificate } from "./control-types";
import type { App, Directory } from "./directory";
import { guid } from "./http";

/**
 * The app's credentials as an administrator manages them in Entra: uploading a certificate under Certificates &
 * secrets, and an app management policy that forbids client secrets.
 */
export function findApp(directory: Directory, clientId: string): App {
  const app = directory.app(clientId);
  if (!app) throw new ControlError(404, `No app '${clientId}' in the emulator's directory.`);
  return app;
}

/** Entra lists an uploaded certificate by its SHA-1 thumbprint and its validity; uploading the same one again is a no-op. */
export function uploadCertificate(app: App, upload: CertificateUpload): UploadedCertificate {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(upload.certificate.includes("-----BEGIN") ? upload.certificate : Buffer.from(upload.certificate, "base64"));
  } catch {
    throw new ControlError(400, "certificate: not a PEM certificate (or base64 DER)");
  }
  const thumbprint = createHash("sha1").update(certificate.raw).digest("hex").toUpperCase();
  const existing = app.certificates.find((candidate) => candidate.thumbprint === thumbprint);
  if (existing) return view(existing);
  const added = {
    keyId: guid(),
    pem: certificate.toString(),
    thumbprint,
    x5tS256: createHash("sha256").update(certificate.raw).digest("base64url"),
    startDateTime: new Date(certificate.validFrom).toISOString(),
    endDateTime: new Date(certificate.validTo).toISOString(),
  };
  app.certificates.push(added);
  return view(added);
}

function view({ keyId, thumbprint, startDateTime, endDateTime }: UploadedCertificate): UploadedCertificate {
  return { keyId, thumbprint, startDateTime, endDateTime };
}

export function removeCertificates(app: App): { removed: number } {
  const removed = app.certificates.length;
  app.certificates = [];
  return { removed };
}

/**
 * An app management policy with the passwordAddition restriction, in force since the app was created: the app has no
 * client secrets, and none can be added (updateApp refuses them). The token endpoint then treats any client_secret
 * as one the app does not have.
 */
export function forbidSecrets(app: App): { secretsForbidden: true; removedSecrets: number } {
  const removedSecrets = app.secrets.length;
  app.secrets = [];
  app.secretsForbidden = true;
  return { secretsForbidden: true, removedSecrets };
}

export function refuseForbiddenSecrets(app: App, secrets: unknown[] | undefined): void {
  if (app.secretsForbidden && secrets && secrets.length > 0) {
    throw new ControlError(
      400,
      `App '${app.clientId}' is under an app management policy that restricts password addition: client secrets cannot be added to it. Upload a certificate instead.`,
    );
  }
}
