/**
 * The bench's OpenRouter: FakeOpenRouter (stand-ins/openrouter.ts, shared with the tests) in a
 * process of its own (so its work is not the bench client's), answering each request with the
 * scenario named in its last message and stamping every chunk with the moment it is written to
 * the socket.
 *
 * Started with child_process.fork; sends `{ url }` over IPC once listening, releases barrier X on
 * `{ release: X }`, exits when the parent disconnects.
 */
import { ServerResponse } from 'node:http';
import { FakeOpenRouter, Hold, StreamScenario, StreamStep } from '../stand-ins/openrouter';
import { STAMP_DIGITS, STAMP_PLACEHOLDER, formatStamp, nowNs, parseScenarioMessage } from './stamp';

const PLACEHOLDER = Buffer.from(STAMP_PLACEHOLDER, 'latin1');

/**
 * FakeOpenRouter builds each event's bytes when the request arrives; the send time is only known
 * at write time, so the placeholder is filled in here, in place, right before the socket write.
 */
function stampWrites(): void {
  const write = ServerResponse.prototype.write as (this: ServerResponse, chunk: unknown, ...rest: unknown[]) => boolean;
  const stamped = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]): boolean {
    if (Buffer.isBuffer(chunk)) {
      for (let at = chunk.indexOf(PLACEHOLDER); at >= 0; at = chunk.indexOf(PLACEHOLDER, at + PLACEHOLDER.length)) {
        chunk.write(formatStamp(nowNs()), at + 2, STAMP_DIGITS, 'latin1');
      }
    }
    return write.call(this, chunk, ...rest);
  };
  ServerResponse.prototype.write = stamped as typeof ServerResponse.prototype.write;
}

function chunkText(i: number, arrivalNs: bigint): string {
  return i === 0 ? ` w${STAMP_PLACEHOLDER}@R${formatStamp(arrivalNs)}` : ` w${STAMP_PLACEHOLDER}`;
}

/** Holds shared by every generation of one latency run, released together by the bench. */
const barriers = new Map<string, Hold>();
const released = new Set<string>();
let fake: FakeOpenRouter | undefined;

function barrier(id: string): Hold {
  let hold = barriers.get(id);
  if (!hold) {
    hold = fake!.hold();
    // A generation arriving after its barrier was released goes straight on.
    if (released.has(id)) hold.release();
    else barriers.set(id, hold);
  }
  return hold;
}

function scenarioFor(lastMessage: string | undefined): StreamScenario {
  const arrival = nowNs();
  const s = parseScenarioMessage(lastMessage);
  if (!s) return {};
  if (s.kind === 'paced') {
    return { chunks: Array.from({ length: s.n }, (_, i) => chunkText(i, arrival)), delayMs: s.ms };
  }
  if (s.kind === 'barrier') {
    const steps: StreamStep[] = [chunkText(0, arrival), barrier(s.id), { waitMs: s.offsetMs }];
    for (let i = 1; i <= s.n; i++) steps.push(chunkText(i, arrival));
    return { chunks: steps, delayMs: s.ms };
  }
  const steps: StreamStep[] = [chunkText(0, arrival), { waitMs: s.ms }, chunkText(1, arrival)];
  return { chunks: steps };
}

async function main(): Promise<void> {
  stampWrites();
  fake = await FakeOpenRouter.start({
    defaultScenario: (req) => {
      const messages = req.body?.messages ?? [];
      const last = messages[messages.length - 1]?.content;
      // The fake keeps every request; a bench run makes tens of thousands, so forget them.
      fake!.requests.length = 0;
      return scenarioFor(typeof last === 'string' ? last : undefined);
    },
  });
  process.send?.({ url: fake.url });
  process.on('message', (m: { release?: string }) => {
    if (!m.release) return;
    barrier(m.release).release();
    barriers.delete(m.release);
    released.add(m.release);
  });
  process.on('disconnect', () => {
    void fake!.close().finally(() => process.exit(0));
  });
}

void main();
