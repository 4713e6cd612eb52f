import { parseLastEventId, toFrame, eventId, toNoticeFrame } from './sse-framing';

describe(toFrame.name, () => {
  const streamId = '3f1c2b9e-8a4d-4c1e-9b7a-1234567890ab';

  it('writes one id line, one data line and a blank line', () => {
    const sut = toFrame(streamId, 5, { type: 'content', data: 'hello' });
    expect(sut.wire).toBe(`id: ${streamId}:5\ndata: {"type":"content","data":"hello","streamId":"${streamId}"}\n\n`);
  });

  it('keeps text with newlines on a single data line', () => {
    const sut = toFrame(streamId, 3, { type: 'content', data: 'a\nb' });
    const dataLines = sut.wire.split('\n').filter((l) => l.startsWith('data: '));
    expect(dataLines).toHaveLength(1);
    expect(JSON.parse(dataLines[0].slice(6))).toMatchObject({ type: 'content', data: 'a\nb' });
  });
});

describe('reasoning frames', () => {
  const streamId = '3f1c2b9e-8a4d-4c1e-9b7a-1234567890ab';

  it('are written like content, with their own type, the offset counting both', () => {
    const sut = toFrame(streamId, 7, { type: 'reasoning', data: 'hm "x"' });
    expect(sut.wire).toBe(
      `id: ${streamId}:7\ndata: {"type":"reasoning","data":"hm \\"x\\"","streamId":"${streamId}"}\n\n`,
    );
    expect(JSON.parse(sut.wire.split('\n')[1].slice(6))).toEqual({ type: 'reasoning', data: 'hm "x"', streamId });
  });
});

describe(toNoticeFrame.name, () => {
  it('writes a data line and a blank line, no id line, and has no stream or offset', () => {
    const sut = toNoticeFrame({ type: 'messages_changed', change: 'edited', messageId: 42 });
    expect(sut.wire).toBe('data: {"type":"messages_changed","change":"edited","messageId":42}\n\n');
    expect(sut.streamId).toBeNull();
    expect(sut.offset).toBeNull();
  });

  it('keeps only the fields of the notice', () => {
    const extra = { type: 'messages_changed', change: 'deleted', messageId: 1, secret: 'x' } as const;
    expect(toNoticeFrame(extra).wire).toBe('data: {"type":"messages_changed","change":"deleted","messageId":1}\n\n');
  });
});

describe(parseLastEventId.name, () => {
  const streamId = '3f1c2b9e-8a4d-4c1e-9b7a-1234567890ab';

  it('reads what eventId writes', () => {
    expect(parseLastEventId(eventId(streamId, 42))).toEqual({ streamId, offset: 42 });
  });

  it.each([undefined, '', 'garbage', streamId, `${streamId}:-1`, `${streamId}:x`, 'abc:1'])(
    'treats %p as no resumption point',
    (value) => {
      expect(parseLastEventId(value)).toBeUndefined();
    },
  );

  it('takes the first of repeated headers', () => {
    expect(parseLastEventId([eventId(streamId, 1), eventId(streamId, 2)])).toEqual({ streamId, offset: 1 });
  });
});
