import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/SignInForm";
import { SiteHeader } from "@/components/layout/SiteHeader";
import { Banner } from "@/components/ui/notices";
import { currentUser } from "@/lib/auth/session";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";

export const metadata: Metadata = { title: "Sign in" };

// Auth.js sends visitors here with ?error=… when its own endpoints refuse a sign-in.
const AUTH_ERRORS: Record<string, string> = {
  CredentialsSignin: "The email address or password is incorrect",
  Configuration: "The hub could not sign you in because of a server problem. Ask the hub's administrator to check the logs.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeRedirectPath(typeof params.callbackUrl === "string" ? params.callbackUrl : undefined);
  if (await currentUser()) redirect(callbackUrl);
  const error = typeof params.error === "string" ? (params.code === "locked" ? "There have been too many failed attempts to sign in. Try again later." : (AUTH_ERRORS[params.error] ?? AUTH_ERRORS.Configuration)) : undefined;

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
