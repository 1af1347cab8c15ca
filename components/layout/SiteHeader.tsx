import Link from "next/link";
import { signOutAction } from "@/app/signin/actions";
import { Address } from "@/components/ui/Address";
import { BOOKING_LIST_TITLE } from "@/lib/resources/booking-words";

/** Booking, and the list of bookings: the signed-in user's own, or for administrators everyone's. */
const STAFF_LINKS = [
  { href: "/bookings", label: "Bookings" },
  { href: "/bookings/mine", label: BOOKING_LIST_TITLE },
];
const ADMIN_LINKS = [
  { href: "/utilities/integrations", label: "Integrations" },
  { href: "/utilities/resources", label: "Resources" },
  { href: "/utilities/users", label: "Users" },
  { href: "/utilities/settings", label: "Settings" },
  ...STAFF_LINKS,
];

/** The header on every page: the hub's name, the main sections, who is signed in and a Sign out button. */
export function SiteHeader({ user }: { user?: { email: string; role: string } | null }) {
  return (
    <header className="border-b-8 border-brand bg-ink text-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-4 px-4 py-3">
        <Link href="/" className="hub-focus-text text-2xl font-bold text-white no-underline">
          Integrations Hub
        </Link>
        {user ? (
          <div className="flex flex-wrap items-center gap-4">
            <nav aria-label="Main">
              <ul className="flex flex-wrap gap-4">
                {(user.role === "admin" ? ADMIN_LINKS : STAFF_LINKS).map((link) => (
                  <li key={link.href}>
                    <Link href={link.href} className="hub-focus-text font-bold text-white underline underline-offset-4">
                      {link.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
            <span className="text-base" data-testid="signed-in-as">
              Signed in as{" "}
              <strong>
                <Address>{user.email}</Address>
              </strong>
            </span>
            <form action={signOutAction}>
              <button type="submit" className="hub-button hub-button-secondary !min-h-9 !py-1 text-base">
                Sign out
              </button>
            </form>
          </div>
        ) : null}
      </div>
    </header>
  );
}
