/**
 * `npm run bench`: what Hearth's relay costs, measured on the built server.
 *
 * Starts the stand-in OpenRouter (its own process), one Hearth per hub (in-process, and Redis if
 * asked) as `node dist/src/main.js` on scratch PostgreSQL databases, then measures, against a
 * client that reads the stand-in directly: chunk latency at several concurrency levels, time to
 * first token with and without a long history, and resident memory per idle connection and per
 * live generation. Writes docs/benchmarks.md, docs/bench/added-latency.svg (+ .png when
 * rsvg-convert is installed) and docs/bench/results.json. Loopback only; stops by itself.
 *
 * Options (all optional): --levels=100,500,1000 --reps=2 --hubs=memory,redis --interval=100
 * (ms between chunks) --start-rate=100 (generations started per second) --steady=6000 (ms with
 * every generation streaming) --ttft-sends=30 --history=1000 --memory-n=1000 --no-pin --nice=N
 * --phases=memory,ttft,latency --profile=memory@500 or memory@ttft (CPU profile of the server in
 * that point's steady window, or during the time-to-first-token sends) --no-docs --out=docs
 * --report-only (rewrite docs/benchmarks.md from docs/bench/results.json, measuring nothing)
 */
import { ChildProcess, execFileSync, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { cpus, loadavg, release, setPriority, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import Redis from 'ioredis';
import { HearthProcess, ProcessStats, processStats } from './server-process';
import { SseReader, nowNsNumber, ReaderResult } from './sse-reader';
import { SampleColumns, median, summarize, Summary } from './stats';
import { BenchScenario, scenarioMessage } from './stamp';
import {
  BenchResults,
  BenchSettings,
  Hub,
  LevelResult,
  Machine,
  MemoryResult,
  Mode,
  PointResult,
  ProfileResult,
  TtftResult,
  levelPlan,
} from './results';
import { formatProfileSummary, summarizeProfile, CpuProfile } from './profile-summary';
import { writeReport } from './report';

/** npm runs scripts from the package root. */
const REPO = process.cwd();
const MAIN_JS = resolve(__dirname, '..', 'src', 'main.js');
const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ENCRYPTION_KEY = 'cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=';
const API_KEY = `sk-or-v1-${randomBytes(32).toString('hex')}`;
const MODEL = 'openai/gpt-4o-mini';
const SERVER_CPU = 0;
const CLIENT_CPU = 1;
/** Tags of samples in SampleColumns. */
const POSTER = 0;
const TAB = 1;

const agent = new Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 4096 });
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const log = (...parts: unknown[]): void => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...parts);

type Phase = 'memory' | 'ttft' | 'latency';

function parseSettings(
  argv: string[],
): BenchSettings & { writeDocs: boolean; reportOnly: boolean; out: string; phases: Phase[] } {
  const opts = new Map<string, string>();
  for (const a of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`unknown argument ${a}`);
    opts.set(m[1], m[2] ?? 'true');
  }
  const num = (k: string, d: number): number => (opts.has(k) ? Number(opts.get(k)) : d);
  const profile = opts.get('profile');
  const pm = profile ? /^(memory|redis)@(\d+|ttft)$/.exec(profile) : null;
  if (profile && !pm) throw new Error('--profile=<memory|redis>@<level|ttft>');
  return {
    levels: (opts.get('levels') ?? '100,500,1000').split(',').map(Number),
    reps: num('reps', 2),
    hubs: (opts.get('hubs') ?? 'memory,redis').split(',') as Hub[],
    intervalMs: num('interval', 100),
    startRate: num('start-rate', 100),
    steadyMs: num('steady', 6000),
    ttftSends: num('ttft-sends', 30),
    historyMessages: num('history', 1000),
    memoryN: num('memory-n', 1000),
    pin: !opts.has('no-pin') && cpus().length >= 2,
    nice: opts.has('nice') ? Number(opts.get('nice')) : null,
    // Level 0 stands for the time-to-first-token phase.
    profile: pm ? { hub: pm[1] as Hub, level: pm[2] === 'ttft' ? 0 : Number(pm[2]) } : null,
    phases: (opts.get('phases') ?? 'memory,ttft,latency').split(',') as Phase[],
    writeDocs: !opts.has('no-docs'),
    reportOnly: opts.has('report-only'),
    out: resolve(REPO, opts.get('out') ?? 'docs'),
  };
}

