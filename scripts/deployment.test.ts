import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";

/**
 * The sample deployment (compose.yaml, the Dockerfile, deploy/Caddyfile), checked without Docker, which these machines
 * lack: the files parse, agree with each other and with package.json, and keep secrets out of the image.
 */
const service = z.object({
  image: z.string().optional(),
  build: z.string().optional(),
  environment: z.record(z.string(), z.string()).optional(),
  volumes: z.array(z.string()).optional(),
  ports: z.array(z.string()).optional(),
});
const compose = z.object({ services: z.record(z.string(), service) }).parse(parse(readFileSync("compose.yaml", "utf8")));
const dockerfile = readFileSync("Dockerfile", "utf8");
const caddyfile = readFileSync("deploy/Caddyfile", "utf8");
const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;

const hubs = Object.entries(compose.services).filter(([, definition]) => definition.build === ".");
/** The Dockerfile's instructions, continuation lines joined, comments left out. */
const instructions = dockerfile
  .replace(/\\\n/g, " ")
  .split("\n")
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith("#"));
const stages = instructions.reduce<string[][]>((all, line) => (line.startsWith("FROM ") ? [...all, [line]] : (all.at(-1)?.push(line), all)), []);

describe("compose.yaml", () => {
  it("runs two hub instances built from this folder on one PostgreSQL, with the same secrets and public address", () => {
    expect(hubs.map(([name]) => name)).toEqual(["hub-a", "hub-b"]);
    expect(compose.services.db?.image).toMatch(/^postgres:/);
    const environments = hubs.map(([, definition]) => definition.environment!);
    for (const name of ["DATABASE_URL", "AUTH_SECRET", "HUB_ENCRYPTION_KEY", "AUTH_URL"]) {
      expect(environments[0]![name], name).toBeTruthy();
      expect(environments[1]![name], name).toBe(environments[0]![name]);
    }
    expect(environments[0]!.DATABASE_URL).toMatch(/^postgresql:\/\/hub:\$\{POSTGRES_PASSWORD:\?.+\}@db:5432\/hub$/);
    // Secrets come from the environment (.env), never written into the file, and compose refuses to start without them.
    expect(environments[0]!.AUTH_SECRET).toMatch(/^\$\{AUTH_SECRET:\?/);
    expect(environments[0]!.HUB_ENCRYPTION_KEY).toMatch(/^\$\{HUB_ENCRYPTION_KEY:\?/);
    expect(environments[0]!.HUB_TRUSTED_PROXIES).toBe("1");
  });

  it("puts the proxy in front, with its configuration file, sending traffic to each instance only while it is ready", () => {
    const proxy = compose.services.proxy!;
    expect(proxy.volumes).toContain("./deploy/Caddyfile:/etc/caddy/Caddyfile:ro");
    for (const [name] of hubs) expect(caddyfile).toContain(`${name}:3000`);
    expect(caddyfile).toMatch(/health_uri \/api\/health\?ready/);
    // No sticky sessions: any instance can answer any request.
    expect(caddyfile.replace(/#.*$/gm, "")).not.toMatch(/lb_policy (cookie|ip_hash|client_ip_hash|header)/);
  });
});

describe("Dockerfile", () => {
  it("builds in one stage and runs npm start in another", () => {
    expect(stages.map((stage) => stage[0])).toEqual(["FROM node:20-bookworm-slim AS build", "FROM node:20-bookworm-slim AS runtime"]);
    expect(stages[1]!.at(-1)).toBe('CMD ["npm", "start"]');
    expect(stages[1]!.join("\n")).toContain("COPY --from=build");
    expect(dockerfile).toContain("/api/health?ready");
  });

  it("gives the build stage no secret: none is declared, copied or set", () => {
    const build = stages[0]!.join("\n");
    for (const name of ["AUTH_SECRET", "HUB_ENCRYPTION_KEY", "DATABASE_URL", "HUB_ADMIN_PASSWORD"]) expect(build).not.toContain(name);
    expect(build).not.toMatch(/^(ARG|ENV) /m);
    const ignored = readFileSync(".dockerignore", "utf8").split("\n");
    for (const entry of [".env*", "data", "node_modules", ".next", "e2e/.state"]) expect(ignored).toContain(entry);
  });

  it("uses only npm scripts that exist, and copies files that exist", () => {
    const runs = instructions.filter((line) => /^(RUN|CMD)/.test(line)).join("\n");
    const used = [...runs.matchAll(/npm run (\S+)/g)].map((match) => match[1]!);
    expect(used).toContain("build");
    for (const name of used) expect(scripts[name], `npm run ${name}`).toBeDefined();
    expect(scripts.start).toBeDefined();
    const copied = instructions.filter((line) => line.startsWith("COPY ") && !line.includes("--from=")).flatMap((line) => line.split(/\s+/).slice(1, -1));
    for (const source of copied.filter((part) => part !== ".")) expect(existsSync(source), source).toBe(true);
  });
});
