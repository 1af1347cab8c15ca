import type { Metadata } from "next";
import Link from "next/link";
import { SiteHeader } from "@/components/layout/SiteHeader";
import { currentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Page not found" };

/**
 * Every address the hub does not have, and every notFound() (a removed account, a booking that is gone). The header
 * shows the sections only to a signed-in user, and the words are the same whatever was asked for, so a signed-out
 * visitor learns nothing about what exists.
 */
export default async function NotFound() {
  const user = await currentUser();
  return (
    <>
      <SiteHeader user={user} />
      <main id="main-content" className="mx-auto max-w-5xl px-4 py-8">
        <h1>Page not found</h1>
        <p className="mb-4 max-w-2xl">If you typed the web address, check it is correct.</p>
        <p className="mb-4 max-w-2xl">If you pasted the web address, check you copied the entire address.</p>
        <p className="max-w-2xl">
          If the page was a link in the hub, what it showed may have been removed.{" "}
          <Link href="/" className="hub-link">
            Go to the start page
          </Link>
        </p>
      </main>
    </>
  );
}
