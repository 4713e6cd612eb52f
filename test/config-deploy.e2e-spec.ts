import { expect } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
// js-yaml comes with @nestjs/swagger (its YAML spec output); no Docker engine or compose plugin
// runs here, so the files are checked for structure rather than by `docker compose config`.
import { load } from 'js-yaml';

/**
 * The delivery files as a deployer relies on them: the Dockerfile builds from what the context
 * holds and runs as non-root, and docker-compose.yml wires the app to PostgreSQL and Redis
 * with the secrets it needs and health checks on every service.
 */
const ROOT = resolve(__dirname, '..');
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

interface Instruction {
  op: string;
  args: string;
}

/** Dockerfile instructions with line continuations joined and comments dropped. */
function dockerfile(): Instruction[] {
  return read('Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [op, ...rest] = l.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

/** The stages, split at each FROM. */
function stages(): Instruction[][] {
  const out: Instruction[][] = [];
  for (const i of dockerfile()) {
    if (i.op === 'FROM') out.push([]);
    out.at(-1)?.push(i);
  }
  return out;
}

function dockerignore(): string[] {
  return read('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

describe('Dockerfile', () => {
  it('is multi-stage on node:20-bookworm-slim', () => {
    const froms = dockerfile().filter((i) => i.op === 'FROM');
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const from of froms) expect(from.args).toMatch(/^node:20-bookworm-slim\b/);
  });

  it('installs with npm ci, builds, and prunes dev dependencies', () => {
    const runs = stages()[0]
      .filter((i) => i.op === 'RUN')
      .map((i) => i.args)
      .join(' && ');
    expect(runs).toMatch(/npm ci\b/);
    expect(runs).toMatch(/npm run build\b/);
    expect(runs).toMatch(/npm prune --omit=dev\b/);
  });

  it('copies into the build only paths that exist and the context does not ignore', () => {
    const ignored = dockerignore();
    const sources = stages()[0]
      .filter((i) => i.op === 'COPY' && !i.args.startsWith('--from'))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect({ source, exists: existsSync(join(ROOT, source)) }).toEqual({ source, exists: true });
      expect({ source, ignored: ignored.includes(source) }).toEqual({ source, ignored: false });
    }
  });

  it('copies everything the build compiles: tsconfig.build.json includes and nest-cli assets', () => {
    const copied = new Set(
      stages()[0]
        .filter((i) => i.op === 'COPY')
        .flatMap((i) => i.args.split(/\s+/).slice(0, -1)),
    );
    const build = JSON.parse(read('tsconfig.build.json')) as { include: string[] };
    const roots = build.include.map((p) => p.split('/')[0]).filter((root) => existsSync(join(ROOT, root)));
    for (const root of roots) expect({ root, copied: copied.has(root) }).toEqual({ root, copied: true });
    const nest = JSON.parse(read('nest-cli.json')) as { compilerOptions?: { assets?: Array<{ include: string }> } };
    for (const asset of nest.compilerOptions?.assets ?? []) {
      const root = asset.include.replace(/^\.\.\//, '').split('/')[0];
      expect({ root, copied: copied.has(root) }).toEqual({ root, copied: true });
    }
  });

  it('runs the built server as the non-root node user, on 0.0.0.0, with a health check', () => {
    const final = stages().at(-1)!;
    const user = final.filter((i) => i.op === 'USER').at(-1);
    expect(user?.args).toBe('node');
    const cmd = final.filter((i) => i.op === 'CMD').at(-1);
    expect(JSON.parse(cmd!.args)).toEqual(['node', 'dist/src/main.js']);
    expect(final.some((i) => i.op === 'ENV' && /HOST=0\.0\.0\.0/.test(i.args))).toBe(true);
    expect(final.some((i) => i.op === 'HEALTHCHECK' && i.args.includes('/api/health'))).toBe(true);
    expect(existsSync(join(ROOT, 'src', 'main.ts'))).toBe(true);
  });

  it('keeps secrets and local state out of the build context', () => {
    expect(dockerignore()).toEqual(expect.arrayContaining(['.git', 'node_modules', 'dist', 'data', '.env']));
  });
});

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] | string };
  ports?: string[];
  ulimits?: { nofile?: { soft: number; hard: number } };
}

describe('docker-compose.yml', () => {
  const compose = load(read('docker-compose.yml')) as { services: Record<string, ComposeService>; volumes?: object };
  const { app, postgres, redis } = compose.services;

  it('has the app, postgres:16 and redis:7', () => {
    expect(app.build).toBeDefined();
    expect(postgres.image).toBe('postgres:16');
    expect(redis.image).toBe('redis:7');
  });

  it('gives the app its database, Redis, secrets from .env and the public bind address', () => {
    const env = app.environment!;
    expect(env.HOST).toBe('0.0.0.0');
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\/[^@]+@postgres:5432\/\w+$/);
    expect(env.REDIS_URL).toBe('redis://redis:6379');
    // Required: compose refuses to start without them, rather than the app starting open.
    for (const name of ['ENCRYPTION_KEY', 'API_TOKEN', 'ADMIN_TOKEN', 'ALLOWED_HOSTS']) {
      expect({ name, value: env[name] }).toEqual({
        name,
        value: expect.stringMatching(new RegExp(`^\\$\\{${name}:\\?`)),
      });
    }
  });

  it('uses the same database credentials on both sides', () => {
    const env = postgres.environment!;
    const url = app.environment!.DATABASE_URL.replace(/\$\{POSTGRES_PASSWORD:-(\w+)\}/, '$1');
    const parsed = new URL(url);
    expect(parsed.username).toBe(env.POSTGRES_USER);
    expect(parsed.password).toBe(env.POSTGRES_PASSWORD.replace(/^\$\{POSTGRES_PASSWORD:-(\w+)\}$/, '$1'));
    expect(parsed.pathname).toBe(`/${env.POSTGRES_DB}`);
  });

  it('has a health check on every service and starts the app once its dependencies are healthy', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect({ name, healthcheck: !!service.healthcheck?.test }).toEqual({ name, healthcheck: true });
    }
    expect(app.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
  });

  it('keeps the database on a named volume', () => {
    expect(compose.volumes).toHaveProperty('pgdata');
  });

  it('lets the app hold tens of thousands of open tabs (one descriptor each)', () => {
    expect(app.ulimits?.nofile).toEqual({ soft: 65536, hard: 65536 });
  });
});
