import { NextResponse } from "next/server";
import { currentUser } from "@/lib/auth/session";
import { environment } from "@/lib/config";
import { readSettings } from "@/lib/integrations/office365/settings";

/**
 * The saved certificate, public part only, as a file to upload in Microsoft Entra (Certificates & secrets,
 * Certificates, Upload certificate: .cer, .pem and .crt are accepted). Checks the admin session itself.
 */
const PATH = "/utilities/integrations/office365/certificate";

const redirectTo = (path: string) => NextResponse.redirect(new URL(path, environment().publicUrl), 303);

export async function GET() {
  const user = await currentUser();
  if (!user) return redirectTo(`/signin?callbackUrl=${encodeURIComponent(PATH)}`);
  if (user.role !== "admin") return redirectTo("/access-denied");

  const certificate = (await readSettings())?.certificate;
  if (!certificate) {
    return new NextResponse("No certificate is saved. Generate or paste one on the Office 365 page first.\n", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  return new NextResponse(certificate.pem, {
    headers: {
      "Content-Type": "application/x-pem-file",
      "Content-Disposition": `attachment; filename="integrations-hub-${certificate.thumbprint.slice(0, 8).toLowerCase()}.pem"`,
      "Cache-Control": "no-store",
    },
  });
}
