import "server-only";
import { notFound } from "next/navigation";
import { requirePageUser } from "../auth/session";
import { findResource, type Resource } from "./resources";
import { resourceIdSchema } from "./schemas";

/**
 * The resource a page under Utilities › Resources › [id] is about: for administrators only (checked before the id is
 * read), and Not found for an id that is not a resource.
 */
export async function resourceForAdminPage(params: Promise<{ id: string }>): Promise<Resource> {
  await requirePageUser("admin");
  const parsed = resourceIdSchema.safeParse((await params).id);
  const resource = parsed.success ? await findResource(parsed.data) : null;
  if (!resource) notFound();
  return resource;
}
