/**
 * One Hearth under test: a scratch PostgreSQL database, a data directory, the built server started
 * with the given hub, and the sessions the phases use (seeded with SQL, some with a long history).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { historyMessages } from './history';
import { textTokens } from '../src/prompt/token-count';
import { log } from './log';
import { BenchSettings, Hub, Relay } from './results';
import { HearthProcess } from './server-process';
import { StandIn } from './stand-in-process';
import { API_KEY, ENCRYPTION_KEY, FLOOR_JS, MAIN_JS, MODEL, PG_ADMIN_URL, REDIS_URL, SERVER_CPU } from './wiring';

export interface ScratchDb {
  url: string;
  drop(): Promise<void>;
}

export async function scratchDatabase(tag: string): Promise<ScratchDb> {
  const name = `hearth_bench_${tag}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`),
    drop: async () => {
      const c = new Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function api<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface Fixture<R extends Relay = Hub> {
  server: HearthProcess;
  hub: R;
  db: ScratchDb;
  dataDir: string;
  /** Sessions with no messages, for the latency and memory runs. */
  sessions: number[];
  /** For time to first token: fresh sessions, and sessions holding `history` messages. */
  emptySessions: number[];
  historySessions: number[];
}

export async function startFixture(
  hub: Hub,
  standIn: StandIn,
  settings: BenchSettings,
  workDir: string,
  profileDir: string,
  redisPrefix: string,
  /** A second server of the same hub under another name, with settings of its own (the metrics phase). */
  variant?: { name: string; env: Record<string, string> },
): Promise<Fixture> {
  const db = await scratchDatabase(hub);
  const dataDir = mkdtempSync(join(workDir, `data-${hub}-`));
  const profiling = settings.profile?.hub === hub && !variant;
  const server = await HearthProcess.start({
    name: variant?.name ?? hub,
    mainJs: MAIN_JS,
    cpu: settings.pin ? SERVER_CPU : undefined,
    profileDir: profiling ? profileDir : undefined,
    logFile: join(workDir, `hearth-${variant?.name ?? hub}.log`),
    env: {
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      DATABASE_URL: db.url,
      ENCRYPTION_KEY,
      OPENROUTER_BASE_URL: standIn.url,
      GENERATION_RATE_LIMIT: '100000000',
      LOG_LEVEL: 'warn',
      ...(hub === 'redis' ? { REDIS_URL, REDIS_KEY_PREFIX: redisPrefix } : {}),
      ...variant?.env,
    },
  });
  await api(server.url, 'PUT', '/api/settings/openrouter-api-key', { apiKey: API_KEY });
  // A context length far above any prompt here: the context budget runs on every send, and leaves nothing out.
  const model = await api<{ id: number }>(server.url, 'POST', '/api/ai-models', {
    label: MODEL,
    contextLength: 10_000_000,
  });

  const maxLevel = Math.max(
    ...settings.levels,
    settings.memoryN,
    settings.phases.includes('idle') ? settings.idleN : 0,
  );
  const k = settings.ttftSends;
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  const insert = async (n: number): Promise<number[]> =>
    (
      await pg.query<{ id: number }>(
        `INSERT INTO chat_sessions (ai_model_id, name) SELECT $1, 'bench ' || g FROM generate_series(1, $2) g RETURNING id`,
        [model.id, n],
      )
    ).rows.map((r) => r.id);
  const sessions = await insert(maxLevel);
  const emptySessions = await insert(k);
  const historySessions = await insert(k);
  const history = historyMessages(settings.historyMessages);
  for (const id of historySessions) {
    // Spaced a millisecond apart, an hour ago: the order is the one the prompt builder reads.
    await pg.query(
      // With the token counts the app stores as it saves each message.
      `INSERT INTO messages (chat_session_id, role, content, token_count, created_at)
       SELECT $1, m.role, m.content, m.tokens, now() - interval '1 hour' + m.n * interval '1 millisecond'
       FROM unnest($2::text[], $3::text[], $4::int[]) WITH ORDINALITY AS m(role, content, tokens, n)`,
      [id, history.map((m) => m.role), history.map((m) => m.content), history.map((m) => textTokens(m.content))],
    );
  }
  await pg.end();
  return { server, hub, db, dataDir, sessions, emptySessions, historySessions };
}

/** The floor relay (floor-relay.ts), started and pinned as Hearth is; its "sessions" are just numbers. */
export async function startFloorFixture(
  standIn: StandIn,
  settings: BenchSettings,
  workDir: string,
): Promise<Fixture<'floor'>> {
  const dataDir = mkdtempSync(join(workDir, 'data-floor-'));
  const server = await HearthProcess.start({
    name: 'floor',
    mainJs: FLOOR_JS,
    cpu: settings.pin ? SERVER_CPU : undefined,
    logFile: join(workDir, 'floor.log'),
    env: { NODE_ENV: 'production', OPENROUTER_BASE_URL: standIn.url, OPENROUTER_API_KEY: API_KEY },
  });
  const sessions = Array.from({ length: Math.max(...settings.levels, settings.memoryN) }, (_, i) => i + 1);
  const db: ScratchDb = { url: '', drop: () => Promise.resolve() };
  return { server, hub: 'floor', db, dataDir, sessions, emptySessions: [], historySessions: [] };
}

/** Stops the server, drops its database, removes its data directory. */
export async function stopFixture(fx: Fixture<Relay>): Promise<void> {
  await fx.server.stop().catch(() => undefined);
  await fx.db.drop().catch((err: unknown) => log(`could not drop ${fx.db.url}: ${(err as Error).message}`));
  rmSync(fx.dataDir, { recursive: true, force: true });
}

/** Deletes the run's Redis keys (every key under its prefix). */
export async function clearRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } catch (err) {
    log(`could not clear ${prefix}* from Redis: ${(err as Error).message}`);
  } finally {
    redis.disconnect();
  }
}
