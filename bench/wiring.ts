/**
 * Where the bench's processes meet on this machine: PostgreSQL and Redis, the built server, the
 * API key and model every generation uses, the CPUs client and server are pinned to, and the
 * client's HTTP agent. Read once, when the bench starts.
 */
import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import { resolve } from 'node:path';

export const MAIN_JS = resolve(__dirname, '..', 'src', 'main.js');
export const FLOOR_JS = resolve(__dirname, 'floor-relay.js');
export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const ENCRYPTION_KEY = 'cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=';
export const API_KEY = `sk-or-v1-${randomBytes(32).toString('hex')}`;
export const MODEL = 'openai/gpt-4o-mini';
export const SERVER_CPU = 0;
export const CLIENT_CPU = 1;

/** Shared by every client connection the bench opens (thousands at a time). */
export const agent = new Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 4096 });
