// A throwaway PostgreSQL cluster for the tests: started on a free loopback port with its socket and data in a
// temporary folder, removed afterwards.
//
//   tsx scripts/test/postgres.ts npm test        runs the command with TEST_DATABASE_URL set, then stops the cluster
//   tsx scripts/test/postgres.ts                 prints TEST_DATABASE_URL and keeps the cluster until Ctrl-C
//
// Needs PostgreSQL's server programs (Debian: apt-get install -y postgresql; found in /usr/lib/postgresql/<version>/bin
// or on PATH). The server refuses to run as root: as root, the cluster belongs to the `postgres` user Debian's package
// creates, and the programs run through runuser.
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import pg from "pg";

const ROLE = "hub";
const DATABASE = "hub_test";

function serverPrograms(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) if (existsSync(path.join(root, version, "bin", "pg_ctl"))) return path.join(root, version, "bin");
  const found = spawnSync("sh", ["-c", "command -v pg_ctl"], { encoding: "utf8" }).stdout.trim();
  if (found) return path.dirname(found);
  throw new Error("PostgreSQL's server programs (initdb, pg_ctl) were not found: apt-get install -y postgresql");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export type Cluster = { url: string; stop: () => void };

export async function startCluster(): Promise<Cluster> {
  const bin = serverPrograms();
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? "postgres" : userInfo().username;
  const run = (program: string, args: string[]) => {
    const command = asRoot ? ["runuser", "-u", owner, "--", path.join(bin, program), ...args] : [path.join(bin, program), ...args];
    const result = spawnSync(command[0]!, command.slice(1), { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${program} failed: ${result.stderr || result.stdout || result.error?.message}`);
  };

  const dir = mkdtempSync(path.join(tmpdir(), "hub-postgres-"));
  if (asRoot) {
    const ids = spawnSync("id", ["-u", owner], { encoding: "utf8" });
    if (ids.status !== 0) throw new Error(`Running as root, but there is no "${owner}" user to run PostgreSQL as (Debian's postgresql package creates it).`);
    const gid = Number(spawnSync("id", ["-g", owner], { encoding: "utf8" }).stdout.trim());
    chownSync(dir, Number(ids.stdout.trim()), gid);
  }
  chmodSync(dir, 0o700);
  const data = path.join(dir, "data");
  const port = await freePort();
  const stop = () => {
    try {
      run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
    } catch {
      // Not started, or already stopped: the folder goes anyway.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run("initdb", ["-D", data, "-U", ROLE, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);
    // A test cluster: durability is not wanted, speed is.
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "server.log"), "-w", "start"]);
    const client = new pg.Client({ connectionString: `postgresql://${ROLE}@127.0.0.1:${port}/postgres` });
    await client.connect();
    await client.query(`CREATE DATABASE ${DATABASE}`);
    await client.end();
  } catch (error) {
    stop();
    throw error;
  }
  return { url: `postgresql://${ROLE}@127.0.0.1:${port}/${DATABASE}`, stop };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const command = process.argv.slice(2);
  const cluster = await startCluster();
  console.error(`PostgreSQL for the tests: TEST_DATABASE_URL=${cluster.url}`);
  if (command.length === 0) {
    console.log(cluster.url);
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.on(signal, () => {
        cluster.stop();
        process.exit(0);
      });
    }
    setInterval(() => {}, 1 << 30);
  } else {
    const child = spawn(command[0]!, command.slice(1), { stdio: "inherit", env: { ...process.env, TEST_DATABASE_URL: cluster.url } });
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
    const status = await new Promise<number>((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
    cluster.stop();
    console.error("PostgreSQL for the tests: stopped and removed.");
    process.exit(status);
  }
}
