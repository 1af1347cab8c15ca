-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CalendarMirror" (
    "resourceId" TEXT NOT NULL PRIMARY KEY,
    "mode" TEXT NOT NULL,
    "windowStart" DATETIME,
    "windowEnd" DATETIME,
    "deltaLink" TEXT,
    "lastSyncAt" DATETIME,
    "lastFullSyncAt" DATETIME,
    "syncRequestedAt" DATETIME,
    "changeSeq" INTEGER NOT NULL DEFAULT 0,
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
INSERT INTO "new_CalendarMirror" ("clientStateHash", "deltaLink", "eventCount", "lastFullSyncAt", "lastSyncAt", "lifecyclePending", "mode", "problem", "problemAt", "problemCode", "resourceId", "subscriptionAttemptAt", "subscriptionExpiresAt", "subscriptionId", "syncRequestedAt", "updatedAt", "windowEnd", "windowStart") SELECT "clientStateHash", "deltaLink", "eventCount", "lastFullSyncAt", "lastSyncAt", "lifecyclePending", "mode", "problem", "problemAt", "problemCode", "resourceId", "subscriptionAttemptAt", "subscriptionExpiresAt", "subscriptionId", "syncRequestedAt", "updatedAt", "windowEnd", "windowStart" FROM "CalendarMirror";
DROP TABLE "CalendarMirror";
ALTER TABLE "new_CalendarMirror" RENAME TO "CalendarMirror";
CREATE UNIQUE INDEX "CalendarMirror_subscriptionId_key" ON "CalendarMirror"("subscriptionId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
