-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'staff');

-- CreateEnum
CREATE TYPE "CredentialType" AS ENUM ('secret', 'certificate');

-- CreateEnum
CREATE TYPE "AzureAdVersion" AS ENUM ('v1', 'v2');

-- CreateEnum
CREATE TYPE "Cloud" AS ENUM ('global', 'usgov', 'usgovdod', 'china');

-- CreateEnum
CREATE TYPE "AccountStatus" AS ENUM ('connected', 'reconnect_required');

-- CreateEnum
CREATE TYPE "OAuthPurpose" AS ENUM ('connect', 'admin_consent');

-- CreateEnum
CREATE TYPE "BookingStatus" AS ENUM ('pending', 'confirmed', 'updating', 'cancelling', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "SeriesStatus" AS ENUM ('pending', 'created', 'inviting', 'confirmed', 'cancelling', 'cancelled', 'failed');

-- CreateEnum
CREATE TYPE "RepeatFrequency" AS ENUM ('weekdays', 'weekly', 'monthly');

-- CreateEnum
CREATE TYPE "RoomResponse" AS ENUM ('none', 'accepted', 'tentativelyAccepted', 'declined');

-- CreateEnum
CREATE TYPE "ResourceKind" AS ENUM ('room', 'equipment', 'calendar');

-- CreateEnum
CREATE TYPE "BookingMode" AS ENUM ('direct', 'invitation');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "emailVerified" TIMESTAMP(3),
    "image" TEXT,
    "role" "Role" NOT NULL DEFAULT 'admin',
    "passwordHash" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "refresh_token" TEXT,
    "access_token" TEXT,
    "expires_at" INTEGER,
    "token_type" TEXT,
    "scope" TEXT,
    "id_token" TEXT,
    "session_state" TEXT,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "sessionToken" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expires" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VerificationToken" (
    "identifier" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires" TIMESTAMP(3) NOT NULL
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "firstFailureAt" TIMESTAMP(3) NOT NULL,
    "lockedUntil" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Office365Settings" (
    "id" TEXT NOT NULL DEFAULT 'default',
    "clientId" TEXT NOT NULL,
    "credentialType" "CredentialType" NOT NULL DEFAULT 'secret',
    "clientSecret" TEXT,
    "clientSecretSavedAt" TIMESTAMP(3),
    "clientSecretExpiresOn" TEXT,
    "certificate" TEXT,
    "certificatePrivateKey" TEXT,
    "certificateSavedAt" TIMESTAMP(3),
    "azureAdVersion" "AzureAdVersion" NOT NULL,
    "tenant" TEXT NOT NULL,
    "cloud" "Cloud" NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,
    "problemCode" TEXT,
    "problemMessage" TEXT,
    "problemAt" TIMESTAMP(3),
    "adminConsentAt" TIMESTAMP(3),
    "adminConsentTenant" TEXT,

    CONSTRAINT "Office365Settings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConnectedAccount" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "displayName" TEXT,
    "azureAdVersion" "AzureAdVersion" NOT NULL,
    "scopes" TEXT NOT NULL,
    "status" "AccountStatus" NOT NULL DEFAULT 'connected',
    "statusCode" TEXT,
    "statusReason" TEXT,
    "connectedAt" TIMESTAMP(3) NOT NULL,
    "connectedByEmail" TEXT NOT NULL,
    "lastRefreshedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConnectedAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountToken" (
    "accountId" TEXT NOT NULL,
    "accessToken" TEXT NOT NULL,
    "accessTokenIssuedAt" TIMESTAMP(3),
    "accessTokenExpiresAt" TIMESTAMP(3) NOT NULL,
    "refreshToken" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AccountToken_pkey" PRIMARY KEY ("accountId")
);

-- CreateTable
CREATE TABLE "OAuthState" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "purpose" "OAuthPurpose" NOT NULL,
    "azureAdVersion" "AzureAdVersion" NOT NULL,
    "codeVerifier" TEXT,
    "nonce" TEXT,
    "accountId" TEXT,
    "tenant" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OAuthState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorEmail" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "details" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApplicationMailbox" (
    "id" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "displayName" TEXT,
    "tenant" TEXT NOT NULL,
    "addedByEmail" TEXT NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApplicationMailbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Booking" (
    "id" TEXT NOT NULL,
    "transactionId" TEXT NOT NULL,
    "status" "BookingStatus" NOT NULL,
    "accountId" TEXT,
    "mailboxId" TEXT,
    "mailbox" TEXT,
    "calendarOwner" TEXT NOT NULL DEFAULT '',
    "calendarId" TEXT NOT NULL,
    "calendarName" TEXT,
    "subject" TEXT NOT NULL,
    "start" TIMESTAMP(3) NOT NULL,
    "end" TIMESTAMP(3) NOT NULL,
    "timeZone" TEXT NOT NULL,
    "attendees" TEXT NOT NULL DEFAULT '[]',
    "location" TEXT,
    "body" TEXT,
    "eventId" TEXT,
    "webLink" TEXT,
    "errorMessage" TEXT,
    "pendingChange" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdByEmail" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "resourceId" TEXT,
    "invitedRoom" TEXT,
    "roomResponse" "RoomResponse",
    "roomResponseAt" TIMESTAMP(3),
    "iCalUId" TEXT,
    "teams" BOOLEAN NOT NULL DEFAULT false,
    "joinUrl" TEXT,
    "seriesId" TEXT,

    CONSTRAINT "Booking_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BookingSeries" (
    "id" TEXT NOT NULL,
    "transactionId" TEXT NOT NULL,
    "status" "SeriesStatus" NOT NULL,
    "frequency" "RepeatFrequency" NOT NULL,
    "recurrence" TEXT NOT NULL,
    "skippedDates" TEXT NOT NULL DEFAULT '[]',
    "firstStart" TIMESTAMP(3) NOT NULL,
    "firstEnd" TIMESTAMP(3) NOT NULL,
    "roomInvited" BOOLEAN NOT NULL DEFAULT false,
    "masterEventId" TEXT,
    "webLink" TEXT,
    "joinUrl" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" TIMESTAMP(3),
    "errorMessage" TEXT,
    "createdById" TEXT NOT NULL,
    "createdByEmail" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BookingSeries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Resource" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ResourceKind" NOT NULL,
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
    "whoCanBook" "Role" NOT NULL DEFAULT 'staff',
    "showOnBookingPage" BOOLEAN NOT NULL DEFAULT true,
    "directoryAddress" TEXT,
    "bookingMode" "BookingMode" NOT NULL DEFAULT 'direct',
    "organiserId" TEXT,
    "onlineMeetingProviders" TEXT,
    "createdByEmail" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Resource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HubSettings" (
    "id" TEXT NOT NULL DEFAULT 'default',
    "timeZone" TEXT NOT NULL DEFAULT 'Europe/London',
    "bankHolidayRegion" TEXT NOT NULL DEFAULT 'england-and-wales',
    "resourcesAdoptedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HubSettings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Account_userId_idx" ON "Account"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Account_provider_providerAccountId_key" ON "Account"("provider", "providerAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "Session_sessionToken_key" ON "Session"("sessionToken");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "VerificationToken_identifier_token_key" ON "VerificationToken"("identifier", "token");

-- CreateIndex
CREATE UNIQUE INDEX "ConnectedAccount_tenantId_objectId_key" ON "ConnectedAccount"("tenantId", "objectId");

-- CreateIndex
CREATE INDEX "OAuthState_expiresAt_idx" ON "OAuthState"("expiresAt");

-- CreateIndex
CREATE INDEX "AuditEvent_target_at_idx" ON "AuditEvent"("target", "at");

-- CreateIndex
CREATE UNIQUE INDEX "ApplicationMailbox_address_key" ON "ApplicationMailbox"("address");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_transactionId_key" ON "Booking"("transactionId");

-- CreateIndex
CREATE INDEX "Booking_calendarOwner_calendarId_start_idx" ON "Booking"("calendarOwner", "calendarId", "start");

-- CreateIndex
CREATE INDEX "Booking_status_idx" ON "Booking"("status");

-- CreateIndex
CREATE INDEX "Booking_resourceId_start_idx" ON "Booking"("resourceId", "start");

-- CreateIndex
CREATE INDEX "Booking_createdById_start_idx" ON "Booking"("createdById", "start");

-- CreateIndex
CREATE INDEX "Booking_seriesId_idx" ON "Booking"("seriesId");

-- CreateIndex
CREATE UNIQUE INDEX "BookingSeries_transactionId_key" ON "BookingSeries"("transactionId");

-- CreateIndex
CREATE INDEX "BookingSeries_status_idx" ON "BookingSeries"("status");

-- CreateIndex
CREATE INDEX "Resource_building_idx" ON "Resource"("building");

-- CreateIndex
CREATE UNIQUE INDEX "Resource_calendarOwner_calendarId_key" ON "Resource"("calendarOwner", "calendarId");

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountToken" ADD CONSTRAINT "AccountToken_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ConnectedAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "Resource"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "BookingSeries"("id") ON DELETE SET NULL ON UPDATE CASCADE;
