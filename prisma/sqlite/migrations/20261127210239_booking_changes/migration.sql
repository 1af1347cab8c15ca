-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Booking" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "transactionId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "accountId" TEXT,
    "mailboxId" TEXT,
    "mailbox" TEXT,
    "calendarOwner" TEXT NOT NULL DEFAULT '',
    "calendarId" TEXT NOT NULL,
    "calendarName" TEXT,
    "subject" TEXT NOT NULL,
    "start" DATETIME NOT NULL,
    "end" DATETIME NOT NULL,
    "timeZone" TEXT NOT NULL,
    "attendees" TEXT NOT NULL DEFAULT '[]',
    "location" TEXT,
    "body" TEXT,
    "eventId" TEXT,
    "webLink" TEXT,
    "errorMessage" TEXT,
    "pendingChange" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT NOT NULL,
    "createdByEmail" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Booking" ("accountId", "attendees", "body", "calendarId", "calendarName", "createdAt", "createdByEmail", "createdById", "end", "errorMessage", "eventId", "id", "location", "mailbox", "mailboxId", "start", "status", "subject", "timeZone", "transactionId", "updatedAt", "webLink") SELECT "accountId", "attendees", "body", "calendarId", "calendarName", "createdAt", "createdByEmail", "createdById", "end", "errorMessage", "eventId", "id", "location", "mailbox", "mailboxId", "start", "status", "subject", "timeZone", "transactionId", "updatedAt", "webLink" FROM "Booking";
DROP TABLE "Booking";
ALTER TABLE "new_Booking" RENAME TO "Booking";
CREATE UNIQUE INDEX "Booking_transactionId_key" ON "Booking"("transactionId");
CREATE INDEX "Booking_calendarOwner_calendarId_start_idx" ON "Booking"("calendarOwner", "calendarId", "start");
CREATE INDEX "Booking_status_idx" ON "Booking"("status");
-- Backfill: the mailbox that holds each existing booking's calendar.
UPDATE "Booking" SET "calendarOwner" = lower(COALESCE(
    "mailbox",
    (SELECT "email" FROM "ConnectedAccount" WHERE "ConnectedAccount"."id" = "Booking"."accountId"),
    (SELECT "address" FROM "ApplicationMailbox" WHERE "ApplicationMailbox"."id" = "Booking"."mailboxId"),
    ''));
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
