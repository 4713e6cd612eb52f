/**
 * A stand-in for OpenRouter's chat API, for trying Hearth without an account or a network:
 *
 *   npx ts-node examples/stand-in-openrouter.ts            # listens on http://127.0.0.1:4010
 *   OPENROUTER_BASE_URL=http://127.0.0.1:4010/api/v1 npm start
 *
 * It answers POST /api/v1/chat/completions with a made-up reply that quotes your last message,
 * streamed a few words at a time like the real thing (SSE `data:` chunks, a usage chunk, then
 * `data: [DONE]`), or as one JSON completion for `stream: false`; and GET /api/v1/key with a
 * made-up key description. Any `Authorization: Bearer sk-…` key is accepted. Say "fail" in a
 * message to get OpenRouter's 402 "insufficient credits" error instead.
 * STAND_IN_PORT and STAND_IN_DELAY_MS (between chunks, default 120) change its pace.
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';

const PORT = Number(process.env.STAND_IN_PORT ?? 4010);
const DELAY_MS = Number(process.env.STAND_IN_DELAY_MS ?? 120);

interface ChatRequest {
  model?: string;
  stream?: boolean;
  messages?: Array<{ role: string; content: string }>;
}

function replyTo(request: ChatRequest): string {
  const last = [...(request.messages ?? [])].reverse().find((m) => m.role === 'user')?.content ?? '';
  const quoted = last.length > 60 ? `${last.slice(0, 57)}…` : last;
  return `*Looks up from the desk.* "You said: **${quoted}** — and this reply reached you a few words at a time."`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function completions(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let request: ChatRequest;
  try {
    request = JSON.parse(await readBody(req)) as ChatRequest;
  } catch {
    json(res, 400, { error: { code: 400, message: 'The body is not JSON' } });
    return;
  }
  const text = replyTo(request);
  if (/\bfail\b/i.test(text)) {
    json(res, 402, { error: { code: 402, message: 'Insufficient credits (the stand-in was asked to fail)' } });
    return;
  }
  const id = `gen-standin-${Date.now()}`;
  const model = request.model ?? 'stand-in/model';
  const usage = {
    prompt_tokens: 42,
    completion_tokens: text.split(' ').length,
    total_tokens: 42 + text.split(' ').length,
    cost: 0,
  };
  if (request.stream === false) {
    json(res, 200, {
      id,
      model,
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
      usage,
    });
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.write(': OPENROUTER PROCESSING\n\n');
  // An object, not a `let`: set from an event callback, which TypeScript's narrowing cannot see.
  const connection = { closed: false };
  res.on('close', () => (connection.closed = true));
  const send = (choice: object, extra: object = {}): void => {
    res.write(
      `data: ${JSON.stringify({ id, model, object: 'chat.completion.chunk', choices: [choice], ...extra })}\n\n`,
    );
  };
  // A few words per chunk, the way models stream.
  const pieces = text.match(/\S+\s*/g) ?? [];
  for (let i = 0; i < pieces.length && !connection.closed; i += 3) {
    send({ index: 0, delta: { role: 'assistant', content: pieces.slice(i, i + 3).join('') }, finish_reason: null });
    await new Promise((r) => setTimeout(r, DELAY_MS));
  }
  if (connection.closed) return; // Hearth cancelled: it closed the connection, as it does with OpenRouter
  send({ index: 0, delta: {}, finish_reason: 'stop' });
  res.write(`data: ${JSON.stringify({ id, model, object: 'chat.completion.chunk', choices: [], usage })}\n\n`);
  res.end('data: [DONE]\n\n');
}

const server = createServer((req, res) => {
  const auth = req.headers.authorization ?? '';
  if (!/^Bearer sk-\S+$/.test(auth)) {
    json(res, 401, { error: { code: 401, message: 'No auth credentials found' } });
    return;
  }
  if (req.method === 'POST' && req.url === '/api/v1/chat/completions') {
    completions(req, res).catch(() => res.destroy());
    return;
  }
  if (req.method === 'GET' && req.url === '/api/v1/key') {
    json(res, 200, {
      data: { label: 'sk-or-v1-sta…-in', usage: 0, limit: null, limit_remaining: null, is_free_tier: false },
    });
    return;
  }
  json(res, 404, { error: { code: 404, message: `Not Found: ${req.method} ${req.url}` } });
});

server.listen(PORT, '127.0.0.1', () => {
  console.log(`Stand-in OpenRouter on http://127.0.0.1:${PORT}/api/v1 — start Hearth with`);
  console.log(`  OPENROUTER_BASE_URL=http://127.0.0.1:${PORT}/api/v1 npm start`);
});