// ------------------------------------------------------------------ processes and data

interface StandIn {
  url: string;
  pid: number;
  /** Lets every generation waiting at barrier `id` go on. */
  release(id: string): void;
  stop(): void;
}

async function startStandIn(): Promise<StandIn> {
  const child: ChildProcess = fork(join(__dirname, 'stand-in.js'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.once('message', (m) => resolveUrl((m as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`stand-in exited (${code})`)));
  });
  return { url, pid: child.pid!, release: (id) => void child.send({ release: id }), stop: () => child.disconnect() };
}

interface ScratchDb {
  url: string;
  drop(): Promise<void>;
}

async function scratchDatabase(tag: string): Promise<ScratchDb> {
  const name = `hearth_bench_${tag}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`),
    drop: async () => {
      const c = new Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function api<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Deterministic conversation text: user turns ~200 characters, assistant turns ~600. */
function historyMessages(count: number): Array<{ role: 'user' | 'assistant'; content: string }> {
  const words = [
    'the',
    'lantern',
    'swung',
    'over',
    'a',
    'quiet',
    'harbour',
    'while',
    'she',
    'counted',
    'ships',
    'and',
    'stars',
  ];
  const text = (seed: number, chars: number): string => {
    let s = '';
    for (let i = seed; s.length < chars; i += 7) s += `${words[i % words.length]} `;
    return s.trim();
  };
  return Array.from({ length: count }, (_, i) =>
    i % 2 === 0
      ? { role: 'user' as const, content: text(i, 200) }
      : { role: 'assistant' as const, content: text(i, 600) },
  );
}

interface Fixture {
  server: HearthProcess;
  hub: Hub;
  db: ScratchDb;
  dataDir: string;
  /** Sessions with no messages, for the latency and memory runs. */
  sessions: number[];
  /** For time to first token: fresh sessions, and sessions holding `history` messages. */
  emptySessions: number[];
  historySessions: number[];
}

async function startFixture(
  hub: Hub,
  standIn: StandIn,
  settings: BenchSettings,
  workDir: string,
  profileDir: string,
  redisPrefix: string,
): Promise<Fixture> {
  const db = await scratchDatabase(hub);
  const dataDir = mkdtempSync(join(workDir, `data-${hub}-`));
  const profiling = settings.profile?.hub === hub;
  const server = await HearthProcess.start({
    name: hub,
    mainJs: MAIN_JS,
    cpu: settings.pin ? SERVER_CPU : undefined,
    profileDir: profiling ? profileDir : undefined,
    logFile: join(workDir, `hearth-${hub}.log`),
    env: {
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      DATABASE_URL: db.url,
      ENCRYPTION_KEY,
      OPENROUTER_BASE_URL: standIn.url,
      GENERATION_RATE_LIMIT: '100000000',
      LOG_LEVEL: 'warn',
      ...(hub === 'redis' ? { REDIS_URL, REDIS_KEY_PREFIX: redisPrefix } : {}),
    },
  });
  await api(server.url, 'PUT', '/api/settings/openrouter-api-key', { apiKey: API_KEY });
  const model = await api<{ id: number }>(server.url, 'POST', '/api/ai-models', { label: MODEL });

  const maxLevel = Math.max(...settings.levels, settings.memoryN);
  const k = settings.ttftSends;
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  const insert = async (n: number): Promise<number[]> =>
    (
      await pg.query<{ id: number }>(
        `INSERT INTO chat_sessions (ai_model_id, name) SELECT $1, 'bench ' || g FROM generate_series(1, $2) g RETURNING id`,
        [model.id, n],
      )
    ).rows.map((r) => r.id);
  const sessions = await insert(maxLevel);
  const emptySessions = await insert(k);
  const historySessions = await insert(k);
  const history = historyMessages(settings.historyMessages);
  for (const id of historySessions) {
    // Spaced a millisecond apart, an hour ago: the order is the one the prompt builder reads.
    await pg.query(
      `INSERT INTO messages (chat_session_id, role, content, created_at)
       SELECT $1, m.role, m.content, now() - interval '1 hour' + m.n * interval '1 millisecond'
       FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS m(role, content, n)`,
      [id, history.map((m) => m.role), history.map((m) => m.content)],
    );
  }
  await pg.end();
  return { server, hub, db, dataDir, sessions, emptySessions, historySessions };
}

// ------------------------------------------------------------------ one generation

interface GenerationOutcome {
  poster: ReaderResult;
  tab: ReaderResult | null;
  failure: string | null;
}

type Sink = (sentNs: number, receivedNs: number, tag: number) => void;

async function relayGeneration(
  fx: Fixture,
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

async function directGeneration(
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

// ------------------------------------------------------------------ chunk latency

interface StatsSample {
  atNs: number;
  server: ProcessStats | null;
  standInCpuS: number;
  client: NodeJS.CpuUsage;
}

async function latencyPoint(
  mode: Mode,
  level: number,
  rep: number,
  settings: BenchSettings,
  standIn: StandIn,
  fixtures: Map<Hub, Fixture>,
  profiles: ProfileResult[],
): Promise<{ point: PointResult; windowed: Float64Array }> {
  const fx = mode === 'direct' ? null : fixtures.get(mode)!;
  const { rampMs, chunks } = levelPlan(level, settings);
  const barrierId = `${mode}-${level}-${rep}-${randomBytes(3).toString('hex')}`;
  // Generations are spread evenly over one chunk interval, as independent streams would be.
  const scenarioOf = (i: number): BenchScenario => ({
    kind: 'barrier',
    id: barrierId,
    n: chunks,
    ms: settings.intervalMs,
    offsetMs: Math.floor((i * settings.intervalMs) / level),
  });
  const columns = new SampleColumns(level * 2 * (chunks + 4));
  const lastSent = new Float64Array(level).fill(-Infinity);
  const loadAvg1 = loadavg()[0];

  // A timeline of CPU counters, to read them over the steady window once it is known.
  const timeline: StatsSample[] = [];
  const sample = (): void =>
    void timeline.push({
      atNs: nowNsNumber(),
      server: fx?.server.stats() ?? null,
      standInCpuS: processStats(standIn.pid).cpuS,
      client: process.cpuUsage(),
    });
  sample();
  const sampler = setInterval(sample, 250);

  // The barrier opens once every generation has streamed its first chunk (or failed): from then
  // on nothing starts, and all of them stream together for the steady window.
  let settled = 0;
  let releasedAt = 0;
  let profileStop: Promise<string | null> | null = null;
  const profiling = fx !== null && settings.profile?.hub === mode && settings.profile.level === level && rep === 1;
  const release = (): void => {
    if (releasedAt) return;
    releasedAt = nowNsNumber();
    standIn.release(barrierId);
    if (profiling) {
      const length = Math.max(1000, Math.min(6000, settings.steadyMs - 1500));
      profileStop = sleep(1000)
        .then(() => fx.server.toggleProfile(false, 1))
        .then(() => sleep(length))
        .then(() => fx.server.toggleProfile(true, 1));
    }
  };
  const onSettled = (): void => void (++settled === level && setTimeout(release, 500));
  // However slow the starts, the run goes on (and stays bounded).
  const safety = setTimeout(release, rampMs + 120_000);

  const outcomes = await Promise.all(
    Array.from({ length: level }, async (_, i) => {
      await sleep((i * rampMs) / level);
      let first = true;
      const sink: Sink = (sent, received, tag) => {
        columns.push(sent, (received - sent) / 1e6, tag);
        if (first && tag === POSTER) {
          first = false;
          onSettled();
        }
        if (sent > lastSent[i]) lastSent[i] = sent;
      };
      const scenario = scenarioOf(i);
      const outcome = await (fx
        ? relayGeneration(fx, fx.sessions[i], scenario, true, sink)
        : directGeneration(standIn, [{ role: 'user', content: scenarioMessage(scenario) }], sink));
      if (first) onSettled(); // failed before streaming
      return outcome;
    }),
  );
  clearTimeout(safety);
  clearInterval(sampler);
  sample();

  if (profileStop !== null && fx) {
    const file = await (profileStop as Promise<string | null>);
    if (file) {
      const summary = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, 30);
      profiles.push({ hub: mode as Hub, level, file, summaryText: formatProfileSummary(summary) });
      log(`profile of ${mode}@${level}: ${file}`);
    }
  }

  const ok = outcomes.filter((o) => !o.failure);
  // From the moment every generation is past its offset to the first generation's last chunk.
  const windowStart = releasedAt + settings.intervalMs * 1e6;
  const windowEnd = Math.min(...Array.from(lastSent).filter(Number.isFinite));
  const steady = releasedAt > 0 && windowEnd - windowStart >= 1e9;
  const [from, to] = steady ? [windowStart, windowEnd] : [timeline[0].atNs, timeline[timeline.length - 1].atNs];
  const windowed = columns.selectB(from, to);
  const upstreamChunks = columns.selectB(from, to, POSTER).length;

  // Counters at the first sample inside the window and the last one inside it.
  const inside = timeline.filter((t) => t.atNs >= from && t.atNs <= to);
  const [c0, c1] =
    inside.length >= 2 ? [inside[0], inside[inside.length - 1]] : [timeline[0], timeline[timeline.length - 1]];
  const spanS = (c1.atNs - c0.atNs) / 1e9;
  const chunksInSpan = columns.selectB(c0.atNs, c1.atNs, POSTER).length;
  const pct = (seconds: number): number => (seconds / spanS) * 100;
  const clientS = (c1.client.user + c1.client.system - c0.client.user - c0.client.system) / 1e6;
  const point: PointResult = {
    mode,
    level,
    rep,
    latency: summarize(windowed),
    poster: summarize(columns.selectB(from, to, POSTER)),
    tab: fx ? summarize(columns.selectB(from, to, TAB)) : null,
    windowS: steady ? (windowEnd - windowStart) / 1e9 : 0,
    steady,
    generations: level,
    chunksPerGeneration: chunks,
    rampS: releasedAt ? (releasedAt - timeline[0].atNs) / 1e9 : NaN,
    upstreamChunks,
    failures: level - ok.length,
    failureExamples: [...new Set(outcomes.filter((o) => o.failure).map((o) => o.failure!))].slice(0, 3),
    serverCpuPct: c0.server && c1.server ? pct(c1.server.cpuS - c0.server.cpuS) : null,
    serverMainPct: c0.server && c1.server ? pct((c1.server.mainRunNs - c0.server.mainRunNs) / 1e9) : null,
    serverWaitPct: c0.server && c1.server ? pct((c1.server.mainWaitNs - c0.server.mainWaitNs) / 1e9) : null,
    serverCpuPerChunkUs:
      c0.server && c1.server && chunksInSpan > 0
        ? (c1.server.mainRunNs - c0.server.mainRunNs) / 1e3 / chunksInSpan
        : null,
    standInCpuPct: pct(c1.standInCpuS - c0.standInCpuS),
    clientCpuPct: pct(clientS),
    medianGenerationS: median(outcomes.map((o) => (o.poster.endedNs - o.poster.startedNs) / 1e9)),
    loadAvg1,
  };
  return { point, windowed };
}

// ------------------------------------------------------------------ time to first token

async function ttftPhase(
  settings: BenchSettings,
  standIn: StandIn,
  fixtures: Map<Hub, Fixture>,
): Promise<TtftResult[]> {
  const scenario: BenchScenario = { kind: 'paced', n: 3, ms: 0 };
  const history = historyMessages(settings.historyMessages);
  const modes: Mode[] = ['direct', ...fixtures.keys()];
  const samples = new Map<
    string,
    {
      observed: number[];
      own: number[];
      added: number[];
      toProvider: number[];
      back: number[];
      cpu: number[];
      wait: number[];
      failures: number;
    }
  >();
  const key = (mode: Mode, h: number): string => `${mode}/${h}`;
  for (const m of modes)
    for (const h of [0, settings.historyMessages])
      samples.set(key(m, h), {
        observed: [],
        own: [],
        added: [],
        toProvider: [],
        back: [],
        cpu: [],
        wait: [],
        failures: 0,
      });

  for (let k = 0; k < settings.ttftSends; k++) {
    for (const h of [0, settings.historyMessages]) {
      // Rotated so no mode always runs first (or right after another's garbage).
      const order = modes.map((_, i) => modes[(i + k) % modes.length]);
      for (const mode of order) {
        const fx = mode === 'direct' ? null : fixtures.get(mode)!;
        const before = fx?.server.stats();
        const outcome = fx
          ? await relayGeneration(fx, (h === 0 ? fx.emptySessions : fx.historySessions)[k], scenario, false)
          : await directGeneration(standIn, [
              ...(h === 0 ? [] : history),
              { role: 'user', content: scenarioMessage(scenario) },
            ]);
        // The server's main thread: its CPU time for this send, and how long it waited for a CPU.
        const after = fx?.server.stats();
        const s = samples.get(key(mode, h))!;
        const p = outcome.poster;
        if (before && after) {
          s.cpu.push((after.mainRunNs - before.mainRunNs) / 1e6);
          s.wait.push((after.mainWaitNs - before.mainWaitNs) / 1e6);
        }
        if (outcome.failure || p.firstReceivedNs === null || p.firstSentNs === null || p.requestArrivedNs === null) {
          if (s.failures++ === 0)
            log(`  ${mode} with ${h} earlier messages failed: ${outcome.failure ?? 'no stamped chunk'}`);
          continue;
        }
        const observed = (p.firstReceivedNs - p.startedNs) / 1e6;
        const own = (p.firstSentNs - p.requestArrivedNs) / 1e6;
        s.observed.push(observed);
        s.own.push(own);
        s.added.push(observed - own);
        s.toProvider.push((p.requestArrivedNs - p.startedNs) / 1e6);
        s.back.push((p.firstReceivedNs - p.firstSentNs) / 1e6);
      }
    }
  }
  const out: TtftResult[] = [];
  for (const m of modes) {
    for (const h of [0, settings.historyMessages]) {
      const s = samples.get(key(m, h))!;
      out.push({
        mode: m,
        history: h,
        observed: summarize(s.observed),
        providerOwn: summarize(s.own),
        added: summarize(s.added),
        toProvider: summarize(s.toProvider),
        back: summarize(s.back),
        serverCpu: summarize(s.cpu),
        serverWait: summarize(s.wait),
        failures: s.failures,
      });
    }
  }
  return out;
}

// ------------------------------------------------------------------ memory

async function steadyRssKb(fx: Fixture): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < 5; i++) {
    values.push(fx.server.stats().rssKb);
    await sleep(200);
  }
  return median(values);
}

