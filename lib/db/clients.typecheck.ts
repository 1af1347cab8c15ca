// Compiled by `npm run typecheck`, never run: the proof behind lib/db.ts typing the PostgreSQL client as the SQLite one.
// For every model and operation, what the code may pass to the SQLite client the PostgreSQL client accepts, and what
// the PostgreSQL client returns (every model's columns, with the same enum and scalar types) is what the code expects.
import type { Prisma as Postgres } from "../generated/postgres/client";
import type { Prisma as Sqlite } from "../generated/sqlite/client";

type Fits<A, B> = [A] extends [B] ? true : false;
type Args<Operation> = Operation extends { args: infer A } ? A : never;
type SqliteModels = Sqlite.TypeMap["model"];
type PostgresModels = Postgres.TypeMap["model"];

type ArgumentsFit = {
  [M in keyof SqliteModels]: {
    [O in keyof SqliteModels[M]["operations"]]: M extends keyof PostgresModels
      ? O extends keyof PostgresModels[M]["operations"]
        ? Fits<Args<SqliteModels[M]["operations"][O]>, Args<PostgresModels[M]["operations"][O]>>
        : false
      : false;
  }[keyof SqliteModels[M]["operations"]];
}[keyof SqliteModels];

type RowsFit = {
  [M in keyof SqliteModels]: M extends keyof PostgresModels
    ? Fits<PostgresModels[M]["payload"]["scalars"], SqliteModels[M]["payload"]["scalars"]>
    : false;
}[keyof SqliteModels];

type SameModels = Fits<keyof PostgresModels, keyof SqliteModels> & Fits<keyof SqliteModels, keyof PostgresModels>;

export const argumentsFit: ArgumentsFit = true;
export const rowsFit: RowsFit = true;
export const sameModels: SameModels = true;
