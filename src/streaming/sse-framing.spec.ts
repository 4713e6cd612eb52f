import { parseLastEventId, toFrame, eventId } from './sse-framing';

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
