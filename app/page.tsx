import { redirect } from "next/navigation";
import { HOME_PATH } from "@/lib/auth/safe-redirect";

export default function Home() {
  redirect(HOME_PATH);
}
