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
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Fixture, clearRedisKeys, startFixture, stopFixture } from './fixtures';
import { warmUp } from './generation';
import { latencyPhase } from './latency';
import { levelResults } from './level-results';
import { log } from './log';
import { machine, pinSelf, reniceSelf } from './machine';
import { memoryPhase } from './memory';
import { parseSettings } from './options';
import { writeReport } from './report';
import { BenchResults, Hub } from './results';
import { startStandIn } from './stand-in-process';
import { ttftPhase } from './ttft';
import { agent } from './wiring';

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
  let timedOut = false as boolean; // set by the guard's timer
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
    for (const fx of fixtures.values()) await stopFixture(fx);
    fixtures.clear();
    standIn.stop();
    if (settings.hubs.includes('redis')) await clearRedisKeys(redisPrefix);
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
    await warmUp(fixtures, standIn);

    // Memory first, while each server is fresh.
    if (settings.phases.includes('memory')) results.memory = await memoryPhase(settings, fixtures);
    if (settings.phases.includes('ttft')) {
      const { ttft, profile } = await ttftPhase(settings, standIn, fixtures);
      results.ttft = ttft;
      if (profile) results.profiles.push(profile);
    }
    let windowed = new Map<string, Float64Array[]>();
    if (settings.phases.includes('latency')) {
      const latency = await latencyPhase(settings, standIn, fixtures, results.profiles);
      results.points = latency.points;
      windowed = latency.windowed;
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

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
