import {
  UnexpectedScriptReply,
  decodeAcquireReply,
  decodeConnectionsRefreshReply,
  decodeConnectionsReply,
  decodePublishReply,
  decodeReapReply,
  decodeReleaseReply,
  decodeRenewReply,
  decodeSnapshotReply,
  decodeStatusReply,
} from './script-replies';

const STREAM = '0b7c6c52-4a8e-4f0c-9a51-6a1f3c1d2e3f';
const LOCK = `instance-1|${STREAM}`;

describe('Lua script replies', () => {
  it('publish: the last entry id, or not the owner when the script said false (nil)', () => {
    expect(decodePublishReply('1700000000000-3')).toEqual({ kind: 'published', lastEntryId: '1700000000000-3' });
    expect(decodePublishReply(null)).toEqual({ kind: 'not_owner' });
    expect(() => decodePublishReply(1)).toThrow(UnexpectedScriptReply);
  });

  it('acquire: refused, taken, or taken with an orphan to end first', () => {
    expect(decodeAcquireReply([0])).toEqual({ acquired: false });
    expect(decodeAcquireReply([1])).toEqual({ acquired: true, orphan: null });
    expect(decodeAcquireReply([1, STREAM, '12', '1700000000000', ''])).toEqual({
      acquired: true,
      orphan: { streamId: STREAM, partialLength: 12 },
    });
    expect(() => decodeAcquireReply([2])).toThrow(UnexpectedScriptReply);
    expect(() => decodeAcquireReply([1, STREAM])).toThrow(UnexpectedScriptReply);
    expect(() => decodeAcquireReply([1, STREAM, 'x'])).toThrow(/acquire script/);
    expect(() => decodeAcquireReply('OK')).toThrow(UnexpectedScriptReply);
  });

  it('renew and release: whether the lock was still the caller’s', () => {
    expect(decodeRenewReply(1)).toBe(true);
    expect(decodeRenewReply(0)).toBe(false);
    expect(decodeReleaseReply(1)).toBe(true);
    expect(decodeReleaseReply(0)).toBe(false);
    expect(() => decodeRenewReply(null)).toThrow(UnexpectedScriptReply);
  });

  it('reap: every outcome, with the start and first token times and reasoning length of one it ended', () => {
    expect(decodeReapReply([0])).toEqual({ kind: 'alive' });
    expect(decodeReapReply([2])).toEqual({ kind: 'ended' });
    expect(decodeReapReply([3])).toEqual({ kind: 'gone' });
    expect(decodeReapReply([-1, '42'])).toEqual({ kind: 'wrong_length', partialLength: 42 });
    expect(decodeReapReply([1, '1700000000000', '1700000000250', '12'])).toEqual({
      kind: 'reaped',
      startedAt: new Date(1700000000000),
      firstTokenAt: new Date(1700000000250),
      reasoningLength: 12,
    });
    expect(decodeReapReply([1, '', '', '0'])).toEqual({
      kind: 'reaped',
      startedAt: null,
      firstTokenAt: null,
      reasoningLength: 0,
    });
    expect(() => decodeReapReply([1, '', ''])).toThrow(UnexpectedScriptReply);
    expect(() => decodeReapReply([-1])).toThrow(UnexpectedScriptReply);
    expect(() => decodeReapReply([7])).toThrow(UnexpectedScriptReply);
  });

  it('connections: the total and its version (µs, beyond 32 bits), or refused', () => {
    expect(decodeConnectionsReply([3, '1700000000123456'])).toEqual({
      kind: 'counted',
      total: 3,
      version: 1700000000123456,
    });
    expect(decodeConnectionsReply([-1, '1700000000123456'])).toEqual({ kind: 'refused', version: 1700000000123456 });
    expect(() => decodeConnectionsReply([-2, '1'])).toThrow(UnexpectedScriptReply);
    expect(() => decodeConnectionsReply([3])).toThrow(UnexpectedScriptReply);
  });

  it('connections_refresh: one version, then each session’s total in order; never refused', () => {
    expect(decodeConnectionsRefreshReply(['1700000000123456', 3, 0, 12])).toEqual({
      version: 1700000000123456,
      totals: [3, 0, 12],
    });
    expect(decodeConnectionsRefreshReply(['1700000000123456'])).toEqual({ version: 1700000000123456, totals: [] });
    expect(() => decodeConnectionsRefreshReply(['1700000000123456', 3, -1])).toThrow(UnexpectedScriptReply);
    expect(() => decodeConnectionsRefreshReply(['1700000000123456', 'x'])).toThrow(/connections_refresh script/);
    expect(() => decodeConnectionsRefreshReply([])).toThrow(UnexpectedScriptReply);
    expect(() => decodeConnectionsRefreshReply(3)).toThrow(UnexpectedScriptReply);
  });

  it('snapshot: lock, generation (live or ended, content and reasoning) and the last entry id', () => {
    const end = `id: ${STREAM}:5\ndata: {"type":"done","messageId":1,"streamId":"${STREAM}"}\n\n`;
    expect(decodeSnapshotReply([LOCK, STREAM, '', '8', 'hello', '1-0', 'hmm'])).toEqual({
      lock: { instanceId: 'instance-1', streamId: STREAM },
      generation: { streamId: STREAM, text: 'hello', reasoning: 'hmm', endWire: null },
      lastEntryId: '1-0',
    });
    expect(decodeSnapshotReply(['', STREAM, end, '5', 'hello', '2-0', ''])).toEqual({
      lock: undefined,
      generation: { streamId: STREAM, text: 'hello', reasoning: '', endWire: end },
      lastEntryId: '2-0',
    });
    expect(decodeSnapshotReply(['', '', '', '0', '', '0-0', ''])).toEqual({
      lock: undefined,
      generation: null,
      lastEntryId: '0-0',
    });
    expect(() => decodeSnapshotReply(['', '', '', '0', '', '0-0'])).toThrow(UnexpectedScriptReply);
  });

  it('status: lock and the length of the generation’s content (its offset without the reasoning)', () => {
    expect(decodeStatusReply([LOCK, STREAM, '7', '3'])).toEqual({
      lock: { instanceId: 'instance-1', streamId: STREAM },
      generation: { streamId: STREAM, partialLength: 4 },
    });
    expect(decodeStatusReply(['', '', '0', '0'])).toEqual({ lock: undefined, generation: null });
    expect(() => decodeStatusReply([LOCK, STREAM, 'many', '0'])).toThrow(UnexpectedScriptReply);
    expect(() => decodeStatusReply([LOCK, STREAM, '7'])).toThrow(UnexpectedScriptReply);
  });
});
