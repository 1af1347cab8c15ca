-- AlterTable
ALTER TABLE "AccountToken" ADD COLUMN "renewalLeaseUntil" DATETIME;

-- CreateTable
CREATE TABLE "Job" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "owner" TEXT,
    "leaseUntil" DATETIME,
    "nextRunAt" DATETIME NOT NULL,
    "lastStartedAt" DATETIME,
    "lastFinishedAt" DATETIME,
    "lastError" TEXT,
    "updatedAt" DATETIME NOT NULL
);
