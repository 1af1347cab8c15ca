-- CreateTable
CREATE TABLE "BookingSeries" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "transactionId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "frequency" TEXT NOT NULL,
    "recurrence" TEXT NOT NULL,
    "skippedDates" TEXT NOT NULL DEFAULT '[]',
    "firstStart" DATETIME NOT NULL,
    "firstEnd" DATETIME NOT NULL,
    "roomInvited" BOOLEAN NOT NULL DEFAULT false,
    "masterEventId" TEXT,
    "webLink" TEXT,
    "joinUrl" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" DATETIME,
    "errorMessage" TEXT,
    "createdById" TEXT NOT NULL,
    "createdByEmail" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

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
    "leaseUntil" DATETIME,
    "createdById" TEXT NOT NULL,
    "createdByEmail" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "resourceId" TEXT,
    "invitedRoom" TEXT,
    "roomResponse" TEXT,
    "roomResponseAt" DATETIME,
    "iCalUId" TEXT,
    "teams" BOOLEAN NOT NULL DEFAULT false,
    "joinUrl" TEXT,
    "seriesId" TEXT,
    CONSTRAINT "Booking_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "Resource" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Booking_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "BookingSeries" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Booking" ("accountId", "attempts", "attendees", "body", "calendarId", "calendarName", "calendarOwner", "createdAt", "createdByEmail", "createdById", "end", "errorMessage", "eventId", "id", "leaseUntil", "location", "mailbox", "mailboxId", "pendingChange", "resourceId", "start", "status", "subject", "timeZone", "transactionId", "updatedAt", "webLink") SELECT "accountId", "attempts", "attendees", "body", "calendarId", "calendarName", "calendarOwner", "createdAt", "createdByEmail", "createdById", "end", "errorMessage", "eventId", "id", "leaseUntil", "location", "mailbox", "mailboxId", "pendingChange", "resourceId", "start", "status", "subject", "timeZone", "transactionId", "updatedAt", "webLink" FROM "Booking";
DROP TABLE "Booking";
ALTER TABLE "new_Booking" RENAME TO "Booking";
CREATE UNIQUE INDEX "Booking_transactionId_key" ON "Booking"("transactionId");
CREATE INDEX "Booking_calendarOwner_calendarId_start_idx" ON "Booking"("calendarOwner", "calendarId", "start");
CREATE INDEX "Booking_status_idx" ON "Booking"("status");
CREATE INDEX "Booking_resourceId_start_idx" ON "Booking"("resourceId", "start");
CREATE INDEX "Booking_createdById_start_idx" ON "Booking"("createdById", "start");
CREATE INDEX "Booking_seriesId_idx" ON "Booking"("seriesId");
CREATE TABLE "new_Resource" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "description" TEXT,
    "capacity" INTEGER,
    "building" TEXT,
    "floor" TEXT,
    "wheelchairAccessible" BOOLEAN NOT NULL DEFAULT false,
    "equipmentNotes" TEXT,
    "accountId" TEXT,
    "mailboxId" TEXT,
    "sharedMailbox" TEXT,
    "calendarId" TEXT NOT NULL,
    "calendarName" TEXT NOT NULL,
    "isDefaultCalendar" BOOLEAN NOT NULL DEFAULT true,
    "calendarOwner" TEXT NOT NULL,
    "openingHours" TEXT NOT NULL,
    "slotMinutes" INTEGER NOT NULL DEFAULT 30,
    "bufferBeforeMinutes" INTEGER NOT NULL DEFAULT 0,
    "bufferAfterMinutes" INTEGER NOT NULL DEFAULT 0,
    "minimumNoticeMinutes" INTEGER NOT NULL DEFAULT 60,
    "bookUpToDays" INTEGER NOT NULL DEFAULT 180,
    "longestBookingMinutes" INTEGER NOT NULL DEFAULT 240,
    "placesPerSlot" INTEGER NOT NULL DEFAULT 1,
    "closedOnBankHolidays" BOOLEAN NOT NULL DEFAULT true,
    "closedDates" TEXT NOT NULL DEFAULT '[]',
    "whoCanBook" TEXT NOT NULL DEFAULT 'staff',
    "showOnBookingPage" BOOLEAN NOT NULL DEFAULT true,
    "directoryAddress" TEXT,
    "bookingMode" TEXT NOT NULL DEFAULT 'direct',
    "organiserId" TEXT,
    "onlineMeetingProviders" TEXT,
    "createdByEmail" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Resource" ("accountId", "bookUpToDays", "bufferAfterMinutes", "bufferBeforeMinutes", "building", "calendarId", "calendarName", "calendarOwner", "capacity", "closedDates", "closedOnBankHolidays", "createdAt", "createdByEmail", "description", "directoryAddress", "equipmentNotes", "floor", "id", "isDefaultCalendar", "kind", "longestBookingMinutes", "mailboxId", "minimumNoticeMinutes", "name", "openingHours", "placesPerSlot", "sharedMailbox", "showOnBookingPage", "slotMinutes", "updatedAt", "wheelchairAccessible", "whoCanBook") SELECT "accountId", "bookUpToDays", "bufferAfterMinutes", "bufferBeforeMinutes", "building", "calendarId", "calendarName", "calendarOwner", "capacity", "closedDates", "closedOnBankHolidays", "createdAt", "createdByEmail", "description", "directoryAddress", "equipmentNotes", "floor", "id", "isDefaultCalendar", "kind", "longestBookingMinutes", "mailboxId", "minimumNoticeMinutes", "name", "openingHours", "placesPerSlot", "sharedMailbox", "showOnBookingPage", "slotMinutes", "updatedAt", "wheelchairAccessible", "whoCanBook" FROM "Resource";
DROP TABLE "Resource";
ALTER TABLE "new_Resource" RENAME TO "Resource";
CREATE INDEX "Resource_building_idx" ON "Resource"("building");
CREATE UNIQUE INDEX "Resource_calendarOwner_calendarId_key" ON "Resource"("calendarOwner", "calendarId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "BookingSeries_transactionId_key" ON "BookingSeries"("transactionId");

-- CreateIndex
CREATE INDEX "BookingSeries_status_idx" ON "BookingSeries"("status");
