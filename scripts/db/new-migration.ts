// Creates the next migration from schema changes, for SQLite and PostgreSQL alike, without a database and without
// Prisma's native engine.
//
//   npm run db:new-migration -- <name> [--provider sqlite|postgresql]
//   npm run db:new-migration -- <name> --schema DIR_OR_FILE [--migrations DIR] [--provider NAME]
//
// By default both schema folders (prisma/sqlite/ and prisma/postgres/, which share prisma/models.prisma) get a
// migration of the same name and time stamp; a database whose schema did not change gets none.
//
// WHY: `prisma migrate dev/diff` need the native schema engine, which Prisma's CLI downloads and which cannot be
// fetched here. Prisma's WebAssembly build of the same engine (@prisma/schema-engine-wasm) computes the same diff.
// We diff the schema as of the last migration (a snapshot kept next to the migrations) against the current schema,
// like `prisma migrate diff --from-schema <snapshot> --to-schema <current> --script`, and write the result in the
// CLI's layout: <migrations>/<YYYYMMDDHHMMSS>_<name>/migration.sql plus migration_lock.toml. The snapshot is named
// schema.snapshot, not *.prisma: Prisma reads every .prisma file under a schema folder, migrations/ included.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
// The package's main entry does `import * as wasm from "./schema_engine_bg.wasm"`, which Node 20 cannot load.
// Its "bundler" glue module is importable on its own; we instantiate the .wasm next to it by hand.
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import { SCHEMA_FOLDERS, type DatabaseProvider } from "../../lib/db/provider";

type SchemaFile = { path: string; content: string };
type Target = { schemaPath: string; migrationsDir: string; provider?: string };

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: { schema: { type: "string" }, migrations: { type: "string" }, provider: { type: "string" } },
});
const rawName = positionals[0];
if (!rawName) fail("usage: npm run db:new-migration -- <name> [--provider sqlite|postgresql] [--schema PATH --migrations DIR]");
// The CLI slugifies --name the same way: "Add Bookings!" -> "add_bookings".
const name = rawName.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
  .replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 200);
if (!name) fail(`"${rawName}" is not usable as a migration name`);
const requested = flags.provider === "postgres" ? "postgresql" : flags.provider;
if (requested && !(requested in SCHEMA_FOLDERS)) fail(`--provider must be one of ${Object.keys(SCHEMA_FOLDERS).join(", ")}`);

const targets: Target[] = flags.schema
  ? [{ schemaPath: path.resolve(flags.schema), migrationsDir: path.resolve(flags.migrations ?? "prisma/migrations"), provider: requested }]
  : Object.entries(SCHEMA_FOLDERS)
      .filter(([provider]) => !requested || provider === requested)
      .map(([provider, folder]) => ({ schemaPath: path.resolve(folder), migrationsDir: path.resolve(folder, "migrations"), provider }));

// --- Load the engine -------------------------------------------------------------------------------------------
// The glue reports Rust panics through this global (Prisma's CLI installs it); without it a panic turns into
// "Cannot read properties of undefined (reading 'set_message')" and the real message is lost.
let panicMessage = "";
Object.assign(globalThis, { PRISMA_WASM_PANIC_REGISTRY: { set_message: (m: string) => { panicMessage = m; } } });
// A panic inside an async engine call surfaces as an uncaught "RuntimeError: unreachable", not as a rejection.
process.on("uncaughtException", (e) => fail(`schema engine panicked: ${panicMessage || e.message}`));
const wasmUrl = new URL("schema_engine_bg.wasm", import.meta.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
const { instance } = await WebAssembly.instantiate(await readFile(wasmUrl), { "./schema_engine_bg.js": glue });
glue.__wbg_set_wasm(instance.exports);
(instance.exports.__wbindgen_start as () => void)();

// All targets share one time stamp (UTC YYYYMMDDHHMMSS, as Prisma does), so a change reads the same in both folders.
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
let written = 0;
for (const target of targets) written += (await writeMigration(target)) ? 1 : 0;
if (written === 0) console.log("No schema changes: nothing to write.");

/** Diffs one schema folder against its snapshot and writes the migration; false when nothing changed. */
async function writeMigration({ schemaPath, migrationsDir, provider: wanted }: Target): Promise<boolean> {
  const snapshotPath = path.join(migrationsDir, "schema.snapshot");
  const lockPath = path.join(migrationsDir, "migration_lock.toml");

  // A schema is a file or (Prisma 7) a folder of .prisma files (links followed); the migrations folder may sit inside it.
  const current: SchemaFile[] = statSync(schemaPath).isDirectory()
    ? readdirSync(schemaPath, { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith(".prisma") && !path.join(schemaPath, f).startsWith(migrationsDir + path.sep))
        .sort()
        .map((f) => ({ path: f, content: readFileSync(path.join(schemaPath, f), "utf8") }))
    : [{ path: path.basename(schemaPath), content: readFileSync(schemaPath, "utf8") }];

  // The engine needs to know the database kind before it parses anything: take it from the datasource block.
  const datasource = current.map((f) => f.content.replace(/\/\/.*$/gm, "")).join("\n").match(/datasource\s+\w+\s*\{[^}]*\}/)?.[0];
  const declared = datasource?.match(/provider\s*=\s*"([^"]+)"/)?.[1];
  if (wanted && declared && wanted !== declared) fail(`--provider ${wanted}, but ${schemaPath} says "${declared}"`);
  const provider = (wanted ?? declared) === "postgres" ? "postgresql" : (wanted ?? declared);
  if (provider !== "sqlite" && provider !== "postgresql") fail(`unsupported or missing datasource provider: ${provider}`);

  const lock = existsSync(lockPath) ? readFileSync(lockPath, "utf8").match(/provider\s*=\s*"([^"]+)"/)?.[1] : undefined;
  if (lock && lock !== provider) fail(`${lockPath} is for "${lock}", the schema is for "${provider}": use another migrations folder`);
  const snapshot = existsSync(snapshotPath) ? readFileSync(snapshotPath, "utf8") : undefined;
  const hasMigrations = existsSync(migrationsDir) && readdirSync(migrationsDir).some((d) => /^\d{14}_/.test(d));
  // Diffing from empty on top of existing migrations would re-create every table: refuse rather than guess.
  if (snapshot === undefined && hasMigrations) fail(`${snapshotPath} is missing but migrations exist; restore it from git`);

  const snapshotText = current.length === 1 ? current[0]!.content : current.map((f) => `// ---- ${f.path}\n${f.content}`).join("\n");
  const sql = await diff(provider, snapshot, current);
  if (sql === null) {
    // Changes that need no SQL (comments; on SQLite, String to an enum, both stored as TEXT) still move the snapshot,
    // so that it always reads as the schema of the last migration.
    if (snapshot !== undefined && snapshot !== snapshotText) writeFileSync(snapshotPath, snapshotText);
    console.log(`${path.relative(process.cwd(), migrationsDir)}: no changes that need SQL${snapshot !== snapshotText ? " (snapshot updated)" : ""}.`);
    return false;
  }

  // --- Write, in the CLI's layout ------------------------------------------------------------------------------
  const dir = path.join(migrationsDir, `${stamp}_${name}`);
  if (existsSync(dir)) fail(`${dir} already exists`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  if (!lock) {
    writeFileSync(lockPath, `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`);
  }
  // Last, so that a failed run leaves the snapshot at the previous migration. One file even for a schema folder:
  // Prisma accepts all blocks in one file, and the next diff only needs the content.
  writeFileSync(snapshotPath, snapshotText);
  console.log(`Wrote ${path.relative(process.cwd(), path.join(dir, "migration.sql"))} and updated ${path.relative(process.cwd(), snapshotPath)}.`);
  return true;
}

