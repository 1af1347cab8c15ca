-- AlterTable
ALTER TABLE "Booking" ADD COLUMN "leaseUntil" DATETIME;
