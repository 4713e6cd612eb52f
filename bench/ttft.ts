/** Time to first token: sends one at a time, through each hub and directly, with and without a long history. */
import { Fixture } from './fixtures';
import { directGeneration, relayGeneration } from './generation';
import { historyMessages } from './history';
import { log } from './log';
import { readProfileResult } from './profile-summary';
import { BenchSettings, Hub, Mode, ProfileResult, TtftResult } from './results';
import { summarize } from './stats';
import { BenchScenario, scenarioMessage } from './stamp';
import { StandIn } from './stand-in-process';

async function ttftSends(
  settings: BenchSettings,
  standIn: StandIn,
  fixtures: Map<Hub, Fixture>,
): Promise<TtftResult[]> {
  const scenario: BenchScenario = { kind: 'paced', n: 3, ms: 0 };
  const history = historyMessages(settings.historyMessages);
  const modes: Array<'direct' | Hub> = ['direct', ...fixtures.keys()];
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

/** The phase: the sends, the server's CPU profile over them if asked for, and a line per mode and history. */
export async function ttftPhase(
  settings: BenchSettings,
  standIn: StandIn,
  fixtures: Map<Hub, Fixture>,
): Promise<{ ttft: TtftResult[]; profile: ProfileResult | null }> {
  log(
    `time to first token: ${settings.ttftSends} sends per mode, with 0 and ${settings.historyMessages} earlier messages`,
  );
  const profiled = settings.profile?.level === 0 ? fixtures.get(settings.profile.hub) : undefined;
  await profiled?.server.toggleProfile(false, 1);
  const ttft = await ttftSends(settings, standIn, fixtures);
  const file = await profiled?.server.toggleProfile(true, 1);
  const profile = profiled && file ? readProfileResult(profiled.hub, 0, file) : null;
  for (const t of ttft) {
    log(
      `  ${t.mode} history ${t.history}: observed p50 ${t.observed.p50.toFixed(2)} ms, provider ${t.providerOwn.p50.toFixed(2)} ms, added p50 ${t.added.p50.toFixed(2)} p90 ${t.added.p90.toFixed(2)} ms (to provider ${t.toProvider.p50.toFixed(2)}, back ${t.back.p50.toFixed(2)}; server main thread cpu ${t.serverCpu.p50.toFixed(2)}, waiting for a cpu ${t.serverWait.p50.toFixed(2)})`,
    );
  }
  return { ttft, profile };
}
