/** How the report looks figures up in the results and prints them. */
import { BenchResults, LevelResult, Mode, TtftResult } from './results';

export const f = (v: number | null | undefined, digits = 2): string =>
  v === null || v === undefined || Number.isNaN(v) ? '–' : v.toFixed(digits);

export function level(results: BenchResults, mode: Mode, lvl: number): LevelResult | undefined {
  return results.levels.find((l) => l.mode === mode && l.level === lvl);
}

export function ttft(results: BenchResults, mode: Mode, history: number): TtftResult | undefined {
  return results.ttft.find((t) => t.mode === mode && t.history === history);
}

/** Observed time to first token through Hearth minus observed directly, same history (p50s). */
export function beyondDirect(r: BenchResults, mode: Mode, history: number): number | null {
  const a = ttft(r, mode, history)?.observed.p50;
  const d = ttft(r, 'direct', history)?.observed.p50;
  return a === undefined || d === undefined ? null : a - d;
}
