/**
 * The bench's OpenRouter: the tests' FakeOpenRouter in a process of its own (so its work is not
 * the bench client's), answering each request with the scenario named in its last message and
 * stamping every chunk with the moment it is written to the socket.
 *
 * Started with child_process.fork; sends `{ url }` over IPC once listening, exits when the parent
 * disconnects.
 */
import { ServerResponse } from 'node:http';
import { FakeOpenRouter, StreamScenario, StreamStep } from '../test/support/fake-openrouter';
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

function scenarioFor(lastMessage: string | undefined): StreamScenario {
  const arrival = nowNs();
  const s = parseScenarioMessage(lastMessage);
  if (!s) return {};
  if (s.kind === 'paced') {
    return { chunks: Array.from({ length: s.n }, (_, i) => chunkText(i, arrival)), delayMs: s.ms };
  }
  const steps: StreamStep[] = [chunkText(0, arrival), { waitMs: s.ms }, chunkText(1, arrival)];
  return { chunks: steps };
}

async function main(): Promise<void> {
  stampWrites();
  const fake = await FakeOpenRouter.start({
    defaultScenario: (req) => {
      const messages = req.body?.messages ?? [];
      const last = messages[messages.length - 1]?.content;
      // The fake keeps every request; a bench run makes tens of thousands, so forget them.
      fake.requests.length = 0;
      return scenarioFor(typeof last === 'string' ? last : undefined);
    },
  });
  process.send?.({ url: fake.url });
  process.on('disconnect', () => {
    void fake.close().finally(() => process.exit(0));
  });
}

void main();
