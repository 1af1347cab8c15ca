-- CreateTable
CREATE TABLE "CalendarMirror" (
    "resourceId" TEXT NOT NULL PRIMARY KEY,
    "mode" TEXT NOT NULL,
    "windowStart" DATETIME,
    "windowEnd" DATETIME,
    "deltaLink" TEXT,
    "lastSyncAt" DATETIME,
    "lastFullSyncAt" DATETIME,
    "syncRequestedAt" DATETIME,
    "problemCode" TEXT,
    "problem" TEXT,
    "problemAt" DATETIME,
    "subscriptionId" TEXT,
    "subscriptionExpiresAt" DATETIME,
    "subscriptionAttemptAt" DATETIME,
    "clientStateHash" TEXT,
    "lifecyclePending" TEXT,
    "eventCount" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CalendarMirror_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "Resource" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MirrorEvent" (
    "resourceId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "iCalUId" TEXT,
    "start" DATETIME NOT NULL,
    "end" DATETIME NOT NULL,
    "showAs" TEXT NOT NULL,
    "ours" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("resourceId", "eventId"),
    CONSTRAINT "MirrorEvent_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "CalendarMirror" ("resourceId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "CalendarMirror_subscriptionId_key" ON "CalendarMirror"("subscriptionId");

-- CreateIndex
CREATE INDEX "MirrorEvent_resourceId_start_idx" ON "MirrorEvent"("resourceId", "start");
