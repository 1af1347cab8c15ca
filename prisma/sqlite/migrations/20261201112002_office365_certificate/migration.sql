-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Office365Settings" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'default',
    "clientId" TEXT NOT NULL,
    "credentialType" TEXT NOT NULL DEFAULT 'secret',
    "clientSecret" TEXT,
    "clientSecretSavedAt" DATETIME,
    "clientSecretExpiresOn" TEXT,
    "certificate" TEXT,
    "certificatePrivateKey" TEXT,
    "certificateSavedAt" DATETIME,
    "azureAdVersion" TEXT NOT NULL,
    "tenant" TEXT NOT NULL,
    "cloud" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "updatedById" TEXT,
    "problemCode" TEXT,
    "problemMessage" TEXT,
    "problemAt" DATETIME,
    "adminConsentAt" DATETIME,
    "adminConsentTenant" TEXT
);
INSERT INTO "new_Office365Settings" ("adminConsentAt", "adminConsentTenant", "azureAdVersion", "clientId", "clientSecret", "clientSecretExpiresOn", "clientSecretSavedAt", "cloud", "id", "problemAt", "problemCode", "problemMessage", "tenant", "updatedAt", "updatedById") SELECT "adminConsentAt", "adminConsentTenant", "azureAdVersion", "clientId", "clientSecret", "clientSecretExpiresOn", "clientSecretSavedAt", "cloud", "id", "problemAt", "problemCode", "problemMessage", "tenant", "updatedAt", "updatedById" FROM "Office365Settings";
DROP TABLE "Office365Settings";
ALTER TABLE "new_Office365Settings" RENAME TO "Office365Settings";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
