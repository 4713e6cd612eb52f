/**
 * The floor: the least a Node process can do for the relay's work, measured in the same run as
 * Hearth so that every figure can be given as a ratio to it. Started like Hearth (its own process,
 * pinned to the server's CPU) and spoken to on Hearth's routes, so the bench's clients need no
 * other code:
 *
 * - `GET /api/chat-sessions/:id/stream` registers a tab for the session;
 * - `POST /api/chat-sessions/:id/send-message` reads the body, calls the stand-in's
 *   `/chat/completions` over node:http (a keep-alive agent, as Hearth's transport), parses its SSE
 *   with the same parser (eventsource-parser), `JSON.parse`s each chunk, builds a frame like
 *   Hearth's (`id:` line and a JSON `data:` line) and writes it to the poster and the tab;
 * - `POST /api/chat-sessions/:id/cancel-message` ends that session's generation;
 * - `GET /metrics` gives the event loop's delay (p50, p99 since the last scrape) as Hearth's does.
 *
 * No database, no validation, no lock, no replay buffer, no cancel: it is a floor, not a relay
 * anyone should run. Environment: PORT, HOST, OPENROUTER_BASE_URL, OPENROUTER_API_KEY.
 */
import { randomUUID } from 'node:crypto';
import { Agent, IncomingMessage, ServerResponse, createServer, request } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createParser } from 'eventsource-parser';

const upstream = new URL(`${process.env.OPENROUTER_BASE_URL ?? 'http://127.0.0.1:1'}/chat/completions`);
const apiKey = process.env.OPENROUTER_API_KEY ?? '';
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
const SSE_HEAD = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' };
/** Tabs per session id, and the upstream call of each session's running generation (for a cancel). */
const tabs = new Map<string, Set<ServerResponse>>();
const running = new Map<string, () => void>();
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

interface Chunk {
  choices?: Array<{ delta?: { content?: string } }>;
}

function relay(sessionId: string, content: string, poster: ServerResponse): void {
  const streamId = randomUUID();
  let offset = 0;
  const send = (wire: string): void => {
    poster.write(wire);
    for (const tab of tabs.get(sessionId) ?? []) tab.write(wire);
  };
  const body = JSON.stringify({ model: 'bench', messages: [{ role: 'user', content }], stream: true });
  const req = request(
    upstream,
    {
      method: 'POST',
      agent,
      headers: {
        authorization: `Bearer ${apiKey}`,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      },
    },
    (res) => {
      res.setEncoding('utf8');
      const parser = createParser({
        onEvent: (event) => {
          if (event.data === '[DONE]') return;
          const text = (JSON.parse(event.data) as Chunk).choices?.[0]?.delta?.content;
          if (!text) return;
          const json = `{"type":"content","data":${JSON.stringify(text)},"streamId":"${streamId}"}`;
          send(`id: ${streamId}:${offset}\ndata: ${json}\n\n`);
          offset += text.length;
        },
      });
      res.on('data', (text: string) => parser.feed(text));
      res.on('end', () => {
        send(`data: {"type":"done","streamId":"${streamId}"}\n\n`);
        poster.end();
      });
    },
  );
  req.on('error', (err) => {
    send(`data: {"type":"error","error":${JSON.stringify(err.message)}}\n\n`);
    poster.end();
  });
  poster.on('close', () => {
    req.destroy();
    running.delete(sessionId);
  });
  running.set(sessionId, () => {
    req.destroy();
    send(`data: {"type":"cancelled","streamId":"${streamId}"}\n\n`);
    poster.end();
  });
  req.end(body);
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const m = /^\/api\/chat-sessions\/(\d+)\/(stream|send-message|cancel-message)$/.exec(req.url ?? '');
  if (req.url === '/api/health') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
  } else if (req.url === '/metrics') {
    const s = (ns: number): string => (ns / 1e9).toFixed(9);
    res
      .writeHead(200, { 'content-type': 'text/plain' })
      .end(
        `nodejs_eventloop_lag_p50_seconds ${s(loopDelay.percentile(50))}\nnodejs_eventloop_lag_p99_seconds ${s(loopDelay.percentile(99))}\n` +
          `nodejs_eventloop_lag_max_seconds ${s(loopDelay.max)}\n`,
      );
    loopDelay.reset();
  } else if (m && req.method === 'GET' && m[2] === 'stream') {
    const set = tabs.get(m[1]) ?? new Set<ServerResponse>();
    tabs.set(m[1], set);
    set.add(res);
    res.writeHead(200, SSE_HEAD);
    res.flushHeaders();
    res.on('close', () => {
      set.delete(res);
      if (set.size === 0) tabs.delete(m[1]);
    });
  } else if (m && req.method === 'POST' && m[2] === 'send-message') {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (s: string) => (raw += s));
    req.on('end', () => {
      res.writeHead(200, SSE_HEAD);
      relay(m[1], (JSON.parse(raw) as { content: string }).content, res);
    });
  } else if (m && req.method === 'POST' && m[2] === 'cancel-message') {
    running.get(m[1])?.();
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  } else {
    res.writeHead(404).end();
  }
}

createServer({ keepAliveTimeout: 60_000 }, handle).listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
