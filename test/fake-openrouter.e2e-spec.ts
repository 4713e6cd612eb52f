import { expect } from '@jest/globals';
import { request as httpRequest } from 'node:http';
import { DEFAULT_REPLY, FakeOpenRouter } from './support/fake-openrouter';

/** Raw bytes of one POST /chat/completions as they came off the socket, one Buffer per read. */
function postRaw(
  url: string,
  body: unknown,
): Promise<{ status: number; headers: Record<string, unknown>; reads: Buffer[] }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${url}/chat/completions`,
      { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer sk-or-v1-test' } },
      (res) => {
        const reads: Buffer[] = [];
        res.on('data', (b: Buffer) => reads.push(b));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, reads }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

function post(url: string, body: unknown, key = 'sk-or-v1-test', signal?: AbortSignal): Promise<Response> {
  return fetch(`${url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
    signal,
  });
}

/** Splits an SSE body into its data payloads and comments (test-side only; the provider uses eventsource-parser). */
function sseFrames(text: string): { data: string[]; comments: string[] } {
  const data: string[] = [];
  const comments: string[] = [];
  for (const frame of text.split('\n\n').filter(Boolean)) {
    if (frame.startsWith(':')) comments.push(frame.slice(1).trim());
    else if (frame.startsWith('data: ')) data.push(frame.slice(6));
  }
  return { data, comments };
}

interface Chunk {
  object: string;
  model: string;
  choices: Array<{ delta: { content?: string }; finish_reason: string | null }>;
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number; cost: number };
  error?: { code: number; message: string };
}

const REQUEST = { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: true };

