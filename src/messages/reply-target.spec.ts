import { describe, expect, it } from '@jest/globals';
import { addUsage, continuedMeta } from './reply-target';

describe(continuedMeta.name, () => {
  it('keeps both reasonings in order, adds the usage up and takes the continuation’s partial flag', () => {
    const sut = continuedMeta(
      { reasoning: 'first', usage: { promptTokens: 10, completionTokens: 5, cost: 0.5 } },
      { partial: false, model: 'm', reasoning: 'second', usage: { promptTokens: 15, completionTokens: 3, cost: 0.25 } },
    );

    expect(sut).toEqual({
      partial: false,
      model: 'm',
      reasoning: 'first\n\nsecond',
      usage: { promptTokens: 15, completionTokens: 8, cost: 0.75 },
    });
  });

  it('leaves reasoning null when neither call had any', () => {
    expect(
      continuedMeta({ reasoning: null, usage: null }, { partial: true, model: null, reasoning: null, usage: null }),
    ).toEqual({ partial: true, model: null, reasoning: null, usage: null });
  });
});

describe(addUsage.name, () => {
  it('keeps whichever side is known when the other is null', () => {
    expect(addUsage(null, { completionTokens: 2 })).toEqual({ completionTokens: 2 });
    expect(addUsage({ cost: 1 }, null)).toEqual({ cost: 1 });
    expect(addUsage(null, null)).toBeNull();
  });

  it('adds only the figures either side reported', () => {
    expect(addUsage({ completionTokens: 1 }, { promptTokens: 4 })).toEqual({ promptTokens: 4, completionTokens: 1 });
  });
});
