import { toFrame, toNoticeFrame } from '../sse-framing';
import {
  RecentSet,
  compareEntryIds,
  decodeInstanceMessage,
  decodeSessionMessage,
  encodeCountMessage,
  encodeDetachMessage,
  encodeFramesMessage,
  encodeInstanceMessage,
  encodeNoticeMessage,
  eventOfWire,
  lockToken,
  parseLockToken,
  sessionKeys,
  sessionOfChannel,
} from './protocol';

const STREAM = '0b7c6c52-4a8e-4f0c-9a51-6a1f3c1d2e3f';

describe('redis protocol', () => {
  describe(sessionKeys.name, () => {
    it('puts every key of a session in one hash slot, under the prefix', () => {
      const sut = sessionKeys('hearth:', 42);
      expect(Object.values<string>({ ...sut }).every((k) => k.startsWith('hearth:s:{42}:'))).toBe(true);
      expect(new Set(Object.values(sut)).size).toBe(7);
    });

    it('finds the session of its channel, and nothing in other channels', () => {
      expect(sessionOfChannel('p:', sessionKeys('p:', 7).channel)).toBe(7);
      expect(sessionOfChannel('p:', sessionKeys('q:', 7).channel)).toBeUndefined();
      expect(sessionOfChannel('p:', 'p:i:some-instance')).toBeUndefined();
    });
  });

  describe(parseLockToken.name, () => {
    it('reads back what lockToken wrote', () => {
      expect(parseLockToken(lockToken('instance-1', STREAM))).toEqual({ instanceId: 'instance-1', streamId: STREAM });
    });

    it.each(['', 'no-bar', '|stream', 'instance|'])('refuses %p', (value) => {
      expect(parseLockToken(value)).toBeUndefined();
    });
  });

  describe(compareEntryIds.name, () => {
    it.each<[string, string, number]>([
      ['1-0', '2-0', -1],
      ['999-5', '1000-0', -1],
      ['1700000000000-2', '1700000000000-10', -1],
      ['5-5', '5-5', 0],
      ['1700000000001-0', '1700000000000-99', 1],
    ])('orders %s against %s', (a, b, sign) => {
      expect(Math.sign(compareEntryIds(a, b))).toBe(sign);
    });
  });

  describe(decodeSessionMessage.name, () => {
    it("rebuilds frames with the publisher's wire text untouched, newlines and control characters too", () => {
      const items = [
        { entryId: '17-3', frame: toFrame(STREAM, 9, { type: 'content', data: 'two\nlines🌍' }) },
        { entryId: '17-4', frame: toFrame(STREAM, 11, { type: 'content', data: '\x1e\u0000' }) },
        { entryId: '18-0', frame: toFrame(STREAM, 11, { type: 'done', messageId: 4, variantIndex: 0 }) },
      ];
      const sut = decodeSessionMessage(encodeFramesMessage('instance-1', items));
      expect(sut).toEqual({ kind: 'frames', origin: 'instance-1', items });
    });

    it('keeps streamId on start events only, as the publisher had them', () => {
      const start = toFrame(STREAM, 0, {
        type: 'start',
        streamId: STREAM,
        kind: 'send',
        messageId: null,
        userMessage: { id: 1, chatSessionId: 2, role: 'user', content: 'hi', createdAt: '2026-01-01T00:00:00.000Z' },
      });
      expect(eventOfWire(start.wire)).toEqual(start.event);
      const done = toFrame(STREAM, 3, { type: 'done', messageId: 5, variantIndex: 0 });
      expect(eventOfWire(done.wire)).toEqual({ type: 'done', messageId: 5, variantIndex: 0 });
    });

    it("carries the sender's clock when the batch left it, and none for a reaped generation's end", () => {
      const items = [{ entryId: '17-3', frame: toFrame(STREAM, 2, { type: 'content', data: 'hi' }) }];
      const sentAt = 1764565200123;
      const message = encodeFramesMessage('instance-1', items, sentAt);
      expect(message.split('\n', 4)).toEqual(['f', 'instance-1', STREAM, String(sentAt)]);
      expect(decodeSessionMessage(message)).toEqual({ kind: 'frames', origin: 'instance-1', sentAt, items });
      // As the reap script writes it: an empty time, so no lag is measured.
      const reaped = decodeSessionMessage(encodeFramesMessage('-', items));
      expect(reaped).toEqual({ kind: 'frames', origin: '-', items });
      expect(reaped).not.toHaveProperty('sentAt');
    });

    it("skips an instance's own frames", () => {
      const items = [{ entryId: '1-1', frame: toFrame(STREAM, 1, { type: 'content', data: 'x' }) }];
      expect(decodeSessionMessage(encodeFramesMessage('me', items), 'me')).toBeUndefined();
      expect(decodeSessionMessage(encodeFramesMessage('other', items), 'me')).toMatchObject({ kind: 'frames' });
    });

    it('reads counts and detaches', () => {
      expect(decodeSessionMessage(encodeCountMessage(3, 1700000000000123))).toEqual({
        kind: 'count',
        total: 3,
        version: 1700000000000123,
      });
      expect(decodeSessionMessage(encodeDetachMessage('instance-2'))).toEqual({ kind: 'detach', origin: 'instance-2' });
    });

    it("reads a notice another instance sent, as the same wire text, and skips an instance's own", () => {
      const notice = { type: 'messages_changed', change: 'variant', messageId: 12 } as const;
      expect(decodeSessionMessage(encodeNoticeMessage('other', notice), 'me')).toEqual({
        kind: 'notice',
        origin: 'other',
        frame: toNoticeFrame(notice),
      });
      expect(decodeSessionMessage(encodeNoticeMessage('me', notice), 'me')).toBeUndefined();
    });

    it('carries reasoning frames as their wire text, streamId dropped from the event', () => {
      const items = [{ entryId: '3-0', frame: toFrame(STREAM, 4, { type: 'reasoning', data: 'hm\n' }) }];
      expect(decodeSessionMessage(encodeFramesMessage('o', items))).toEqual({ kind: 'frames', origin: 'o', items });
      expect(eventOfWire(items[0].frame.wire)).toEqual({ type: 'reasoning', data: 'hm\n' });
    });

    it.each([
      'n\no',
      'n\no\nnot json',
      'n\no\nnull',
      'n\no\n{"type":"content","change":"edited","messageId":1}',
      'n\no\n{"type":"messages_changed","change":"renamed","messageId":1}',
      'n\no\n{"type":"messages_changed","change":"edited","messageId":"1"}',
      'n\no\n{"type":"messages_changed","change":"edited"}',
    ])('ignores the malformed notice %p', (text) => {
      expect(decodeSessionMessage(text)).toBeUndefined();
    });

    it.each([
      '',
      'zz',
      'c\n-1\n5',
      'c\nx\n1',
      'f\norigin',
      'f\no\ns\n\n1-0\n3\nnot a frame',
      'f\no\ns\n\n1-0',
      // Frames without the time line (the format before it), and a time that is not one.
      `f\no\n${STREAM}\n1-0\n1\n${toFrame(STREAM, 1, { type: 'content', data: 'x' }).wire}`,
      `f\no\n${STREAM}\nsoon\n1-0\n1\n${toFrame(STREAM, 1, { type: 'content', data: 'x' }).wire}`,
    ])('ignores %p', (text) => {
      expect(decodeSessionMessage(text)).toBeUndefined();
    });
  });

  describe(decodeInstanceMessage.name, () => {
    it('reads back requests and replies, and ignores anything else', () => {
      const cancel = {
        t: 'cancel',
        id: 'r1',
        from: 'i1',
        sessionId: 3,
        streamId: STREAM,
        reason: 'user_cancelled',
      } as const;
      expect(decodeInstanceMessage(encodeInstanceMessage(cancel))).toEqual(cancel);
      const reply = { t: 'reply', id: 'r1', outcome: { status: 'not_running' } } as const;
      expect(decodeInstanceMessage(encodeInstanceMessage(reply))).toEqual(reply);
      const flush = { t: 'flush', id: 'r2', from: 'i1', sessionId: 3, streamId: STREAM } as const;
      expect(decodeInstanceMessage(encodeInstanceMessage(flush))).toEqual(flush);
      expect(decodeInstanceMessage(encodeInstanceMessage({ t: 'flushed', id: 'r2' }))).toEqual({
        t: 'flushed',
        id: 'r2',
      });
      expect(decodeInstanceMessage('{"t":"other","id":"x"}')).toBeUndefined();
      expect(decodeInstanceMessage('not json')).toBeUndefined();
    });
  });

  describe(RecentSet.name, () => {
    it('forgets the oldest member past its capacity', () => {
      const sut = new RecentSet(2);
      sut.add('a');
      sut.add('b');
      sut.add('a'); // refreshed: b is now the oldest
      sut.add('c');
      expect(['a', 'b', 'c'].map((v) => sut.has(v))).toEqual([true, false, true]);
    });
  });
});
