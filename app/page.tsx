import { redirect } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";

/** Each user's start page: administrators the integrations hub, staff the booking page. */
export default async function Home() {
  const user = await requirePageUser("staff");
  redirect(user.role === "admin" ? "/utilities/integrations" : "/bookings");
}