async function memoryPhase(fx: Fixture, n: number): Promise<MemoryResult> {
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

// ------------------------------------------------------------------ the whole run

function machine(command: string, startLoad: number[], settings: BenchSettings, started: number): Machine {
  const cpuModel =
    /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown';
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO }).toString().trim();
  } catch {
    /* not a git checkout */
  }
  let pgVersion = 'PostgreSQL';
  try {
    pgVersion = execFileSync('psql', ['--version']).toString().trim();
  } catch {
    /* psql not installed */
  }
  let redisVersion = 'Redis';
  try {
    redisVersion = execFileSync('redis-server', ['--version']).toString().trim().split(' ').slice(0, 3).join(' ');
  } catch {
    /* redis-server not on PATH */
  }
  return {
    cpus: cpus().length,
    cpuModel,
    memoryGiB: totalmem() / 2 ** 30,
    node: process.version,
    kernel: release(),
    date: new Date().toISOString(),
    commit,
    command,
    loadAtStart: startLoad as [number, number, number],
    loadAtEnd: loadavg() as [number, number, number],
    database: `${pgVersion} on 127.0.0.1:5432 (scratch database per hub, created and dropped by the bench)`,
    redis: settings.hubs.includes('redis') ? `${redisVersion} at ${REDIS_URL} (a key prefix of its own)` : 'not used',
    durationS: (Date.now() - started) / 1000,
  };
}

