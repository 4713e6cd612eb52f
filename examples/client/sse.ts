import { createParser, type EventSourceMessage } from 'eventsource-parser';

/** The connection went quiet for longer than the server's heartbeat allows: treat it as lost. */
export class IdleTimeoutError extends Error {
  constructor(readonly idleMs: number) {
    super(`No data or heartbeat for ${idleMs} ms: the connection is presumed lost`);
    this.name = 'IdleTimeoutError';
  }
}

/**
 * Reads an SSE body message by message. eventsource-parser does the framing, so a chunk may end
 * anywhere (inside a line, a UTF-8 character or a `data:` field) and comments are told apart from
 * events. `: ping` comments only reset the idle timer; they are not yielded.
 */
export async function* readSse(
  body: ReadableStream<Uint8Array>,
  options: { idleTimeoutMs?: number } = {},
): AsyncGenerator<EventSourceMessage> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const ready: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (message) => ready.push(message) });
  try {
    for (;;) {
      const { done, value } = await readWithin(reader, options.idleTimeoutMs);
      if (done) {
        parser.feed(decoder.decode());
        break;
      }
      parser.feed(decoder.decode(value, { stream: true }));
      while (ready.length > 0) yield ready.shift() as EventSourceMessage;
    }
    // The body ended: an event without its closing blank line was never complete, so it is dropped.
  } finally {
    // Stops the download when the consumer breaks out early or the stream failed.
    await reader.cancel().catch(() => undefined);
  }
}

async function readWithin(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  idleTimeoutMs: number | undefined,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  if (!idleTimeoutMs) return reader.read();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new IdleTimeoutError(idleTimeoutMs)), idleTimeoutMs);
  });
  try {
    return await Promise.race([reader.read(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
