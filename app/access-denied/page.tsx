import type { Metadata } from "next";
import Link from "next/link";
import { SiteHeader } from "@/components/layout/SiteHeader";
import { currentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "You do not have access to this page" };

export default async function AccessDeniedPage() {
  const user = await currentUser();
  return (
    <>
      <SiteHeader user={user} />
      <main id="main-content" className="mx-auto max-w-5xl px-4 py-8">
        <h1>You do not have access to this page</h1>
        <p className="mb-4">Only hub administrators can change integrations and settings.</p>
        <p>
          If you need access, ask a hub administrator. <Link href="/" className="hub-link">Go to the start page</Link>
        </p>
      </main>
    </>
  );
}
