/**
 * Many idle tabs on one server: `idleN` SSE connections (`GET /stream`, one per session, nothing
 * generating) held for `idleHoldMs`, long enough for every one to get its heartbeats, while
 * /api/health is asked every 100 ms. Gives the resident memory per connection at that scale and
 * whether the server still answers at once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Fixture } from './fixtures';
import { log } from './log';
import { steadyRssKb } from './memory';
import { scrapeLoopDelay } from './loop-delay';
import { fdLimit } from './machine';
import { BenchSettings, Hub, IdleResult } from './results';
import { SseReader } from './sse-reader';
import { median, summarize } from './stats';
import { nowNsNumber } from './sse-reader';
import { agent } from './wiring';

/** Asks /api/health every `everyMs` until `until` resolves; each answer's time in ms (NaN: failed or over 5 s). */
async function pollHealth(url: string, everyMs: number, until: Promise<void>): Promise<number[]> {
  let stop = false as boolean;
  void until.then(() => (stop = true));
  const times: number[] = [];
  while (!stop) {
    const t0 = nowNsNumber();
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) });
      await res.text();
      times.push(res.ok ? (nowNsNumber() - t0) / 1e6 : NaN);
    } catch {
      times.push(NaN);
    }
    await sleep(everyMs);
  }
  return times;
}

async function holdIdle(fx: Fixture, settings: BenchSettings): Promise<IdleResult> {
  const n = settings.idleN;
  await sleep(2000);
  const before = await steadyRssKb(fx);
  const tabs: SseReader[] = [];
  const opened: number[] = [];
  // A few hundred at a time, as tabs reconnecting after a restart would.
  for (let i = 0; i < n; i += 250) {
    const batch = fx.sessions
      .slice(i, Math.min(n, i + 250))
      .map((id) => new SseReader({ url: `${fx.server.url}/api/chat-sessions/${id}/stream`, agent }));
    tabs.push(...batch);
    opened.push(...(await Promise.all(batch.map((t) => t.head))));
  }
  const ok = opened.filter((s) => s === 200).length;
  if (ok < n) log(`idle ${fx.hub}: ${n - ok} of ${n} connections were refused or failed`);

  const holdStart = nowNsNumber();
  const mainBefore = fx.server.stats().mainRunNs;
  await scrapeLoopDelay(fx.server.url); // starts the server's delay histogram afresh
  const holding = sleep(settings.idleHoldMs);
  const health = await pollHealth(fx.server.url, 100, holding);
  const delay = await scrapeLoopDelay(fx.server.url);
  const mainPct = ((fx.server.stats().mainRunNs - mainBefore) / (nowNsNumber() - holdStart)) * 100;
  const held = await steadyRssKb(fx);
  const pings = tabs.filter((t, i) => opened[i] === 200).map((t) => t.progress.pings);

  for (const t of tabs) t.close();
  await Promise.all(tabs.map((t) => t.done));
  const answered = health.filter(Number.isFinite);
  return {
    hub: fx.hub,
    n,
    opened: ok,
    serverFdLimit: fdLimit(fx.server.pid),
    holdS: settings.idleHoldMs / 1000,
    rssBeforeKiB: before,
    rssHeldKiB: held,
    perConnectionKiB: (held - before) / Math.max(1, ok),
    pingsMedian: pings.length ? median(pings) : 0,
    pingsMin: pings.length ? Math.min(...pings) : 0,
    health: summarize(answered),
    healthFailures: health.length - answered.length,
    serverMainPct: mainPct,
    loopDelayP99Ms: delay?.p99 ?? null,
  };
}

/** The phase, server by server (the other one idle meanwhile). */
export async function idlePhase(settings: BenchSettings, fixtures: Map<Hub, Fixture>): Promise<IdleResult[]> {
  const results: IdleResult[] = [];
  for (const fx of fixtures.values()) {
    log(`idle: ${settings.idleN} SSE connections held ${settings.idleHoldMs / 1000} s, /api/health polled (${fx.hub})`);
    const r = await holdIdle(fx, settings);
    log(
      `  ${fx.hub}: ${r.opened} open, ${r.perConnectionKiB.toFixed(1)} KiB each, ${r.pingsMedian} heartbeats each (min ${r.pingsMin}); ` +
        `health p50 ${r.health.p50.toFixed(1)} p99 ${r.health.p99.toFixed(1)} max ${r.health.max.toFixed(1)} ms, ${r.healthFailures} failed; main thread ${r.serverMainPct.toFixed(1)} % busy`,
    );
    results.push(r);
  }
  return results;
}
