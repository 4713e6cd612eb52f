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
 * Options (all optional): --levels=100,500,1000 --reps=2 --hubs=memory,redis --chunks=120
 * --interval=100 --ramp=2000 --ttft-sends=30 --history=1000 --memory-n=1000 --no-pin
 * --profile=memory@500 (CPU profile of the server in that point's steady window)
 * --no-docs (print only) --out=docs
 */
import { ChildProcess, execFileSync, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import Redis from 'ioredis';
import { HearthProcess, processStats } from './server-process';
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

function parseSettings(argv: string[]): BenchSettings & { writeDocs: boolean; out: string; phases: Phase[] } {
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
    chunks: num('chunks', 120),
    intervalMs: num('interval', 100),
    rampMs: num('ramp', 2000),
    ttftSends: num('ttft-sends', 30),
    historyMessages: num('history', 1000),
    memoryN: num('memory-n', 1000),
    pin: !opts.has('no-pin') && cpus().length >= 2,
    // Level 0 stands for the time-to-first-token phase.
    profile: pm ? { hub: pm[1] as Hub, level: pm[2] === 'ttft' ? 0 : Number(pm[2]) } : null,
    phases: (opts.get('phases') ?? 'memory,ttft,latency').split(',') as Phase[],
    writeDocs: !opts.has('no-docs'),
    out: resolve(REPO, opts.get('out') ?? 'docs'),
  };
}

// ------------------------------------------------------------------ processes and data

interface StandIn {
  url: string;
  pid: number;
  stop(): void;
}

async function startStandIn(): Promise<StandIn> {
  const child: ChildProcess = fork(join(__dirname, 'stand-in.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.once('message', (m) => resolveUrl((m as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`stand-in exited (${code})`)));
  });
  return { url, pid: child.pid!, stop: () => child.disconnect() };
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
  const words = ['the', 'lantern', 'swung', 'over', 'a', 'quiet', 'harbour', 'while', 'she', 'counted', 'ships', 'and', 'stars'];
  const text = (seed: number, chars: number): string => {
    let s = '';
    for (let i = seed; s.length < chars; i += 7) s += `${words[i % words.length]} `;
    return s.trim();
  };
  return Array.from({ length: count }, (_, i) =>
    i % 2 === 0 ? { role: 'user' as const, content: text(i, 200) } : { role: 'assistant' as const, content: text(i, 600) },
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
  redisPrefix: string,
): Promise<Fixture> {
  const db = await scratchDatabase(hub);
  const dataDir = mkdtempSync(join(workDir, `data-${hub}-`));
  const profiling = settings.profile?.hub === hub;
  const server = await HearthProcess.start({
    name: hub,
    mainJs: MAIN_JS,
    cpu: settings.pin ? SERVER_CPU : undefined,
    profileDir: profiling ? workDir : undefined,
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
  const failure = posted.status !== 200 || posted.terminal !== '[DONE]' ? `direct: ${posted.status} ${posted.terminal} ${posted.error ?? ''}` : null;
  return { poster: posted, tab: null, failure };
}

// ------------------------------------------------------------------ chunk latency

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
  const scenario: BenchScenario = { kind: 'paced', n: settings.chunks, ms: settings.intervalMs };
  const columns = new SampleColumns(level * 2 * (settings.chunks + 4));
  const firstSent = new Float64Array(level).fill(Infinity);
  const lastSent = new Float64Array(level).fill(-Infinity);
  const loadAvg1 = loadavg()[0];

  const server0 = fx?.server.stats();
  const cpu0 = { server: server0?.cpuS ?? 0, standIn: processStats(standIn.pid).cpuS, client: process.cpuUsage() };
  const t0 = nowNsNumber();
  const profiling = fx && settings.profile?.hub === mode && settings.profile.level === level && rep === 1;
  let profileStop: Promise<string | null> | null = null;
  if (profiling) {
    // Inside the steady window: after the ramp, and well before the first generation ends.
    const start = settings.rampMs + 1500;
    const length = Math.max(1000, Math.min(6000, settings.chunks * settings.intervalMs - 3000));
    setTimeout(() => void fx.server.toggleProfile(false, 1), start);
    profileStop = sleep(start + length).then(() => fx.server.toggleProfile(true, 1));
  }

  const outcomes = await Promise.all(
    Array.from({ length: level }, async (_, i) => {
      await sleep((i * settings.rampMs) / level);
      const sink: Sink = (sent, received, tag) => {
        columns.push(sent, (received - sent) / 1e6, tag);
        if (sent < firstSent[i]) firstSent[i] = sent;
        if (sent > lastSent[i]) lastSent[i] = sent;
      };
      return fx
        ? relayGeneration(fx, fx.sessions[i], scenario, true, sink)
        : directGeneration(standIn, [{ role: 'user', content: scenarioMessage(scenario) }], sink);
    }),
  );
  const t1 = nowNsNumber();
  const wallS = (t1 - t0) / 1e9;
  const cpuClient = process.cpuUsage(cpu0.client);
  const server1 = fx?.server.stats();
  const serverCpuS = server1 ? server1.cpuS - cpu0.server : null;
  const standInCpuS = processStats(standIn.pid).cpuS - cpu0.standIn;

  if (profileStop && fx) {
    const file = await profileStop;
    if (file) {
      const summary = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, 30);
      profiles.push({ hub: mode as Hub, level, file, summaryText: formatProfileSummary(summary) });
      log(`profile of ${mode}@${level}: ${file}`);
    }
  }

  const ok = outcomes.filter((o) => !o.failure);
  const windowStart = Math.max(...Array.from(firstSent).filter(Number.isFinite));
  const windowEnd = Math.min(...Array.from(lastSent).filter(Number.isFinite));
  const steady = windowEnd - windowStart >= 1e9;
  const [from, to] = steady ? [windowStart, windowEnd] : [-Infinity, Infinity];
  const windowed = columns.selectB(from, to);
  const chunksRelayed = columns.length;
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
    failures: level - ok.length,
    failureExamples: [...new Set(outcomes.filter((o) => o.failure).map((o) => o.failure!))].slice(0, 3),
    serverCpuPct: serverCpuS === null ? null : (serverCpuS / wallS) * 100,
    serverWaitPct: server0 && server1 ? ((server1.mainWaitNs - server0.mainWaitNs) / 1e9 / wallS) * 100 : null,
    standInCpuPct: (standInCpuS / wallS) * 100,
    clientCpuPct: ((cpuClient.user + cpuClient.system) / 1e6 / wallS) * 100,
    // Chunks the server received: one per stamped chunk read by the posting clients.
    serverCpuPerChunkUs:
      serverCpuS === null ? null : (serverCpuS * 1e6) / Math.max(1, chunksRelayed / (fx ? 2 : 1)),
    medianGenerationS: median(outcomes.map((o) => (o.poster.endedNs - o.poster.startedNs) / 1e9)),
    loadAvg1,
  };
  return { point, windowed };
}

// ------------------------------------------------------------------ time to first token

async function ttftPhase(settings: BenchSettings, standIn: StandIn, fixtures: Map<Hub, Fixture>): Promise<TtftResult[]> {
  const scenario: BenchScenario = { kind: 'paced', n: 3, ms: 0 };
  const history = historyMessages(settings.historyMessages);
  const modes: Mode[] = ['direct', ...fixtures.keys()];
  const samples = new Map<
    string,
    { observed: number[]; own: number[]; added: number[]; toProvider: number[]; back: number[]; cpu: number[]; wait: number[]; failures: number }
  >();
  const key = (mode: Mode, h: number): string => `${mode}/${h}`;
  for (const m of modes) for (const h of [0, settings.historyMessages]) samples.set(key(m, h), { observed: [], own: [], added: [], toProvider: [], back: [], cpu: [], wait: [], failures: 0 });

  for (let k = 0; k < settings.ttftSends; k++) {
    for (const h of [0, settings.historyMessages]) {
      // Rotated so no mode always runs first (or right after another's garbage).
      const order = modes.map((_, i) => modes[(i + k) % modes.length]);
      for (const mode of order) {
        const fx = mode === 'direct' ? null : fixtures.get(mode)!;
        const before = fx?.server.stats();
        const outcome = fx
          ? await relayGeneration(fx, (h === 0 ? fx.emptySessions : fx.historySessions)[k], scenario, false)
          : await directGeneration(standIn, [...(h === 0 ? [] : history), { role: 'user', content: scenarioMessage(scenario) }]);
        // The server's main thread: its CPU time for this send, and how long it waited for a CPU.
        const after = fx?.server.stats();
        const s = samples.get(key(mode, h))!;
        const p = outcome.poster;
        if (before && after) {
          s.cpu.push((after.mainRunNs - before.mainRunNs) / 1e6);
          s.wait.push((after.mainWaitNs - before.mainWaitNs) / 1e6);
        }
        if (outcome.failure || p.firstReceivedNs === null || p.firstSentNs === null || p.requestArrivedNs === null) {
          if (s.failures++ === 0) log(`  ${mode} with ${h} earlier messages failed: ${outcome.failure ?? 'no stamped chunk'}`);
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
      out.push({ mode: m, history: h, observed: summarize(s.observed), providerOwn: summarize(s.own), added: summarize(s.added),
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
  const tabs = fx.sessions.slice(0, n).map((id) => new SseReader({ url: `${fx.server.url}/api/chat-sessions/${id}/stream`, agent }));
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
      ids.slice(i, i + 50).map((id) => api(fx.server.url, 'POST', `/api/chat-sessions/${id}/cancel-message`).catch(() => undefined)),
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
  const cpuModel = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown';
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
  log(`load average at start: ${startLoad.map((l) => l.toFixed(2)).join(' ')}; settings`, JSON.stringify(settings));
  pinSelf(settings); // before forking: the stand-in shares the client's CPU

  const workDir = mkdtempSync(join(tmpdir(), 'hearth-bench-'));
  const redisPrefix = `hearth-bench-${randomBytes(4).toString('hex')}:`;
  const standIn = await startStandIn();
  const fixtures = new Map<Hub, Fixture>();
  const results: BenchResults = { settings, machine: machine(command, startLoad, settings, started), points: [], levels: [], ttft: [], memory: [], profiles: [] };
  let timedOut = false;
  // Bounded no matter what: a stuck run is stopped and cleaned up.
  const guard = setTimeout(() => {
    timedOut = true;
    log('time limit (20 min) reached: stopping');
    void cleanup().finally(() => process.exit(1));
  }, 20 * 60_000);

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
      fixtures.set(hub, await startFixture(hub, standIn, settings, workDir, redisPrefix));
    }
    log(`servers: ${[...fixtures.values()].map((f) => `${f.hub} pid ${f.server.pid} ${f.server.url}`).join(', ')}; stand-in pid ${standIn.pid}`);

    // Warm-up: JIT, connection pools, the key's decryption cache if any.
    for (const fx of fixtures.values()) {
      await Promise.all(fx.sessions.slice(0, 50).map((id) => relayGeneration(fx, id, { kind: 'paced', n: 20, ms: 5 }, true)));
    }
    await Promise.all(Array.from({ length: 50 }, () => directGeneration(standIn, [{ role: 'user', content: scenarioMessage({ kind: 'paced', n: 20, ms: 5 }) }])));

    // Memory first, while each server is fresh; the other server is idle meanwhile.
    for (const fx of settings.phases.includes('memory') ? fixtures.values() : []) {
      log(`memory: ${settings.memoryN} idle connections, then ${settings.memoryN} live generations (${fx.hub})`);
      const m = await memoryPhase(fx, settings.memoryN);
      log(`  ${fx.hub}: ${m.perIdleConnectionKiB.toFixed(1)} KiB per idle connection, ${m.perLiveGenerationKiB.toFixed(1)} KiB per live generation`);
      results.memory.push(m);
    }

    if (settings.phases.includes('ttft')) {
      log(`time to first token: ${settings.ttftSends} sends per mode, with 0 and ${settings.historyMessages} earlier messages`);
      const profiled = settings.profile?.level === 0 ? fixtures.get(settings.profile.hub) : undefined;
      await profiled?.server.toggleProfile(false, 1);
      results.ttft = await ttftPhase(settings, standIn, fixtures);
      const file = await profiled?.server.toggleProfile(true, 1);
      if (profiled && file) {
        const summary = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, 30);
        results.profiles.push({ hub: profiled.hub, level: 0, file, summaryText: formatProfileSummary(summary) });
      }
      for (const t of results.ttft) {
        log(`  ${t.mode} history ${t.history}: observed p50 ${t.observed.p50.toFixed(2)} ms, provider ${t.providerOwn.p50.toFixed(2)} ms, added p50 ${t.added.p50.toFixed(2)} p90 ${t.added.p90.toFixed(2)} ms (to provider ${t.toProvider.p50.toFixed(2)}, back ${t.back.p50.toFixed(2)}; server main thread cpu ${t.serverCpu.p50.toFixed(2)}, waiting for a cpu ${t.serverWait.p50.toFixed(2)})`);
      }
    }

    const modes: Mode[] = ['direct', ...settings.hubs];
    const windowed = new Map<string, Float64Array[]>();
    for (const level of settings.phases.includes('latency') ? settings.levels : []) {
      for (let rep = 1; rep <= settings.reps; rep++) {
        const order = modes.map((_, i) => modes[(i + rep - 1) % modes.length]);
        for (const mode of order) {
          await sleep(1000);
          const { point, windowed: w } = await latencyPoint(mode, level, rep, settings, standIn, fixtures, results.profiles);
          results.points.push(point);
          const k = `${mode}/${level}`;
          windowed.set(k, [...(windowed.get(k) ?? []), w]);
          log(
            `  ${mode}@${level} rep ${rep}: p50 ${point.latency.p50.toFixed(2)} p99 ${point.latency.p99.toFixed(2)} ms (n ${point.latency.n}, window ${point.windowS.toFixed(1)} s)` +
              `, cpu server ${point.serverCpuPct?.toFixed(0) ?? '-'}% (waited ${point.serverWaitPct?.toFixed(0) ?? '-'}%) stand-in ${point.standInCpuPct.toFixed(0)}% client ${point.clientCpuPct.toFixed(0)}%` +
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
    log(`added by ${l.mode} at ${l.level}: p50 ${l.addedP50?.toFixed(2)} ms, p99 ${l.addedP99?.toFixed(2)} ms (per rep p99: ${l.addedP99ByRep.map((v) => v.toFixed(2)).join(', ')})`);
  }
  for (const p of results.profiles) console.log(`\nCPU profile of the ${p.hub} hub at ${p.level || 'ttft'}:\n${p.summaryText}\n`);
  if (writeDocs) {
    mkdirSync(join(out, 'bench'), { recursive: true });
    const written = writeReport(results, out);
    log(`wrote ${written.join(', ')}`);
  } else {
    writeFileSync(join(tmpdir(), 'hearth-bench-results.json'), JSON.stringify(results, null, 2));
    log(`results in ${join(tmpdir(), 'hearth-bench-results.json')} (docs not written: --no-docs)`);
  }
}

function levelResults(settings: BenchSettings, points: PointResult[], windowed: Map<string, Float64Array[]>): LevelResult[] {
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
      const cpu = mine.map((p) => p.serverCpuPct).filter((v): v is number => v !== null);
      const perChunk = mine.map((p) => p.serverCpuPerChunkUs).filter((v): v is number => v !== null);
      out.push({
        level,
        mode,
        latency,
        addedP50: mode === 'direct' ? null : latency.p50 - direct.p50,
        addedP99: mode === 'direct' ? null : latency.p99 - direct.p99,
        addedP50ByRep: byRep((s) => s.p50),
        addedP99ByRep: byRep((s) => s.p99),
        serverCpuPct: cpu.length ? median(cpu) : null,
        serverCpuPerChunkUs: perChunk.length ? median(perChunk) : null,
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
