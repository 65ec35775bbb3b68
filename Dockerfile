# syntax=docker/dockerfile:1
# Ambit production image: build with the full dependency tree, run with production deps only.
#   docker build -t ambit .
#   docker run -e APP_URL=https://… -e ENCRYPTION_KEY=… -e DATABASE_URL=postgres://… -p 3000:3000 ambit

ARG NODE_IMAGE=node:24-bookworm-slim

# All dependencies, for the build. --ignore-scripts skips the `node` devDependency's installer,
# which would download a second Node 24 binary: the image's own Node 24 runs the build. No other
# package needs an install script (prebuilt native binaries come as optional dependencies).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund

FROM deps AS build
COPY . .
RUN npm run build

# Production dependencies only. server.js imports vite only outside production, and the server
# bundle imports nothing from devDependencies.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
# Code stays root-owned and read-only for the app; only the data folder is writable (PGlite when
# DATABASE_URL is unset, and uploaded files): mount a volume on /app/.data to keep it.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY package.json package-lock.json server.js ./
COPY db/migrations ./db/migrations
COPY --from=build /app/build ./build
RUN mkdir -p .data && chown node:node .data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# server.js and the migrator resolve build/ and db/migrations from the working directory.
CMD ["node", "server.js"]