describe(FakeOpenRouter.name, () => {
  let sut: FakeOpenRouter;
  beforeEach(async () => {
    sut = await FakeOpenRouter.start();
  });
  afterEach(() => sut.close());

  it('streams the default reply in OpenRouter format when nothing is queued', async () => {
    const res = await post(sut.url, REQUEST);
    const text = await res.text();

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const { data, comments } = sseFrames(text);
    expect(comments).toEqual(['OPENROUTER PROCESSING']);
    expect(data[data.length - 1]).toBe('[DONE]');
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as Chunk);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.model === 'openai/gpt-4o-mini')).toBe(true);
    const usageChunk = chunks[chunks.length - 1];
    expect(usageChunk.choices).toEqual([]);
    expect(usageChunk.usage).toEqual({
      prompt_tokens: expect.any(Number),
      completion_tokens: expect.any(Number),
      total_tokens: expect.any(Number),
      cost: expect.any(Number),
    });
    expect(chunks[chunks.length - 2].choices[0].finish_reason).toBe('stop');
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(DEFAULT_REPLY);
  });

  it('records the request: method, path, key, parsed body, time', async () => {
    const before = Date.now();
    await (await post(sut.url, REQUEST, 'sk-or-v1-abc')).text();

    const [req] = sut.requests;
    expect(req).toMatchObject({ index: 0, method: 'POST', path: '/api/v1/chat/completions', apiKey: 'sk-or-v1-abc' });
    expect(req.authorization).toBe('Bearer sk-or-v1-abc');
    expect(req.body).toEqual(REQUEST);
    expect(req.receivedAt).toBeGreaterThanOrEqual(before);
    await expect(req.ended).resolves.toBe('completed');
    expect(req.clientHungUp).toBe(false);
    expect(sut.chatRequests).toHaveLength(1);
  });

  it('plays queued scenarios in order, then falls back to the default', async () => {
    sut.enqueue({ chunks: ['one'] }, (req) => ({ chunks: [`two for ${req.body?.model}`] }));

    const texts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { data } = sseFrames(await (await post(sut.url, REQUEST)).text());
      texts.push(
        data
          .slice(0, -1)
          .map((d) => (JSON.parse(d) as Chunk).choices[0]?.delta.content ?? '')
          .join(''),
      );
    }

    expect(texts).toEqual(['one', 'two for openai/gpt-4o-mini', DEFAULT_REPLY]);
    expect(sut.queued).toBe(0);
  });

  it('cuts the bytes into separate TCP writes, inside UTF-8 characters and data: lines', async () => {
    sut.enqueue({ chunks: ['héllo 🌍 wörld'], writeBytes: 3, delayMs: 2 });

    const { reads } = await postRaw(sut.url, REQUEST);

    expect(reads.length).toBeGreaterThan(10);
    const strict = new TextDecoder('utf-8', { fatal: true });
    const splitInsideCharacter = reads.some((b) => {
      try {
        strict.decode(b);
        return false;
      } catch {
        return true;
      }
    });
    expect(splitInsideCharacter).toBe(true);
    const { data } = sseFrames(Buffer.concat(reads).toString('utf8'));
    expect((JSON.parse(data[0]) as Chunk).choices[0].delta.content).toBe('héllo 🌍 wörld');
  });

  it.each([401, 402, 403, 429, 500, 503])("answers a queued %i with OpenRouter's error body", async (status) => {
    sut.enqueue({ status, retryAfter: 2, retryAfterMs: 1500 });

    const res = await post(sut.url, REQUEST);

    expect(res.status).toBe(status);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(res.headers.get('retry-after-ms')).toBe('1500');
    expect(await res.json()).toEqual({ error: { code: status, message: expect.any(String) } });
  });

  it('sends a mid-stream error chunk with finish_reason "error"', async () => {
    sut.enqueue({ chunks: ['partial'], end: 'error', error: { code: 502, message: 'Upstream died' } });

    const { data } = sseFrames(await (await post(sut.url, REQUEST)).text());

    expect(data).toHaveLength(2);
    const last = JSON.parse(data[1]) as Chunk;
    expect(last.error).toEqual({ code: 502, message: 'Upstream died' });
    expect(last.choices[0].finish_reason).toBe('error');
  });

  it('ends the stream without a finish chunk or [DONE] for end "eof"', async () => {
    sut.enqueue({ chunks: ['cut'], end: 'eof' });

    const { data } = sseFrames(await (await post(sut.url, REQUEST)).text());

    expect(data).toHaveLength(1);
    expect((JSON.parse(data[0]) as Chunk).choices[0].finish_reason).toBeNull();
  });

  it('destroys the socket mid-stream for end "drop"', async () => {
    sut.enqueue({ chunks: ['half'], end: 'drop' });

    const res = await post(sut.url, REQUEST);

    await expect(res.text()).rejects.toThrow();
    await expect(sut.requests[0].ended).resolves.toBe('server-dropped');
  });

  it('rejects a key outside validKeys with 401 and leaves the queue untouched', async () => {
    sut.setValidKeys(['sk-or-v1-good']);
    sut.enqueue({ chunks: ['kept'] });

    const bad = await post(sut.url, REQUEST, 'sk-or-v1-bad');

    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ error: { code: 401, message: expect.any(String) } });
    expect(sut.queued).toBe(1);
  });

  it('answers stream:false with one JSON completion', async () => {
    sut.enqueue({ chunks: ['Hel', 'lo'] });

    const res = await post(sut.url, { ...REQUEST, stream: false });

    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toMatchObject({
      object: 'chat.completion',
      choices: [{ message: { role: 'assistant', content: 'Hello' }, finish_reason: 'stop' }],
      usage: { total_tokens: expect.any(Number) },
    });
  });

  it('pauses at a hold until released, telling the test when it got there', async () => {
    const hold = sut.hold();
    sut.enqueue({ chunks: ['Hel', hold, 'lo'] });

    const res = await post(sut.url, REQUEST);
    await hold.reached;
    expect(sut.requests[0].endedAt).toBeUndefined();
    hold.release();
    const { data } = sseFrames(await res.text());

    expect(data.slice(0, 2).map((d) => (JSON.parse(d) as Chunk).choices[0].delta.content)).toEqual(['Hel', 'lo']);
  });

  it('records the client hanging up during a hold', async () => {
    const hold = sut.hold();
    sut.enqueue({ chunks: ['Hel', hold, 'lo'] });
    const controller = new AbortController();

    const res = await post(sut.url, REQUEST, undefined, controller.signal);
    await hold.reached;
    controller.abort();

    const at = await sut.waitForClientHangup(0);
    expect(at).toBeGreaterThan(0);
    expect(sut.requests[0].clientHungUp).toBe(true);
    await expect(res.text()).rejects.toThrow();
  });

  it('records the client hanging up while the server stalls before the headers', async () => {
    sut.enqueue({ stall: 'before-headers' });
    const controller = new AbortController();

    const pending = post(sut.url, REQUEST, undefined, controller.signal);
    await sut.waitForRequest(0);
    controller.abort();

    await expect(pending).rejects.toThrow();
    await expect(sut.waitForClientHangup(0)).resolves.toEqual(expect.any(Number));
  });

  it('says so when an exchange did not end by a hangup', async () => {
    await (await post(sut.url, REQUEST)).text();

    await expect(sut.waitForClientHangup(0)).rejects.toThrow('"completed"');
  });

  it('ends a stalled stream when closed', async () => {
    sut.enqueue({ chunks: ['Hel'], end: 'stall' });
    const res = await post(sut.url, REQUEST);

    await sut.close();

    await expect(res.text()).rejects.toThrow();
    sut = await FakeOpenRouter.start(); // for afterEach
  });

  describe('GET /key', () => {
    it('describes a valid key and refuses an unknown one with 401', async () => {
      sut.setValidKeys(['sk-or-v1-0123456789abcdef']);

      const ok = await fetch(`${sut.url}/key`, { headers: { authorization: 'Bearer sk-or-v1-0123456789abcdef' } });
      const bad = await fetch(`${sut.url}/key`, { headers: { authorization: 'Bearer sk-or-v1-nope' } });

      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({
        data: expect.objectContaining({ label: expect.any(String), limit_remaining: null }),
      });
      expect(bad.status).toBe(401);
      expect(await bad.json()).toEqual({ error: { code: 401, message: expect.any(String) } });
    });

    it('plays scripted answers', async () => {
      sut.enqueueKeyResponse({ status: 503 }, { data: { label: 'Mine', limit_remaining: 4.5 } });

      const first = await fetch(`${sut.url}/key`, { headers: { authorization: 'Bearer k' } });
      const second = await fetch(`${sut.url}/key`, { headers: { authorization: 'Bearer k' } });

      expect(first.status).toBe(503);
      expect(await second.json()).toEqual({ data: expect.objectContaining({ label: 'Mine', limit_remaining: 4.5 }) });
    });
  });
});
