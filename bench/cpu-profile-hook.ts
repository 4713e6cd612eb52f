/**
 * Preloaded into the server under test (`node -r .../cpu-profile-hook.js dist/src/main.js`) when
 * the bench profiles: SIGWINCH (ignored by default, and not one of the signals Nest's shutdown
 * hooks take, unlike SIGUSR2) starts the V8 CPU profiler, the next SIGWINCH stops it and writes
 * BENCH_CPU_PROFILE_DIR/<label>.cpuprofile (label from BENCH_CPU_PROFILE_LABEL, numbered), so a
 * profile covers exactly the measured window and not start-up or shutdown (node --cpu-prof
 * writes only at a normal exit, and Nest re-raises SIGTERM after closing).
 */
import { Session } from 'node:inspector';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.BENCH_CPU_PROFILE_DIR ?? '.';
const label = process.env.BENCH_CPU_PROFILE_LABEL ?? 'hearth';
const session = new Session();
session.connect();
let running = false;
let count = 0;

function post(method: string, params: object = {}): Promise<unknown> {
  return new Promise((resolve, reject) =>
    session.post(method, params, (err, result) => (err ? reject(err) : resolve(result))),
  );
}

process.on('SIGWINCH', () => {
  void (async () => {
    if (!running) {
      running = true;
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 500 });
      await post('Profiler.start');
      return;
    }
    running = false;
    const { profile } = (await post('Profiler.stop')) as { profile: object };
    const file = join(dir, `${label}-${++count}.cpuprofile`);
    writeFileSync(`${file}.tmp`, JSON.stringify(profile));
    renameSync(`${file}.tmp`, file); // the bench waits for the name: it must appear complete
    process.stderr.write(`BENCH_CPU_PROFILE_WRITTEN ${file}\n`);
  })();
});