/** The SQL from the snapshot (or an empty database) to the current schema; null when there is no change. */
async function diff(provider: DatabaseProvider, snapshot: string | undefined, current: SchemaFile[]): Promise<string | null> {
  // SchemaEngine.new() insists on a driver adapter and connects at once, even though a schema-to-schema diff never
  // touches a database. This stand-in speaks the adapter protocol (every call returns {ok, value} / {ok, error})
  // and refuses all SQL. Failures are returned as "GenericJs" error ids, which the engine reports as
  // "External error id#N": `adapterErrors[N]` holds the readable message.
  const adapterErrors: string[] = [];
  const refuse = (method: string) => async (query?: { sql?: string }) => {
    // The Postgres connector asks for the server version on connect; a plausible answer is enough for a diff.
    if (method === "queryRaw" && query?.sql?.includes("server_version_num")) {
      return { ok: true, value: { columnNames: ["exists", "version", "numeric_version"], columnTypes: [5, 7, 0], rows: [[true, "PostgreSQL 16.0 (offline)", 160000]] } };
    }
    adapterErrors.push(`the engine tried ${method}(${query?.sql ?? ""}), but this tool has no database`);
    return { ok: false, error: { kind: "GenericJs", id: adapterErrors.length - 1 } };
  };
  const adapterProvider = provider === "postgresql" ? "postgres" : "sqlite"; // driver adapters' spelling
  const connection = {
    provider: adapterProvider, adapterName: "offline",
    queryRaw: refuse("queryRaw"), executeRaw: refuse("executeRaw"), executeScript: refuse("executeScript"),
    startTransaction: refuse("startTransaction"), dispose: async () => ({ ok: true, value: undefined }),
  };
  const offlineAdapter = {
    provider: adapterProvider, adapterName: "offline",
    connect: async () => ({ ok: true, value: connection }),
    connectToShadowDb: async () => ({ ok: true, value: connection }),
  };
  try {
    const engine = await glue.SchemaEngine.new({ datamodels: undefined }, () => {}, offlineAdapter);
    const result = await engine.diff({
      from: snapshot === undefined ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: "schema.snapshot.prisma", content: snapshot }] },
      to: { tag: "schemaDatamodel", files: current },
      script: true,
      // An empty diff still prints "-- This is an empty migration."; exitCode 2 is the reliable "there are changes".
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    });
    engine.free();
    return result.exitCode === 2 ? (result.stdout ?? "") : null;
  } catch (error) {
    const e = error as Error & { code?: string };
    const message = (panicMessage || e.message).replace(/External error id#(\d+)/g, (_, id: string) => adapterErrors[Number(id)] ?? _);
    fail(`schema engine${e.code ? ` ${e.code}` : ""}: ${message}`);
  }
}

function fail(message: string): never {
  console.error(`db:new-migration: ${message}`);
  process.exit(1);
}
