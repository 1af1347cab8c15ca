import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { template: "%s – Integrations Hub", default: "Integrations Hub" },
  description: "Connect Microsoft 365 accounts and use their calendars for bookings.",
  robots: { index: false, follow: false },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request makes every page render per request, which the CSP nonce (proxy.ts) requires.
  await headers();
  return (
    <html lang="en-GB">
      <body className="min-h-screen">
        <a
          href="#main-content"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:bg-focus focus:p-2 focus:text-ink focus:underline"
        >
          Skip to main content
        </a>
        {children}
      </body>
    </html>
  );
}
