# syntax=docker/dockerfile:1
# InferaDB Management API image. See docs/docker.md for why each line is the way it is.
#
#   docker build -t inferadb-management .
#   docker run -p 3000:3000 -p 3001:3001 -v inferadb-data:/data \
#     -e INFERADB_MGMT__AUTH__KEY_ENCRYPTION_SECRET="$(openssl rand -base64 48)" inferadb-management

ARG BUN_VERSION=1.4.5
ARG NODE_VERSION=22

# ---- 1. dependencies: npm installs exactly what package-lock.json pins (production only) ----
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# --omit=dev: no Bun (the runtime image has it), no test tools.
# --ignore-scripts: nothing from the registry runs at build time. (FoundationDB needs no npm
#   package: the service binds libfdb_c through bun:ffi; see the runtime-fdb target below.)
# Optional dependencies stay: they carry the prebuilt @node-rs/argon2 binary for this platform.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# ---- 2. runtime: the official Bun image, same version as package.json pins ----
FROM oven/bun:${BUN_VERSION}-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    ENVIRONMENT=production \
    INFERADB_MGMT__SERVER__HTTP_HOST=0.0.0.0 \
    INFERADB_MGMT__SERVER__GRPC_HOST=0.0.0.0 \
    INFERADB_MGMT__STORAGE__BACKEND=sqlite \
    INFERADB_MGMT__STORAGE__SQLITE_PATH=/data/inferadb.sqlite

COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --chown=root:root package.json tsconfig.json ./
COPY --chown=root:root proto ./proto
COPY --chown=root:root src ./src
COPY --chown=root:root actors ./actors
COPY --chown=root:root ui ./ui

# The data directory is the only writable place; the code stays owned by root, read-only to the app.
RUN mkdir -p /data && chown bun:bun /data
VOLUME /data
USER bun

# 3000 HTTP, 3001 gRPC, 3002 node-to-node (cluster.internal_port).
EXPOSE 3000 3001 3002

# No curl in the slim image: Bun itself probes liveness.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["bun", "-e", "fetch('http://127.0.0.1:' + (process.env.INFERADB_MGMT__SERVER__HTTP_PORT || 3000) + '/livez').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# Bun is PID 1 and handles SIGTERM itself (graceful drain, then exit 0).
STOPSIGNAL SIGTERM
ENTRYPOINT ["bun", "--max-http-header-size=262144", "src/main.ts"]

# ---- 3. optional: the same image with FoundationDB's client library (storage.backend=foundationdb) ----
#   docker build --target runtime-fdb --build-arg FDB_VERSION=7.3.43 -t inferadb-management:fdb .
# The service binds libfdb_c itself through bun:ffi (API version 720: a 7.2 or 7.3 client, matching
# the cluster's major.minor); the package also installs /etc/foundationdb, where the cluster file
# goes (mount yours there, or set INFERADB_MGMT__STORAGE__FDB_CLUSTER_FILE). See docs/kv.md.
FROM runtime AS runtime-fdb
ARG FDB_VERSION=7.3.43
ARG TARGETARCH=amd64
USER root
ADD https://github.com/apple/foundationdb/releases/download/${FDB_VERSION}/foundationdb-clients_${FDB_VERSION}-1_${TARGETARCH}.deb /tmp/fdb-clients.deb
RUN dpkg -i /tmp/fdb-clients.deb && rm /tmp/fdb-clients.deb && ldconfig
ENV INFERADB_MGMT__STORAGE__BACKEND=foundationdb \
    INFERADB_MGMT__STORAGE__FDB_CLUSTER_FILE=/etc/foundationdb/fdb.cluster
USER bun
