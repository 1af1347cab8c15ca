import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/SignInForm";
import { SiteHeader } from "@/components/layout/SiteHeader";
import { Banner } from "@/components/ui/notices";
import { currentUser } from "@/lib/auth/session";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { describeError } from "@/lib/errors";

export const metadata: Metadata = { title: "Sign in" };

// Auth.js sends visitors here with ?error=… (and ?code=…) when its own endpoints refuse a sign-in.
function authError(params: Record<string, string | string[] | undefined>): string | undefined {
  if (typeof params.error !== "string") return undefined;
  if (params.code === "locked") return describeError("sign_in_locked_later", undefined);
  return describeError(params.error === "CredentialsSignin" ? "invalid_credentials" : "sign_in_unavailable", undefined);
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeRedirectPath(typeof params.callbackUrl === "string" ? params.callbackUrl : undefined);
  if (await currentUser()) redirect(callbackUrl);
  const error = authError(params);

  return (
    <>
      <SiteHeader />
      <main id="main-content" className="mx-auto max-w-5xl px-4 py-8">
        {params.signedOut ? <Banner kind="success" title="You have signed out" testId="signed-out" /> : null}
        <h1>Sign in to Integrations Hub</h1>
        <p className="mb-6 max-w-2xl">Sign in with your hub account to manage integrations such as Office 365.</p>
        <SignInForm callbackUrl={callbackUrl} initialError={error} />
      </main>
    </>
  );
}
