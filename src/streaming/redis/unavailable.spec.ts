import { randomBytes } from 'node:crypto';
import { StreamHubUnavailableError } from '../streaming.errors';
import { RedisStreamHub } from './redis-stream-hub';
import { answeredByRedis } from './unavailable';

const REDIS_URL = process.env.HEARTH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe(answeredByRedis.name, () => {
  it('turns a failed Redis call into StreamHubUnavailableError, keeping what Redis said as its cause', async () => {
    const said = new Error("Stream isn't writeable and enableOfflineQueue options is false");
    const err = await answeredByRedis(Promise.reject(said)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StreamHubUnavailableError);
    expect((err as Error).cause).toBe(said);
  });

  it('passes an answer through untouched', async () => {
    await expect(answeredByRedis(Promise.resolve('PONG'))).resolves.toBe('PONG');
  });
});

describe('RedisStreamHub without its Redis', () => {
  let hub: RedisStreamHub;

  beforeAll(async () => {
    hub = new RedisStreamHub({ url: REDIS_URL, keyPrefix: `hearth-spec-${randomBytes(4).toString('hex')}:` });
    await hub.onModuleInit();
    // Its connections closed, as when Redis went away: every command now fails.
    await hub.onApplicationShutdown();
  });

  it.each<[string, (h: RedisStreamHub) => Promise<unknown>]>([
    ['acquire', (h) => h.acquire(1, 'a-stream')],
    ['status', (h) => h.status(1)],
    ['requestCancel', (h) => h.requestCancel(1, 'user_cancelled')],
    ['connect', (h) => h.connect(1, { mode: 'session', limit: 5 })],
  ])('%s rejects with StreamHubUnavailableError', async (_name, call) => {
    await expect(call(hub)).rejects.toBeInstanceOf(StreamHubUnavailableError);
  });
});
