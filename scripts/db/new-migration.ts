// Creates the next migration from schema changes, without a database and without Prisma's native engine.
//
//   npm run db:new-migration -- <name> [--schema prisma/schema.prisma] [--migrations prisma/migrations]
//                                      [--provider sqlite|postgresql]
//
// WHY: `prisma migrate dev/diff` need the native schema engine, which Prisma's CLI downloads and which cannot be
// fetched here. Prisma's WebAssembly build of the same engine (@prisma/schema-engine-wasm) computes the same diff.
// We diff the schema as of the last migration (a snapshot kept next to the migrations) against the current schema,
// like `prisma migrate diff --from-schema <snapshot> --to-schema <current> --script`, and write the result in the
// CLI's layout: <migrations>/<YYYYMMDDHHMMSS>_<name>/migration.sql plus migration_lock.toml.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
// The package's main entry does `import * as wasm from "./schema_engine_bg.wasm"`, which Node 20 cannot load.
// Its "bundler" glue module is importable on its own; we instantiate the .wasm next to it by hand.
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";

type SchemaFile = { path: string; content: string };

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: { schema: { type: "string" }, migrations: { type: "string" }, provider: { type: "string" } },
});
const rawName = positionals[0];
if (!rawName) fail("usage: npm run db:new-migration -- <name> [--schema PATH] [--migrations DIR] [--provider NAME]");
// The CLI slugifies --name the same way: "Add Bookings!" -> "add_bookings".
const name = rawName.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
  .replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 200);
if (!name) fail(`"${rawName}" is not usable as a migration name`);

const schemaPath = path.resolve(flags.schema ?? "prisma/schema.prisma");
const migrationsDir = path.resolve(flags.migrations ?? "prisma/migrations");
const snapshotPath = path.join(migrationsDir, "schema.snapshot.prisma");
const lockPath = path.join(migrationsDir, "migration_lock.toml");

// A schema is a file or (Prisma 7) a folder of .prisma files; the migrations folder may sit inside it.
const current: SchemaFile[] = statSync(schemaPath).isDirectory()
  ? readdirSync(schemaPath, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".prisma") && !path.join(schemaPath, f).startsWith(migrationsDir + path.sep))
      .sort()
      .map((f) => ({ path: f, content: readFileSync(path.join(schemaPath, f), "utf8") }))
  : [{ path: path.basename(schemaPath), content: readFileSync(schemaPath, "utf8") }];

// The engine needs to know the database kind before it parses anything: take it from the datasource block.
const datasource = current.map((f) => f.content.replace(/\/\/.*$/gm, "")).join("\n").match(/datasource\s+\w+\s*\{[^}]*\}/)?.[0];
const declared = datasource?.match(/provider\s*=\s*"([^"]+)"/)?.[1];
if (flags.provider && declared && flags.provider !== declared) fail(`--provider ${flags.provider}, but the schema says "${declared}"`);
const provider = (flags.provider ?? declared) === "postgres" ? "postgresql" : (flags.provider ?? declared);
if (provider !== "sqlite" && provider !== "postgresql") fail(`unsupported or missing datasource provider: ${provider}`);

const lock = existsSync(lockPath) ? readFileSync(lockPath, "utf8").match(/provider\s*=\s*"([^"]+)"/)?.[1] : undefined;
if (lock && lock !== provider) fail(`${lockPath} is for "${lock}", the schema is for "${provider}": use another migrations folder`);
const snapshot = existsSync(snapshotPath) ? readFileSync(snapshotPath, "utf8") : undefined;
const hasMigrations = existsSync(migrationsDir) && readdirSync(migrationsDir).some((d) => /^\d{14}_/.test(d));
// Diffing from empty on top of existing migrations would re-create every table: refuse rather than guess.
if (snapshot === undefined && hasMigrations) fail(`${snapshotPath} is missing but migrations exist; restore it from git`);

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

// --- Diff ------------------------------------------------------------------------------------------------------
let sql: string;
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
  if (result.exitCode !== 2) {
    console.log("No schema changes: nothing to write.");
    process.exit(0);
  }
  sql = result.stdout ?? "";
} catch (error) {
  const e = error as Error & { code?: string };
  const message = (panicMessage || e.message).replace(/External error id#(\d+)/g, (_, id: string) => adapterErrors[Number(id)] ?? _);
  fail(`schema engine${e.code ? ` ${e.code}` : ""}: ${message}`);
}

// --- Write, in the CLI's layout --------------------------------------------------------------------------------
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14); // UTC YYYYMMDDHHMMSS, as Prisma does
const dir = path.join(migrationsDir, `${stamp}_${name}`);
if (existsSync(dir)) fail(`${dir} already exists`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
if (!lock) {
  writeFileSync(lockPath, `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`);
}
// Last, so that a failed run leaves the snapshot at the previous migration. One file even for a schema folder:
// Prisma accepts all blocks in one file, and the next diff only needs the content.
writeFileSync(snapshotPath, current.length === 1 ? current[0]!.content : current.map((f) => `// ---- ${f.path}\n${f.content}`).join("\n"));
console.log(`Wrote ${path.relative(process.cwd(), path.join(dir, "migration.sql"))} and updated ${path.relative(process.cwd(), snapshotPath)}.`);

function fail(message: string): never {
  console.error(`db:new-migration: ${message}`);
  process.exit(1);
}
