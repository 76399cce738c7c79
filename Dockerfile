# One image for the API (default command), the worker (node dist/apps/worker/src/main.js), the migration job
# (node dist/libs/persistence/src/migrate.main.js) and the role provisioning job (node dist/libs/persistence/src/roles.main.js).
# It carries dist/ (apps, libs, workflows: no scripts, no tests) and the production dependencies only, installed with
# `npm ci` from the lockfile. The worker bundles its workflows from dist/workflows at start (webpack and swc are
# dependencies of @temporalio/worker).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY apps apps
COPY libs libs
COPY workflows workflows
RUN npm run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# --omit=dev keeps what the lockfile marks devOptional: ts-node and TypeScript, there only because the dev dependency
# ts-node satisfies an optional peer of typeorm. Nothing in dist loads them; they go too.
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts \
 && node -e "for (const [p, m] of Object.entries(require('./package-lock.json').packages)) if (m.devOptional) require('fs').rmSync(p, { recursive: true, force: true })" \
 && npm cache clean --force
COPY --from=build /app/dist dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --retries=5 CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/apps/api/src/main.js"]