/** A lower nice value for the bench, the stand-in and the servers (inherited by both). */
function reniceSelf(settings: BenchSettings): void {
  if (settings.nice === null) return;
  try {
    setPriority(process.pid, settings.nice);
  } catch (err) {
    log(`could not set nice ${settings.nice}: ${(err as Error).message}`);
    settings.nice = null;
  }
}

function pinSelf(settings: BenchSettings): void {
  if (!settings.pin) return;
  try {
    execFileSync('taskset', ['-cp', String(CLIENT_CPU), String(process.pid)], { stdio: 'ignore' });
  } catch {
    log('taskset failed: client and server are not pinned');
    settings.pin = false;
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const startLoad = loadavg();
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const settings = parseSettings(process.argv.slice(2));
  const { writeDocs, out } = settings;
  if (settings.reportOnly) {
    // Rewrites the page from the last run's results (e.g. after editing docs/bench/analysis.md).
    const saved = JSON.parse(readFileSync(join(out, 'bench', 'results.json'), 'utf8')) as BenchResults;
    log(`rewrote ${writeReport(saved, out).join(', ')}`);
    return;
  }
  log(`load average at start: ${startLoad.map((l) => l.toFixed(2)).join(' ')}; settings`, JSON.stringify(settings));
  pinSelf(settings); // before forking: the stand-in shares the client's CPU
  reniceSelf(settings);

  const workDir = mkdtempSync(join(tmpdir(), 'hearth-bench-'));
  // Profiles outlive the run (the work directory does not), for a closer look afterwards.
  const profileDir = join(tmpdir(), 'hearth-bench-profiles', new Date().toISOString().replace(/[:.]/g, '-'));
  if (settings.profile) mkdirSync(profileDir, { recursive: true });
  const redisPrefix = `hearth-bench-${randomBytes(4).toString('hex')}:`;
  const standIn = await startStandIn();
  const fixtures = new Map<Hub, Fixture>();
  const results: BenchResults = {
    settings,
    machine: machine(command, startLoad, settings, started),
    points: [],
    levels: [],
    ttft: [],
    memory: [],
    profiles: [],
  };
  let timedOut = false;
  // Bounded no matter what: a stuck run is stopped and cleaned up.
  const guard = setTimeout(() => {
    timedOut = true;
    log('time limit (20 min) reached: stopping');
    void cleanup().finally(() => process.exit(1));
  }, 20 * 60_000);

  // Interrupted (Ctrl-C, a kill): the servers, the stand-in, the databases and the Redis keys still go.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: cleaning up`);
      clearTimeout(guard);
      void cleanup().finally(() => process.exit(130));
    });
  }

  async function cleanup(): Promise<void> {
    for (const fx of fixtures.values()) {
      await fx.server.stop().catch(() => undefined);
      await fx.db.drop().catch((err: Error) => log(`could not drop ${fx.db.url}: ${err.message}`));
      rmSync(fx.dataDir, { recursive: true, force: true });
    }
    fixtures.clear();
    standIn.stop();
    if (settings.hubs.includes('redis')) {
      const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
      try {
        await redis.connect();
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length) await redis.del(...keys);
        } while (cursor !== '0');
      } catch (err) {
        log(`could not clear ${redisPrefix}* from Redis: ${(err as Error).message}`);
      } finally {
        redis.disconnect();
      }
    }
    agent.destroy();
  }

  try {
    for (const hub of settings.hubs) {
      log(`starting Hearth with the ${hub} hub`);
      fixtures.set(hub, await startFixture(hub, standIn, settings, workDir, profileDir, redisPrefix));
    }
    log(
      `servers: ${[...fixtures.values()].map((f) => `${f.hub} pid ${f.server.pid} ${f.server.url}`).join(', ')}; stand-in pid ${standIn.pid}`,
    );

    // Warm-up: JIT, connection pools, the key's decryption cache if any.
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

    // Memory first, while each server is fresh; the other server is idle meanwhile.
    for (const fx of settings.phases.includes('memory') ? fixtures.values() : []) {
      log(`memory: ${settings.memoryN} idle connections, then ${settings.memoryN} live generations (${fx.hub})`);
      const m = await memoryPhase(fx, settings.memoryN);
      log(
        `  ${fx.hub}: ${m.perIdleConnectionKiB.toFixed(1)} KiB per idle connection, ${m.perLiveGenerationKiB.toFixed(1)} KiB per live generation`,
      );
      results.memory.push(m);
    }

    if (settings.phases.includes('ttft')) {
      log(
        `time to first token: ${settings.ttftSends} sends per mode, with 0 and ${settings.historyMessages} earlier messages`,
      );
      const profiled = settings.profile?.level === 0 ? fixtures.get(settings.profile.hub) : undefined;
      await profiled?.server.toggleProfile(false, 1);
      results.ttft = await ttftPhase(settings, standIn, fixtures);
      const file = await profiled?.server.toggleProfile(true, 1);
      if (profiled && file) {
        const summary = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, 30);
        results.profiles.push({ hub: profiled.hub, level: 0, file, summaryText: formatProfileSummary(summary) });
      }
      for (const t of results.ttft) {
        log(
          `  ${t.mode} history ${t.history}: observed p50 ${t.observed.p50.toFixed(2)} ms, provider ${t.providerOwn.p50.toFixed(2)} ms, added p50 ${t.added.p50.toFixed(2)} p90 ${t.added.p90.toFixed(2)} ms (to provider ${t.toProvider.p50.toFixed(2)}, back ${t.back.p50.toFixed(2)}; server main thread cpu ${t.serverCpu.p50.toFixed(2)}, waiting for a cpu ${t.serverWait.p50.toFixed(2)})`,
        );
      }
    }

    const modes: Mode[] = ['direct', ...settings.hubs];
    const windowed = new Map<string, Float64Array[]>();
    for (const level of settings.phases.includes('latency') ? settings.levels : []) {
      for (let rep = 1; rep <= settings.reps; rep++) {
        const order = modes.map((_, i) => modes[(i + rep - 1) % modes.length]);
        for (const mode of order) {
          await sleep(1000);
          const { point, windowed: w } = await latencyPoint(
            mode,
            level,
            rep,
            settings,
            standIn,
            fixtures,
            results.profiles,
          );
          results.points.push(point);
          const k = `${mode}/${level}`;
          windowed.set(k, [...(windowed.get(k) ?? []), w]);
          log(
            `  ${mode}@${level} rep ${rep}: p50 ${point.latency.p50.toFixed(2)} p99 ${point.latency.p99.toFixed(2)} ms (n ${point.latency.n}, window ${point.windowS.toFixed(1)} s)` +
              `, server main thread ${point.serverMainPct?.toFixed(0) ?? '-'}% busy, ${point.serverWaitPct?.toFixed(0) ?? '-'}% waiting for a cpu, ${point.serverCpuPerChunkUs?.toFixed(0) ?? '-'} µs/chunk; stand-in ${point.standInCpuPct.toFixed(0)}% client ${point.clientCpuPct.toFixed(0)}%` +
              `, load ${point.loadAvg1.toFixed(1)}${point.failures ? `, ${point.failures} FAILED: ${point.failureExamples.join(' | ')}` : ''}`,
          );
        }
      }
    }
    results.levels = levelResults(settings, results.points, windowed);
    results.machine = machine(command, startLoad, settings, started);
  } finally {
    clearTimeout(guard);
    if (!timedOut) await cleanup();
    rmSync(workDir, { recursive: true, force: true, maxRetries: 2 });
  }

  for (const l of results.levels.filter((r) => r.mode !== 'direct')) {
    log(
      `added by ${l.mode} at ${l.level}: p50 ${l.addedP50?.toFixed(2)} ms, p99 ${l.addedP99?.toFixed(2)} ms (per rep p99: ${l.addedP99ByRep.map((v) => v.toFixed(2)).join(', ')})`,
    );
  }
  for (const p of results.profiles)
    console.log(`\nCPU profile of the ${p.hub} hub at ${p.level || 'ttft'}:\n${p.summaryText}\n`);
  if (writeDocs) {
    mkdirSync(join(out, 'bench'), { recursive: true });
    const written = writeReport(results, out);
    log(`wrote ${written.join(', ')}`);
  } else {
    writeFileSync(join(tmpdir(), 'hearth-bench-results.json'), JSON.stringify(results, null, 2));
    log(`results in ${join(tmpdir(), 'hearth-bench-results.json')} (docs not written: --no-docs)`);
  }
}

