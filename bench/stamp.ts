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
  | { kind: 'hold'; ms: number };

export function scenarioMessage(s: BenchScenario): string {
  return s.kind === 'paced' ? `bench:paced:${s.n}:${s.ms}` : `bench:hold:${s.ms}`;
}

export function parseScenarioMessage(text: string | undefined): BenchScenario | undefined {
  const m = /^bench:(paced|hold):(\d+)(?::(\d+))?$/.exec(text ?? '');
  if (!m) return undefined;
  if (m[1] === 'paced') return { kind: 'paced', n: Number(m[2]), ms: Number(m[3] ?? 0) };
  return { kind: 'hold', ms: Number(m[2]) };
}
