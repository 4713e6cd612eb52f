import { connect, Socket } from 'node:net';
import { api, TEST_DB } from './support/test-app';
import { attach, createSession, GenerationFixture, send, startGenerationApp } from './support/generation-fixture';

/**
 * REQUEST_TIMEOUT_MS bounds how long a client may take to send its request, so slow-body
 * clients cannot hold sockets open; responses, however long (SSE), are not cut by it.
 */
const TIMEOUT_MS = 1000;

interface RawExchange {
  /** Everything the server wrote before it closed the socket. */
  received: string;
  /** Milliseconds from connecting until the server closed the socket. */
  closedAfterMs: number;
}

/** Opens a socket, writes `head`, then `drip` one byte every `everyMs` until the server closes it. */
function slowClient(url: string, head: string, drip: string, everyMs: number, giveUpMs: number): Promise<RawExchange> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let received = '';
    let sent = 0;
    const socket: Socket = connect(Number(port), hostname, () => {
      socket.write(head);
    });
    const timer = setInterval(() => {
      if (sent < drip.length && socket.writable) socket.write(drip[sent++]);
    }, everyMs);
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(
        new Error(`the server still held the socket after ${giveUpMs} ms; it had sent ${JSON.stringify(received)}`),
      );
    }, giveUpMs);
    socket.on('data', (d: Buffer) => (received += d.toString()));
    socket.on('error', () => undefined); // a reset after the 408 is fine: the close below still fires
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ received, closedAfterMs: Date.now() - started });
    });
  });
}

function jsonBodyOf(raw: string): unknown {
  return JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));
}

describe(`REQUEST_TIMEOUT_MS (${TEST_DB})`, () => {
  let f: GenerationFixture;
  beforeAll(async () => {
    f = await startGenerationApp({ REQUEST_TIMEOUT_MS: String(TIMEOUT_MS), HEARTBEAT_MS: '200' });
  }, 60_000);
  afterAll(() => f.close());

  it('cuts a client that sends its body one byte at a time, with 408 in the contract shape', async () => {
    const body = JSON.stringify({ name: 'slow', description: 'x'.repeat(40) });
    const head =
      `POST /api/characters HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
    const sut = await slowClient(f.t.url, head, body, 100, 10_000);
    expect(sut.received).toMatch(/^HTTP\/1\.1 408 /);
    expect(jsonBodyOf(sut.received)).toEqual({
      statusCode: 408,
      message: expect.stringContaining('REQUEST_TIMEOUT_MS') as unknown,
      error: 'Request Timeout',
    });
    expect(sut.closedAfterMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(sut.closedAfterMs).toBeLessThan(TIMEOUT_MS + 1500);
    expect((await api<unknown[]>(f.t.url, 'GET', '/api/characters')).body).toEqual([]);
  }, 15_000);

  it('cuts a client that never finishes its headers', async () => {
    const sut = await slowClient(
      f.t.url,
      'GET /api/characters HTTP/1.1\r\nHost: 127.0.0.1\r\n',
      'X-Slow: ' + 'a'.repeat(60),
      100,
      10_000,
    );
    expect(sut.received).toMatch(/^HTTP\/1\.1 408 /);
    expect(sut.closedAfterMs).toBeLessThan(TIMEOUT_MS + 1500);
  }, 15_000);

  it('keeps a quiet keep-alive connection usable past the timeout', async () => {
    const { hostname, port } = new URL(f.t.url);
    const socket = connect(Number(port), hostname);
    let received = '';
    socket.on('data', (d: Buffer) => (received += d.toString()));
    const request = 'GET /api/characters HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
    socket.write(request);
    await new Promise((r) => setTimeout(r, TIMEOUT_MS * 2));
    socket.write(request);
    await new Promise((r) => setTimeout(r, 300));
    socket.destroy();
    expect(received.match(/HTTP\/1\.1 200 /g)).toHaveLength(2);
    expect(received).not.toContain('408');
  }, 15_000);

  it('does not cut an SSE stream that lasts longer than the timeout', async () => {
    const sessionId = await createSession(f.t.url);
    const stream = await attach(f.t.url, sessionId);
    const hold = f.fake.hold();
    f.fake.enqueue({ chunks: ['before ', hold, 'after'] });
    const sending = await send(f.t.url, sessionId, 'hello');
    await hold.reached;
    await new Promise((r) => setTimeout(r, TIMEOUT_MS * 2.5));
    expect(stream.isClosed).toBe(false);
    expect(sending.isClosed).toBe(false);
    hold.release();
    const done = await sending.waitFor((e) => e.type === 'done');
    expect(done.data).toMatchObject({ type: 'done' });
    const joined = sending.events
      .filter((e) => e.type === 'content')
      .map((e) => e.data.data)
      .join('');
    expect(joined).toBe('before after');
    await stream.waitFor((e) => e.type === 'done');
    expect(stream.isClosed).toBe(false);
    expect(stream.comments.length).toBeGreaterThan(3);
    stream.close();
  }, 20_000);
});
