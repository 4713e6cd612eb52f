/**
 * `npm run bench`: what Hearth's relay costs, measured on the built server.
 *
 * Starts the stand-in OpenRouter (its own process), one Hearth per hub (in-process, and Redis if
 * asked) as `node dist/src/main.js` on scratch PostgreSQL databases, and the floor relay
 * (floor-relay.ts: the least a Node process can do for the same work), then measures, against a
 * client that reads the stand-in directly: chunk latency and CPU per chunk at several concurrency
 * levels (every relay also as a ratio to the floor), time to first token with and without a long
 * history, resident memory per idle connection and per live generation, the metrics' own cost,
 * system calls per chunk (strace), and 10,000 idle connections with heartbeats. Writes
 * docs/benchmarks.md (the targets checked first), a chart per figure in docs/bench/ (.svg, and
 * .png when rsvg-convert is installed) and docs/bench/results.json. Loopback only; stops by itself.
 *
 * Options (all optional): --levels=100,500,1000 --reps=2 --hubs=memory,redis --interval=100
 * (ms between chunks) --start-rate=100 (generations started per second) --steady=6000 (ms with
 * every generation streaming) --ttft-sends=30 --history=1000 --memory-n=1000 --no-pin --nice=N
 * --phases=memory,ttft,latency,metrics,syscalls,idle --no-floor --detail-level=500 (of the
 * metrics and syscall phases) --idle-n=10000 --idle-hold=35000 (ms) --profile=memory@500 or
 * memory@ttft (CPU profile of the server in that point's steady window, or during the
 * time-to-first-token sends) --no-docs --out=docs --report-only (rewrite docs/benchmarks.md from
 * docs/bench/results.json, measuring nothing)
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Fixture, clearRedisKeys, startFixture, startFloorFixture, stopFixture } from './fixtures';
import { warmUp } from './generation';
import { latencyPhase } from './latency';
import { levelResults } from './level-results';
import { log } from './log';
import { idlePhase } from './idle';
import { machine, pinSelf, raiseFdLimit, reniceSelf } from './machine';
import { memoryPhase } from './memory';
import { metricsCostPhase } from './metrics-cost';
import { parseSettings } from './options';
import { writeReport } from './report';
import { BenchResults, Hub, Relay } from './results';
import { startStandIn } from './stand-in-process';
import { syscallsPhase } from './syscalls';
import { ttftPhase } from './ttft';
import { agent } from './wiring';

/** Open files allowed to the bench and each server (prlimit), well above the idle phase's connections. */
const FD_LIMIT = 65_536;

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
  // Thousands of connections at once (the idle phase holds 10,000 tabs): the client and each server need the descriptors.
  const fdLimit = raiseFdLimit(process.pid, FD_LIMIT);

  const workDir = mkdtempSync(join(tmpdir(), 'hearth-bench-'));
  // Profiles outlive the run (the work directory does not), for a closer look afterwards.
  const profileDir = join(tmpdir(), 'hearth-bench-profiles', new Date().toISOString().replace(/[:.]/g, '-'));
  if (settings.profile) mkdirSync(profileDir, { recursive: true });
  const redisPrefix = `hearth-bench-${randomBytes(4).toString('hex')}:`;
  const standIn = await startStandIn();
  const fixtures = new Map<Hub, Fixture>();
  let floor: Fixture<'floor'> | null = null;
  const results: BenchResults = {
    settings,
    machine: machine(command, startLoad, settings, started),
    points: [],
    levels: [],
    ttft: [],
    memory: [],
    profiles: [],
    idle: [],
    syscalls: [],
    metricsCost: null,
  };
  let timedOut = false as boolean; // set by the guard's timer
  // Bounded no matter what: a stuck run is stopped and cleaned up.
  const guard = setTimeout(() => {
    timedOut = true;
    log('time limit (40 min) reached: stopping');
    void cleanup().finally(() => process.exit(1));
  }, 40 * 60_000);

  // Interrupted (Ctrl-C, a kill): the servers, the stand-in, the databases and the Redis keys still go.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: cleaning up`);
      clearTimeout(guard);
      void cleanup().finally(() => process.exit(130));
    });
  }

  async function cleanup(): Promise<void> {
    for (const fx of fixtures.values()) await stopFixture(fx);
    fixtures.clear();
    if (floor) await stopFixture(floor);
    floor = null;
    standIn.stop();
    if (settings.hubs.includes('redis')) await clearRedisKeys(redisPrefix);
    agent.destroy();
  }

  try {
    for (const hub of settings.hubs) {
      log(`starting Hearth with the ${hub} hub`);
      fixtures.set(hub, await startFixture(hub, standIn, settings, workDir, profileDir, redisPrefix));
    }
    const relays = new Map<Relay, Fixture<Relay>>(fixtures);
    if (settings.floor) {
      log('starting the floor relay');
      floor = await startFloorFixture(standIn, settings, workDir);
      relays.set('floor', floor);
    }
    for (const fx of relays.values()) raiseFdLimit(fx.server.pid, FD_LIMIT);
    log(
      `servers: ${[...relays.values()].map((f) => `${f.hub} pid ${f.server.pid} ${f.server.url}`).join(', ')}; stand-in pid ${standIn.pid}; open-file limit ${fdLimit}`,
    );
    await warmUp(relays, standIn);

    // Memory first, while each server is fresh.
    if (settings.phases.includes('memory')) results.memory = await memoryPhase(settings, relays);
    if (settings.phases.includes('ttft')) {
      const { ttft, profile } = await ttftPhase(settings, standIn, fixtures);
      results.ttft = ttft;
      if (profile) results.profiles.push(profile);
    }
    let windowed = new Map<string, Float64Array[]>();
    if (settings.phases.includes('latency')) {
      const latency = await latencyPhase(settings, standIn, relays, results.profiles);
      results.points = latency.points;
      windowed = latency.windowed;
    }
    if (settings.phases.includes('metrics'))
      results.metricsCost = await metricsCostPhase(settings, standIn, fixtures, workDir);
    if (settings.phases.includes('syscalls')) results.syscalls = await syscallsPhase(settings, standIn, relays);
    // Last: ten thousand connections leave the most garbage behind.
    if (settings.phases.includes('idle')) results.idle = await idlePhase(settings, fixtures);
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

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
