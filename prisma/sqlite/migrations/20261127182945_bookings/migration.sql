-- AlterTable
ALTER TABLE "Office365Settings" ADD COLUMN "adminConsentAt" DATETIME;
ALTER TABLE "Office365Settings" ADD COLUMN "adminConsentTenant" TEXT;

-- CreateTable
CREATE TABLE "ApplicationMailbox" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "address" TEXT NOT NULL,
    "displayName" TEXT,
    "tenant" TEXT NOT NULL,
    "addedByEmail" TEXT NOT NULL,
    "addedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Booking" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "transactionId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "accountId" TEXT,
    "mailboxId" TEXT,
    "mailbox" TEXT,
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
    "createdById" TEXT NOT NULL,
    "createdByEmail" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "HubSettings" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'default',
    "timeZone" TEXT NOT NULL DEFAULT 'Europe/London',
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "ApplicationMailbox_address_key" ON "ApplicationMailbox"("address");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_transactionId_key" ON "Booking"("transactionId");

-- CreateIndex
CREATE INDEX "Booking_calendarId_start_idx" ON "Booking"("calendarId", "start");

-- CreateIndex
CREATE INDEX "Booking_status_idx" ON "Booking"("status");
