import { redirect } from "next/navigation";

export default function UtilitiesPage() {
  redirect("/utilities/integrations");
}
