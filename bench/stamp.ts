/**
 * Time stamps carried inside the streamed text, so a reader in another process can tell how long
 * a chunk took to reach it. Both sides use process.hrtime (CLOCK_MONOTONIC), which is one clock
 * for every process on the machine.
 *
 * A chunk's text holds `@@` + 16 placeholder characters + `@@`; the stand-in overwrites the
 * placeholder with the send time (ns) just before the bytes go to the socket. The first chunk
 * also carries `@R` + 16 digits: when the stand-in had the whole request (start of its own
 * time to first token).
 */
export const STAMP_DIGITS = 16;
export const STAMP_PLACEHOLDER = `@@${'#'.repeat(STAMP_DIGITS)}@@`;

/** Matches a filled-in send stamp; group 1 is the time in ns. */
export const SEND_STAMP = /@@(\d{16})@@/g;
/** Matches the request-arrival stamp of a first chunk; group 1 is the time in ns. */
export const REQUEST_STAMP = /@R(\d{16})/;

export function nowNs(): bigint {
  return process.hrtime.bigint();
}

export function formatStamp(ns: bigint): string {
  return ns.toString().padStart(STAMP_DIGITS, '0');
}

/** What a bench request asks the stand-in for, written as the user message. */
export type BenchScenario =
  /** `n` stamped chunks, `ms` apart. */
  | { kind: 'paced'; n: number; ms: number }
  /** One stamped chunk, then silence for `ms` (a long-lived generation), then one more. */
  | { kind: 'hold'; ms: number }
  /**
   * One stamped chunk, then a wait until the bench releases barrier `id` (every generation of the
   * run has started), then `offsetMs` (so generations do not send in step), then `n` chunks `ms` apart.
   */
  | { kind: 'barrier'; id: string; n: number; ms: number; offsetMs: number };

export function scenarioMessage(s: BenchScenario): string {
  switch (s.kind) {
    case 'paced':
      return `bench:paced:${s.n}:${s.ms}`;
    case 'hold':
      return `bench:hold:${s.ms}`;
    case 'barrier':
      return `bench:barrier:${s.id}:${s.n}:${s.ms}:${s.offsetMs}`;
  }
}

export function parseScenarioMessage(text: string | undefined): BenchScenario | undefined {
  const parts = (text ?? '').split(':');
  if (parts[0] !== 'bench' || !parts.slice(2).every((p) => /^[\w-]+$/.test(p))) return undefined;
  const n = (i: number): number => Number(parts[i] ?? 0);
  if (parts[1] === 'paced' && parts.length === 4) return { kind: 'paced', n: n(2), ms: n(3) };
  if (parts[1] === 'hold' && parts.length === 3) return { kind: 'hold', ms: n(2) };
  if (parts[1] === 'barrier' && parts.length === 6)
    return { kind: 'barrier', id: parts[2], n: n(3), ms: n(4), offsetMs: n(5) };
  return undefined;
}
