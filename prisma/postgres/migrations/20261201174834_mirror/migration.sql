-- CreateEnum
CREATE TYPE "MirrorMode" AS ENUM ('notifications', 'polling');

-- CreateTable
CREATE TABLE "CalendarMirror" (
    "resourceId" TEXT NOT NULL,
    "mode" "MirrorMode" NOT NULL,
    "windowStart" TIMESTAMP(3),
    "windowEnd" TIMESTAMP(3),
    "deltaLink" TEXT,
    "lastSyncAt" TIMESTAMP(3),
    "lastFullSyncAt" TIMESTAMP(3),
    "syncRequestedAt" TIMESTAMP(3),
    "problemCode" TEXT,
    "problem" TEXT,
    "problemAt" TIMESTAMP(3),
    "subscriptionId" TEXT,
    "subscriptionExpiresAt" TIMESTAMP(3),
    "subscriptionAttemptAt" TIMESTAMP(3),
    "clientStateHash" TEXT,
    "lifecyclePending" TEXT,
    "eventCount" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CalendarMirror_pkey" PRIMARY KEY ("resourceId")
);

-- CreateTable
CREATE TABLE "MirrorEvent" (
    "resourceId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "iCalUId" TEXT,
    "start" TIMESTAMP(3) NOT NULL,
    "end" TIMESTAMP(3) NOT NULL,
    "showAs" TEXT NOT NULL,
    "ours" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "MirrorEvent_pkey" PRIMARY KEY ("resourceId","eventId")
);

-- CreateIndex
CREATE UNIQUE INDEX "CalendarMirror_subscriptionId_key" ON "CalendarMirror"("subscriptionId");

-- CreateIndex
CREATE INDEX "MirrorEvent_resourceId_start_idx" ON "MirrorEvent"("resourceId", "start");

-- AddForeignKey
ALTER TABLE "CalendarMirror" ADD CONSTRAINT "CalendarMirror_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "Resource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MirrorEvent" ADD CONSTRAINT "MirrorEvent_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "CalendarMirror"("resourceId") ON DELETE CASCADE ON UPDATE CASCADE;
