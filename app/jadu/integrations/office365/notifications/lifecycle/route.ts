import { notificationRoute } from "@/lib/mirror/notification-route";

/** Microsoft's lifecycle notifications for the hub's subscriptions (lib/mirror/notification-route.ts). */
export const POST = notificationRoute("lifecycle");
