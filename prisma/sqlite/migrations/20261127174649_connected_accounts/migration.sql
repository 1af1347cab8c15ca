-- AlterTable
ALTER TABLE "Office365Settings" ADD COLUMN "problemAt" DATETIME;
ALTER TABLE "Office365Settings" ADD COLUMN "problemCode" TEXT;
ALTER TABLE "Office365Settings" ADD COLUMN "problemMessage" TEXT;

-- CreateTable
CREATE TABLE "ConnectedAccount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "displayName" TEXT,
    "azureAdVersion" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'connected',
    "statusCode" TEXT,
    "statusReason" TEXT,
    "connectedAt" DATETIME NOT NULL,
    "connectedByEmail" TEXT NOT NULL,
    "lastRefreshedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AccountToken" (
    "accountId" TEXT NOT NULL PRIMARY KEY,
    "accessToken" TEXT NOT NULL,
    "accessTokenExpiresAt" DATETIME NOT NULL,
    "refreshToken" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AccountToken_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ConnectedAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OAuthState" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "azureAdVersion" TEXT NOT NULL,
    "codeVerifier" TEXT,
    "nonce" TEXT,
    "accountId" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "ConnectedAccount_tenantId_objectId_key" ON "ConnectedAccount"("tenantId", "objectId");

-- CreateIndex
CREATE INDEX "OAuthState_expiresAt_idx" ON "OAuthState"("expiresAt");
