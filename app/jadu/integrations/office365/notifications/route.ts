import { notificationRoute } from "@/lib/mirror/notification-route";

/** Microsoft's change notifications for resources' calendars (lib/mirror/notification-route.ts). */
export const POST = notificationRoute("change");