function levelResults(
  settings: BenchSettings,
  points: PointResult[],
  windowed: Map<string, Float64Array[]>,
): LevelResult[] {
  const out: LevelResult[] = [];
  const pooled = (mode: Mode, level: number): Summary => {
    const parts = windowed.get(`${mode}/${level}`) ?? [];
    const all = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      all.set(p, at);
      at += p.length;
    }
    return summarize(all);
  };
  for (const level of settings.levels) {
    const direct = pooled('direct', level);
    for (const mode of ['direct', ...settings.hubs] as Mode[]) {
      const latency = pooled(mode, level);
      const mine = points.filter((p) => p.mode === mode && p.level === level);
      const byRep = (pick: (s: Summary) => number): number[] =>
        mode === 'direct'
          ? []
          : mine.map((p) => {
              const d = points.find((q) => q.mode === 'direct' && q.level === level && q.rep === p.rep);
              return d ? pick(p.latency) - pick(d.latency) : NaN;
            });
      const med = (pick: (p: PointResult) => number | null): number | null => {
        const v = mine.map(pick).filter((x): x is number => x !== null && Number.isFinite(x));
        return v.length ? median(v) : null;
      };
      out.push({
        level,
        mode,
        latency,
        addedP50: mode === 'direct' ? null : latency.p50 - direct.p50,
        addedP99: mode === 'direct' ? null : latency.p99 - direct.p99,
        addedP50ByRep: byRep((s) => s.p50),
        addedP99ByRep: byRep((s) => s.p99),
        serverCpuPct: med((p) => p.serverCpuPct),
        serverMainPct: med((p) => p.serverMainPct),
        serverWaitPct: med((p) => p.serverWaitPct),
        serverCpuPerChunkUs: med((p) => p.serverCpuPerChunkUs),
        failures: mine.reduce((n, p) => n + p.failures, 0),
      });
    }
  }
  return out;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
