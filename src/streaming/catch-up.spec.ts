import { catchUpFrames } from './catch-up';
import { toFrame } from './sse-framing';

const LIVE = 'a6f1c0de-0000-4000-8000-000000000001';
const OTHER = 'a6f1c0de-0000-4000-8000-000000000002';

describe(catchUpFrames.name, () => {
  const ended = {
    streamId: LIVE,
    text: 'héllo',
    terminal: toFrame(LIVE, 5, { type: 'done', messageId: 9, variantIndex: 0 }),
  };

  it('gives a connection joining a live generation all its text as one frame at the current offset', () => {
    const frames = catchUpFrames({ streamId: LIVE, text: 'héllo' }, null, undefined);
    expect(frames).toEqual([toFrame(LIVE, 5, { type: 'content', data: 'héllo' })]);
  });

  it('resumes a live generation after the offset the client already has', () => {
    const frames = catchUpFrames({ streamId: LIVE, text: 'héllo' }, null, { streamId: LIVE, offset: 2 });
    expect(frames.map((f) => [f.offset, f.event])).toEqual([[5, { type: 'content', data: 'llo' }]]);
  });

  it('sends nothing when the client is already up to date, or the generation has no text yet', () => {
    expect(catchUpFrames({ streamId: LIVE, text: 'abc' }, null, { streamId: LIVE, offset: 3 })).toEqual([]);
    expect(catchUpFrames({ streamId: LIVE, text: '' }, null, undefined)).toEqual([]);
  });

  it('replays all text when the resumption point is of another generation or past the text', () => {
    for (const resumeFrom of [
      { streamId: OTHER, offset: 1 },
      { streamId: LIVE, offset: 99 },
    ]) {
      expect(catchUpFrames({ streamId: LIVE, text: 'abc' }, null, resumeFrom)).toEqual([
        toFrame(LIVE, 3, { type: 'content', data: 'abc' }),
      ]);
    }
  });

  it('finishes an ended generation the client was reading: the rest of its text, then its terminal frame', () => {
    expect(catchUpFrames(null, ended, { streamId: LIVE, offset: 1 })).toEqual([
      toFrame(LIVE, 5, { type: 'content', data: 'éllo' }),
      ended.terminal,
    ]);
    expect(catchUpFrames(null, ended, { streamId: LIVE, offset: 5 })).toEqual([ended.terminal]);
  });

  it('tells a connection nothing of an ended generation it was not reading', () => {
    expect(catchUpFrames(null, ended, undefined)).toEqual([]);
    expect(catchUpFrames(null, ended, { streamId: OTHER, offset: 0 })).toEqual([]);
    expect(catchUpFrames(null, ended, { streamId: LIVE, offset: 6 })).toEqual([]);
  });

  it('prefers the live generation over an ended one', () => {
    const frames = catchUpFrames({ streamId: OTHER, text: 'x' }, ended, { streamId: LIVE, offset: 0 });
    expect(frames).toEqual([toFrame(OTHER, 1, { type: 'content', data: 'x' })]);
  });

  describe('with reasoning (offsets count the reasoning, then the content)', () => {
    const live = { streamId: LIVE, reasoning: 'think', text: 'héllo' };

    it('gives a joining connection the reasoning so far as one frame, then the content as one', () => {
      expect(catchUpFrames(live, null, undefined)).toEqual([
        toFrame(LIVE, 5, { type: 'reasoning', data: 'think' }),
        toFrame(LIVE, 10, { type: 'content', data: 'héllo' }),
      ]);
      expect(catchUpFrames({ ...live, text: '' }, null, undefined)).toEqual([
        toFrame(LIVE, 5, { type: 'reasoning', data: 'think' }),
      ]);
    });

    it('resumes inside the reasoning: the rest of it, then all the content', () => {
      expect(catchUpFrames(live, null, { streamId: LIVE, offset: 2 })).toEqual([
        toFrame(LIVE, 5, { type: 'reasoning', data: 'ink' }),
        toFrame(LIVE, 10, { type: 'content', data: 'héllo' }),
      ]);
    });

    it('resumes at the end of the reasoning or inside the content: the rest of the content only', () => {
      expect(catchUpFrames(live, null, { streamId: LIVE, offset: 5 })).toEqual([
        toFrame(LIVE, 10, { type: 'content', data: 'héllo' }),
      ]);
      expect(catchUpFrames(live, null, { streamId: LIVE, offset: 8 })).toEqual([
        toFrame(LIVE, 10, { type: 'content', data: 'lo' }),
      ]);
      expect(catchUpFrames(live, null, { streamId: LIVE, offset: 10 })).toEqual([]);
      // A resume point past both replays all of it.
      expect(catchUpFrames(live, null, { streamId: LIVE, offset: 11 })).toHaveLength(2);
    });

    it('finishes an ended generation from inside its reasoning or its content', () => {
      const terminal = toFrame(LIVE, 10, { type: 'done', messageId: 9, variantIndex: 0 });
      const ended = { ...live, terminal };
      expect(catchUpFrames(null, ended, { streamId: LIVE, offset: 4 })).toEqual([
        toFrame(LIVE, 5, { type: 'reasoning', data: 'k' }),
        toFrame(LIVE, 10, { type: 'content', data: 'héllo' }),
        terminal,
      ]);
      expect(catchUpFrames(null, ended, { streamId: LIVE, offset: 9 })).toEqual([
        toFrame(LIVE, 10, { type: 'content', data: 'o' }),
        terminal,
      ]);
      expect(catchUpFrames(null, ended, { streamId: LIVE, offset: 11 })).toEqual([]);
    });
  });
});
