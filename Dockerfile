# syntax=docker/dockerfile:1
#
# Hearth as a container: `docker build -t hearth .`, or `docker compose up` (see docker-compose.yml).
#
# The image listens on 0.0.0.0:3000, so it needs API_TOKEN and/or ADMIN_TOKEN, and ALLOWED_HOSTS
# (the host names clients use): without them it refuses to start (a server reachable from other
# machines must not be open). NODE_ENV=production
# also requires ENCRYPTION_KEY (`npm run key:generate`). Without DATABASE_URL the embedded
# database lives in /data: mount a volume there.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY migrations ./migrations
COPY public ./public
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The image's own user, not root; it owns only the data directory.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# /api/health stays open when tokens are set; Node 20 has fetch, so no curl in the image.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM (docker stop) shuts down gracefully: generations are cancelled and the database closed.
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/main.js"]
