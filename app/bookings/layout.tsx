import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/SiteHeader";
import { currentUser } from "@/lib/auth/session";

export default async function BookingsLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <>
      <SiteHeader user={user} />
      <main id="main-content" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
    </>
  );
}
