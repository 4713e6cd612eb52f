/** One generation, as a client sees it: through Hearth (poster, and maybe a tab) or straight from the stand-in. */
import { setTimeout as sleep } from 'node:timers/promises';
import { Fixture } from './fixtures';
import { Relay } from './results';
import { SseReader, ReaderResult } from './sse-reader';
import { BenchScenario, scenarioMessage } from './stamp';
import { StandIn } from './stand-in-process';
import { API_KEY, MODEL, agent } from './wiring';

/** Tags of samples in SampleColumns. */
export const POSTER = 0;
export const TAB = 1;

export interface GenerationOutcome {
  poster: ReaderResult;
  tab: ReaderResult | null;
  failure: string | null;
}

export type Sink = (sentNs: number, receivedNs: number, tag: number) => void;

export async function relayGeneration(
  fx: Fixture<Relay>,
  sessionId: number,
  scenario: BenchScenario,
  withTab: boolean,
  sink?: Sink,
): Promise<GenerationOutcome> {
  let tab: SseReader | null = null;
  if (withTab) {
    tab = new SseReader({
      url: `${fx.server.url}/api/chat-sessions/${sessionId}/stream`,
      agent,
      onSample: sink && ((s, r) => sink(s, r, TAB)),
    });
    const status = await tab.head;
    if (status !== 200) {
      tab.close();
      return { poster: await tab.done, tab: null, failure: `tab: ${status} ${(await tab.done).error ?? ''}` };
    }
  }
  const poster = new SseReader({
    url: `${fx.server.url}/api/chat-sessions/${sessionId}/send-message`,
    method: 'POST',
    body: JSON.stringify({ content: scenarioMessage(scenario) }),
    agent,
    onSample: sink && ((s, r) => sink(s, r, POSTER)),
  });
  const posted = await poster.done;
  let tabResult: ReaderResult | null = null;
  if (tab) {
    await Promise.race([tab.terminal, sleep(10_000)]);
    tab.close();
    tabResult = await tab.done;
  }
  const failure =
    posted.status !== 200
      ? `send: ${posted.status} ${posted.error ?? ''}`
      : posted.terminal !== 'done'
        ? `send ended with ${posted.terminal ?? 'no terminal event'} ${posted.error ?? ''}`
        : tabResult && tabResult.terminal !== 'done'
          ? `tab ended with ${tabResult.terminal ?? 'no terminal event'}`
          : null;
  return { poster: posted, tab: tabResult, failure };
}

export async function directGeneration(
  standIn: StandIn,
  messages: Array<{ role: string; content: string }>,
  sink?: Sink,
): Promise<GenerationOutcome> {
  const poster = new SseReader({
    url: `${standIn.url}/chat/completions`,
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}` },
    body: JSON.stringify({ model: MODEL, messages, stream: true, usage: { include: true } }),
    agent,
    onSample: sink && ((s, r) => sink(s, r, POSTER)),
  });
  const posted = await poster.done;
  const failure =
    posted.status !== 200 || posted.terminal !== '[DONE]'
      ? `direct: ${posted.status} ${posted.terminal} ${posted.error ?? ''}`
      : null;
  return { poster: posted, tab: null, failure };
}

/** JIT, connection pools, the key's decryption cache if any: 50 short generations per server, and directly. */
export async function warmUp(fixtures: Map<Relay, Fixture<Relay>>, standIn: StandIn): Promise<void> {
  for (const fx of fixtures.values()) {
    await Promise.all(
      fx.sessions.slice(0, 50).map((id) => relayGeneration(fx, id, { kind: 'paced', n: 20, ms: 5 }, true)),
    );
  }
  await Promise.all(
    Array.from({ length: 50 }, () =>
      directGeneration(standIn, [{ role: 'user', content: scenarioMessage({ kind: 'paced', n: 20, ms: 5 }) }]),
    ),
  );
}
