import { createSession, messageRows, send } from './support/generation-fixture';
import { Cluster, startCluster } from './support/instances';

/**
 * A retried send-message may reach another instance of the deployment (same PostgreSQL and
 * Redis): it must still find the generation the first request started. Always on PostgreSQL.
 */
describe('Idempotency-Key across instances over Redis (postgres)', () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await startCluster();
  }, 120_000);
  afterAll(() => c.close());
  beforeEach(() => c.fake.reset());

  it('attaches a repeat that reaches B to the generation A runs, then replays its outcome once done', async () => {
    const sessionId = await createSession(c.a.url);
    const hold = c.fake.hold();
    c.fake.enqueue({ chunks: ['from ', hold, 'A'] });
    const first = await send(c.a.url, sessionId, 'hi', { 'idempotency-key': 'k-cluster' });
    await hold.reached;
    await first.waitFor(() => first.text === 'from ');
    first.close();
    const streamId = first.events[0].data.streamId;

    const repeat = await send(c.b.url, sessionId, 'hi', { 'idempotency-key': 'k-cluster' });
    expect(repeat.status).toBe(200);
    expect((await repeat.waitFor((e) => e.type === 'start')).data.streamId).toBe(streamId);
    await repeat.waitFor(() => repeat.text === 'from ');
    hold.release();
    const done = await repeat.waitForEnd();
    expect(done.type).toBe('done');
    expect(repeat.text).toBe('from A');

    const after = await send(c.b.url, sessionId, 'hi', { 'idempotency-key': 'k-cluster' });
    await after.closed;
    expect(after.events.map((e) => e.type)).toEqual(['start', 'content', 'done']);
    expect(after.text).toBe('from A');
    expect(after.events[2].data.messageId).toBe(done.data.messageId);
    expect(c.fake.chatRequests).toHaveLength(1);
    expect((await messageRows(c.db, sessionId)).map((r) => [r.role, r.content])).toEqual([
      ['user', 'hi'],
      ['assistant', 'from A'],
    ]);
  });

  it("attaches a POST on B carrying the Last-Event-ID of A's running generation", async () => {
    const sessionId = await createSession(c.a.url);
    const hold = c.fake.hold();
    c.fake.enqueue({ chunks: ['abc', hold, 'def'] });
    const first = await send(c.a.url, sessionId, 'go');
    await hold.reached;
    const seen = await first.waitFor((e) => e.type === 'content');
    first.close();
    const retry = await send(c.b.url, sessionId, 'go', { 'last-event-id': String(seen.id) });
    expect(retry.status).toBe(200);
    hold.release();
    expect((await retry.waitForEnd()).type).toBe('done');
    expect(retry.text).toBe('def');
    expect(c.fake.chatRequests).toHaveLength(1);
    expect((await messageRows(c.db, sessionId)).map((r) => r.role)).toEqual(['user', 'assistant']);
  });
});
