-- AlterTable
ALTER TABLE "AccountToken" ADD COLUMN "accessTokenIssuedAt" DATETIME;

-- AlterTable
ALTER TABLE "OAuthState" ADD COLUMN "tenant" TEXT;

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "tokens" REAL NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
