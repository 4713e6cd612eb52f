import { PartQueue, PartQueueHooks } from './part-queue';

function hooks(): jest.Mocked<PartQueueHooks> {
  return { start: jest.fn(), pause: jest.fn(), resume: jest.fn(), cancel: jest.fn() };
}

describe(PartQueue.name, () => {
  it('starts its producer on the first next(), not before', async () => {
    const h = hooks();
    const sut = new PartQueue<number>(h);
    expect(h.start).not.toHaveBeenCalled();

    const first = sut.next();
    sut.push(1);

    expect(h.start).toHaveBeenCalledTimes(1);
    await expect(first).resolves.toEqual({ value: 1, done: false });
  });

  it('hands out queued parts in order, then done once ended', async () => {
    const sut = new PartQueue<number>(hooks());
    sut.push(1);
    sut.push(2);
    sut.end();
    sut.push(3); // after the end: ignored

    const seen: number[] = [];
    for await (const part of sut) seen.push(part);

    expect(seen).toEqual([1, 2]);
    await expect(sut.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it('wakes a waiting consumer with the next push or the end', async () => {
    const sut = new PartQueue<string>(hooks());
    const a = sut.next();
    const b = sut.next();

    sut.push('a');
    sut.end();

    await expect(a).resolves.toEqual({ value: 'a', done: false });
    await expect(b).resolves.toEqual({ value: undefined, done: true });
  });

  it('pauses at the high-water mark and resumes once drained', async () => {
    const h = hooks();
    const sut = new PartQueue<number>(h, 3);
    const first = sut.next();
    sut.push(0); // taken by the waiting next()
    await first;
    sut.push(1);
    sut.push(2);
    expect(h.pause).not.toHaveBeenCalled();

    sut.push(3);
    sut.push(4); // over the mark: one pause only
    expect(h.pause).toHaveBeenCalledTimes(1);

    await sut.next();
    await sut.next();
    await sut.next();
    expect(h.resume).not.toHaveBeenCalled();
    await expect(sut.next()).resolves.toEqual({ value: 4, done: false });
    expect(h.resume).toHaveBeenCalledTimes(1);
  });

  it('does not resume a producer that has ended', async () => {
    const h = hooks();
    const sut = new PartQueue<number>(h, 1);
    const first = sut.next();
    sut.push(0); // taken by the waiting next()
    await first;
    sut.push(1);
    sut.end();

    await sut.next();

    expect(h.pause).toHaveBeenCalledTimes(1);
    expect(h.resume).not.toHaveBeenCalled();
  });

  it('cancels the producer and drops queued parts when the consumer stops early', async () => {
    const h = hooks();
    const sut = new PartQueue<number>(h);
    sut.push(1);
    sut.push(2);

    for await (const part of sut) {
      if (part === 1) break;
    }

    expect(h.cancel).toHaveBeenCalledTimes(1);
    await expect(sut.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it('does not cancel a producer that already ended, or never started', async () => {
    const ended = hooks();
    const sut = new PartQueue<number>(ended);
    sut.push(1);
    sut.end();
    for await (const part of sut) if (part === 1) break;

    const unstarted = hooks();
    await new PartQueue<number>(unstarted).return();

    expect(ended.cancel).not.toHaveBeenCalled();
    expect(unstarted.cancel).not.toHaveBeenCalled();
    expect(unstarted.start).not.toHaveBeenCalled();
  });

  it('discard() ends at once without the queued parts', async () => {
    const sut = new PartQueue<number>(hooks());
    const waiting = sut.next();
    sut.discard();
    sut.push(1);

    await expect(waiting).resolves.toEqual({ value: undefined, done: true });
    await expect(sut.next()).resolves.toEqual({ value: undefined, done: true });
  });
});
