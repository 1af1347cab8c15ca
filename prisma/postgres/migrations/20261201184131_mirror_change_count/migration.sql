-- AlterTable
ALTER TABLE "CalendarMirror" ADD COLUMN     "changeSeq" INTEGER NOT NULL DEFAULT 0;
