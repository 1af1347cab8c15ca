import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/SiteHeader";
import { currentUser } from "@/lib/auth/session";

// The header only; every page below checks the session and role itself (layouts do not guard server actions).
export default async function UtilitiesLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <>
      <SiteHeader user={user} />
      <main id="main-content" className="mx-auto max-w-5xl px-4 py-8">
        {children}
      </main>
    </>
  );
}
