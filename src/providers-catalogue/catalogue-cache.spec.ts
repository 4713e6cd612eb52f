import { describe, expect, it } from '@jest/globals';
import { TtlCache } from './catalogue-cache';

describe(TtlCache.name, () => {
  it('answers from the cache until the TTL passes, then fetches again', async () => {
    let now = 0;
    let calls = 0;
    const sut = new TtlCache<number>(1000, () => now);
    const fetch = (): Promise<number> => Promise.resolve(++calls);

    expect(await sut.get('a', fetch)).toBe(1);
    now = 999;
    expect(await sut.get('a', fetch)).toBe(1);
    now = 1000;
    expect(await sut.get('a', fetch)).toBe(2);
    expect(await sut.get('b', fetch)).toBe(3);
  });

  it('shares one fetch between concurrent misses and does not keep a failure', async () => {
    let calls = 0;
    const sut = new TtlCache<number>(1000);
    const failing = (): Promise<number> => {
      calls++;
      return Promise.reject(new Error('down'));
    };

    const both = [sut.get('a', failing), sut.get('a', failing)];
    await expect(both[0]).rejects.toThrow('down');
    await expect(both[1]).rejects.toThrow('down');
    expect(calls).toBe(1);
    expect(await sut.get('a', () => Promise.resolve(7))).toBe(7);
  });
});
