/** Resident memory of one server: per idle SSE connection, then per live generation. */
import { setTimeout as sleep } from 'node:timers/promises';
import { Fixture, api } from './fixtures';
import { log } from './log';
import { BenchSettings, MemoryResult, Relay } from './results';
import { SseReader } from './sse-reader';
import { median } from './stats';
import { BenchScenario, scenarioMessage } from './stamp';
import { agent } from './wiring';

/** The server's RSS, KiB: the median of 5 readings over a second. */
export async function steadyRssKb(fx: Fixture<Relay>): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < 5; i++) {
    values.push(fx.server.stats().rssKb);
    await sleep(200);
  }
  return median(values);
}

async function measureMemory(fx: Fixture<Relay>, n: number): Promise<MemoryResult> {
  await sleep(2000);
  const base = await steadyRssKb(fx);

  // Idle tabs: GET /stream on sessions with nothing generating.
  const tabs = fx.sessions
    .slice(0, n)
    .map((id) => new SseReader({ url: `${fx.server.url}/api/chat-sessions/${id}/stream`, agent }));
  const statuses = await Promise.all(tabs.map((t) => t.head));
  const badTabs = statuses.filter((s) => s !== 200).length;
  if (badTabs) log(`memory ${fx.hub}: ${badTabs} of ${n} tabs were refused`);
  await sleep(2000);
  const idle = await steadyRssKb(fx);
  for (const t of tabs) t.close();
  await Promise.all(tabs.map((t) => t.done));
  await sleep(3000);
  const base2 = await steadyRssKb(fx);

  // Live generations: each has sent one chunk and then waits (as a slow model would).
  const hold: BenchScenario = { kind: 'hold', ms: 120_000 };
  const posters = fx.sessions.slice(0, n).map(
    (id) =>
      new SseReader({
        url: `${fx.server.url}/api/chat-sessions/${id}/send-message`,
        method: 'POST',
        body: JSON.stringify({ content: scenarioMessage(hold) }),
        agent,
      }),
  );
  await Promise.race([Promise.all(posters.map((p) => p.first)), sleep(60_000)]);
  await sleep(2000);
  const live = await steadyRssKb(fx);
  // Cancel them all, a few at a time, and wait for the ends.
  const ids = fx.sessions.slice(0, n);
  for (let i = 0; i < ids.length; i += 50) {
    await Promise.all(
      ids
        .slice(i, i + 50)
        .map((id) => api(fx.server.url, 'POST', `/api/chat-sessions/${id}/cancel-message`).catch(() => undefined)),
    );
  }
  await Promise.race([Promise.all(posters.map((p) => p.done)), sleep(30_000)]);
  for (const p of posters) p.close();
  return {
    hub: fx.hub,
    n,
    baseRssMiB: base / 1024,
    perIdleConnectionKiB: (idle - base) / n,
    perLiveGenerationKiB: (live - base2) / n,
    rss: { base, idle, base2, live },
  };
}

/** The phase, server by server, each while fresh (the other one idle meanwhile). */
export async function memoryPhase(
  settings: BenchSettings,
  fixtures: Map<Relay, Fixture<Relay>>,
): Promise<MemoryResult[]> {
  const results: MemoryResult[] = [];
  for (const fx of fixtures.values()) {
    log(`memory: ${settings.memoryN} idle connections, then ${settings.memoryN} live generations (${fx.hub})`);
    const m = await measureMemory(fx, settings.memoryN);
    log(
      `  ${fx.hub}: ${m.perIdleConnectionKiB.toFixed(1)} KiB per idle connection, ${m.perLiveGenerationKiB.toFixed(1)} KiB per live generation`,
    );
    results.push(m);
  }
  return results;
}
