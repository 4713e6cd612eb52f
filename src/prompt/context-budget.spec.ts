import { describe, expect, it } from '@jest/globals';
import { fitHistory, replyReserve } from './context-budget';

describe(fitHistory.name, () => {
  // Each message costs its text plus 4; the prompt costs 3 more for the reply's start.
  it('keeps everything and counts it when the model has no context length', () => {
    expect(fitHistory({ fixedTextTokens: [10], historyTextTokens: [1, 2], contextLength: null, reserve: 100 })).toEqual(
      { fits: true, keepFrom: 0, trimmedMessages: 0, promptTokens: 14 + 5 + 6 + 3 },
    );
  });

  it('leaves out the oldest history messages first, just enough to fit', () => {
    // fixed 14 + 3 = 17; history 14, 14, 14; window 60 - reserve 10 = 50: 17 + 14 + 14 = 45 fits, 59 does not.
    const sut = fitHistory({ fixedTextTokens: [10], historyTextTokens: [10, 10, 10], contextLength: 60, reserve: 10 });
    expect(sut).toEqual({ fits: true, keepFrom: 1, trimmedMessages: 1, promptTokens: 45 });
  });

  it('may leave out the whole history, never the fixed parts', () => {
    const sut = fitHistory({ fixedTextTokens: [10, 5], historyTextTokens: [50, 50], contextLength: 60, reserve: 10 });
    expect(sut).toEqual({ fits: true, keepFrom: 2, trimmedMessages: 2, promptTokens: 14 + 9 + 3 });
  });

  it('says how much the fixed parts need when they do not fit with the reserve', () => {
    expect(fitHistory({ fixedTextTokens: [100], historyTextTokens: [], contextLength: 100, reserve: 10 })).toEqual({
      fits: false,
      untrimmableTokens: 107,
    });
  });
});

describe(replyReserve.name, () => {
  it('is maxTokens when set, else a quarter of the window up to 1024', () => {
    expect(replyReserve(8000, 300)).toBe(300);
    expect(replyReserve(2000, undefined)).toBe(500);
    expect(replyReserve(128_000, undefined)).toBe(1024);
  });
});
