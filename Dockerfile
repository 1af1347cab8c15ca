# syntax=docker/dockerfile:1
# Integrations Hub as a container (README: Several instances). The build stage needs no secrets and no database: the
# hub reads AUTH_SECRET, HUB_ENCRYPTION_KEY and DATABASE_URL when it starts, never while it is built. The runtime runs
# `npm start`, which applies the committed migrations (once, under a lock, however many instances start together) and
# serves the build made here.
#
#   docker build -t integrations-hub .
#   docker run -e DATABASE_URL=postgresql://… -e AUTH_SECRET=… -e HUB_ENCRYPTION_KEY=… -p 3000:3000 integrations-hub

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source where its prebuilt binary cannot be downloaded.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
# npm 11 honours package.json's allowScripts (build better-sqlite3; skip Prisma's engine downloads).
RUN npm install -g npm@11
# The dependencies first, so that a change to the sources does not install them again. postinstall generates both
# Prisma clients, which needs the schema folders and prisma.config.ts (and its lib/db/provider.ts).
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY lib/db/provider.ts ./lib/db/provider.ts
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HUB_DATA_DIR=/data
WORKDIR /app
RUN useradd --system --uid 10001 --home-dir /app hub && mkdir -p /data && chown hub /data && chmod 700 /data
COPY --from=build --chown=hub /app /app
USER hub
EXPOSE 3000
# Readiness: the database answers and has every migration this image's code expects.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s \
  CMD ["node", "-e", "fetch('http://localhost:3000/api/health?ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["npm", "start"]
