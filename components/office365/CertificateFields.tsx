import { TextArea, TextField } from "@/components/ui/fields";
import { FIELD_LABELS } from "@/lib/integrations/office365/settings-fields";

/** The saved certificate as the page shows it: public details only (the private key never reaches the browser). */
export type SavedCertificate = {
  thumbprint: string;
  subject: string;
  validFrom: string;
  validTo: string;
  savedAt: string;
  downloadUrl: string;
};

/**
 * The certificate credential's part of the settings form: the saved certificate with its thumbprint as Microsoft Entra
 * lists it and a download link for Entra's Certificates & secrets, then fields to paste or upload a new key pair.
 */
export function CertificateFields({
  saved,
  inUse,
  generated,
  errors,
  certificateText,
}: {
  saved: SavedCertificate | null;
  inUse: boolean;
  generated: boolean;
  errors: { privateKey?: string; certificate?: string };
  certificateText: string;
}) {
  return (
    <div className="mb-6" data-testid="certificate-fields">
      {saved ? (
        <div className="mb-6 border-l-4 border-line pl-4" data-testid="saved-certificate">
          <p className="font-bold">{inUse ? "Certificate in use" : "Saved certificate (not in use while Credential is a client secret)"}</p>
          {generated ? (
            <p className="my-2 font-bold" role="status" data-testid="certificate-generated">
              A new key pair and certificate were generated and saved. Download the certificate and upload it to Microsoft Entra now: until
              it is uploaded there, Microsoft refuses the hub&rsquo;s sign-ins with this certificate.
            </p>
          ) : null}
          <dl className="my-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
            <dt className="font-bold">Thumbprint</dt>
            <dd className="font-mono break-all" data-testid="certificate-thumbprint">
              {saved.thumbprint}
            </dd>
            <dt className="font-bold">Subject</dt>
            <dd className="break-all">{saved.subject}</dd>
            <dt className="font-bold">Valid from</dt>
            <dd>{saved.validFrom}</dd>
            <dt className="font-bold">Expires</dt>
            <dd data-testid="certificate-expires">{saved.validTo}</dd>
            <dt className="font-bold">Saved</dt>
            <dd>{saved.savedAt}</dd>
          </dl>
          <p className="mb-2">
            <a href={saved.downloadUrl} download className="hub-link" data-testid="certificate-download">
              Download the certificate (.pem)
            </a>
          </p>
          <p className="text-muted">
            In the Microsoft Entra admin center, open the app registration, then Certificates &amp; secrets, Certificates, Upload
            certificate, and upload this file. Entra then lists it with the thumbprint above. The private key stays in the hub, encrypted.
          </p>
        </div>
      ) : null}
      <TextArea
        name="privateKey"
        label={FIELD_LABELS.privateKey}
        hint={
          <>
            {saved ? "Leave this and Certificate empty to keep the saved certificate. " : null}
            To use a key pair of your own, paste its private key: PEM, starting with -----BEGIN PRIVATE KEY----- (or -----BEGIN RSA
            PRIVATE KEY-----), RSA 2048 bits or more, without a passphrase. It is stored encrypted and never shown again. Or choose{" "}
            <strong>Generate a key pair and certificate</strong> below Save.
          </>
        }
        error={errors.privateKey}
        defaultValue=""
        rows={4}
        autoComplete="off"
        spellCheck={false}
        className="max-w-xl font-mono text-base"
      />
      <TextField
        name="privateKeyFile"
        label="Or upload the private key file"
        type="file"
        accept=".pem,.key"
        className="max-w-xl"
      />
      <TextArea
        name="certificate"
        label={FIELD_LABELS.certificate}
        hint="The certificate issued for that private key: PEM, starting with -----BEGIN CERTIFICATE-----. It must not have expired."
        error={errors.certificate}
        defaultValue={certificateText}
        rows={4}
        autoComplete="off"
        spellCheck={false}
        className="max-w-xl font-mono text-base"
      />
      <TextField name="certificateFile" label="Or upload the certificate file" type="file" accept=".cer,.crt,.pem" className="max-w-xl" />
    </div>
  );
}
