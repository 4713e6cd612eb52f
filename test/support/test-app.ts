import 'reflect-metadata';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, AppConfig } from '../../src/config/app-config';
import { createApp } from '../../src/bootstrap';

/** Which database the e2e run uses: `HEARTH_TEST_DB=postgres` or the embedded default. */
export const TEST_DB: 'postgres' | 'pglite' = process.env.HEARTH_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
export const PG_ADMIN_URL = process.env.HEARTH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const TEST_ENCRYPTION_KEY = 'cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  /** Base URL of the listening server, e.g. http://127.0.0.1:43210 */
  url: string;
  dataDir: string;
  databaseUrl: string | undefined;
  close(): Promise<void>;
}

/** Creates a fresh, empty PostgreSQL database on the local server; returns its URL and a dropper. */
export async function createScratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `hearth_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    drop: async () => {
      const c = new Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * `HEARTH_TEST_REDIS=1` runs every app on the machine's Redis (the multi-instance hub). Each app
 * gets a key prefix of its own unless it names one, so apps sharing the Redis never see each
 * other's sessions (two instances of one deployment pass the same REDIS_KEY_PREFIX).
 */
export function redisTestEnv(env: Record<string, string | undefined>): Record<string, string> {
  const machineRedis = process.env.HEARTH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const url = env.REDIS_URL ?? (process.env.HEARTH_TEST_REDIS === '1' ? machineRedis : undefined);
  if (!url) return {};
  return { REDIS_URL: url, REDIS_KEY_PREFIX: env.REDIS_KEY_PREFIX ?? `hearth-test-${randomBytes(6).toString('hex')}:` };
}

/**
 * A freshly initialised PGlite cluster takes ~6-10 s to create (initdb in WASM) but well under a
 * second to open once copied, so every test app starts from a copy of one template per machine.
 */
async function seedEmbeddedDatabase(dataDir: string): Promise<void> {
  const { PGlite } = await import('@electric-sql/pglite');
  const pkg = join(__dirname, '../../node_modules/@electric-sql/pglite/package.json');
  const version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  const template = join(tmpdir(), `hearth-pglite-template-${version}`);
  if (!existsSync(template)) {
    const building = mkdtempSync(join(tmpdir(), 'hearth-pglite-building-'));
    const db = await PGlite.create(join(building, 'pglite'));
    await db.close();
    try {
      renameSync(join(building, 'pglite'), template); // atomic: parallel runs never see half a template
    } catch {
      /* another run made it first */
    }
    rmSync(building, { recursive: true, force: true });
  }
  cpSync(template, join(dataDir, 'pglite'), { recursive: true });
}

/**
 * Starts the whole app on a loopback port against a fresh database (embedded or PostgreSQL, per
 * HEARTH_TEST_DB). `env` is the environment the server would see; DATA_DIR and DATABASE_URL are
 * filled in unless given.
 */
export async function startTestApp(env: Record<string, string | undefined> = {}): Promise<TestApp> {
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'hearth-test-'));
  if (!env.DATA_DIR && !env.DATABASE_URL && TEST_DB === 'pglite') await seedEmbeddedDatabase(dataDir);
  let scratch: { url: string; drop: () => Promise<void> } | undefined;
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl && TEST_DB === 'postgres' && env.DATABASE_URL === undefined) {
    scratch = await createScratchDatabase();
    databaseUrl = scratch.url;
  }
  const config = loadConfig({
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    PORT: '0',
    LOG_LEVEL: process.env.HEARTH_TEST_LOG ?? 'error',
    ...redisTestEnv(env),
    ...env,
    DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const app = await createApp(config, { logger: process.env.HEARTH_TEST_LOG ? undefined : false });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    config,
    url: `http://127.0.0.1:${address.port}`,
    dataDir,
    databaseUrl,
    close: async () => {
      await app.close();
      if (scratch) await scratch.drop();
      if (!env.DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An answer as api() gives it: the body parsed as JSON when it is JSON, else the text. */
export interface ApiResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * Small JSON-over-fetch helper for tests. T is the shape the test expects; it is not checked here,
 * the test's assertions check it.
 */
export async function api<T = unknown>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse<T>> {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}
