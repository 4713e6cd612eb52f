import { LocalConnection } from './local-connection';
import { toFrame, toNoticeFrame } from './sse-framing';
import type { StreamFrame } from './stream-event';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const content = (streamId: string, offset: number, data: string): StreamFrame =>
  toFrame(streamId, offset, { type: 'content', data });
const done = (streamId: string, offset: number): StreamFrame =>
  toFrame(streamId, offset, { type: 'done', messageId: 1, variantIndex: 0 });

function collect(connection: LocalConnection): { wires: string[]; completed: () => boolean; stop: () => void } {
  const wires: string[] = [];
  let completed = false;
  const sub = connection.frames.subscribe({ next: (f) => wires.push(f.wire), complete: () => (completed = true) });
  return { wires, completed: () => completed, stop: () => sub.unsubscribe() };
}

describe(LocalConnection.name, () => {
  it('holds frames delivered before the consumer subscribes, then passes the rest straight on', () => {
    const sut = new LocalConnection(null, () => undefined);
    sut.deliver(content(A, 1, 'a'));
    sut.deliver(content(A, 2, 'b'));
    const seen = collect(sut);
    expect(seen.wires).toEqual([content(A, 1, 'a').wire, content(A, 2, 'b').wire]);
    sut.deliver(content(A, 3, 'c'));
    expect(seen.wires).toHaveLength(3);
  });

  it("takes only its generation and ends after that generation's terminal frame", () => {
    const onEnd = jest.fn();
    const sut = new LocalConnection({ generation: A }, onEnd);
    const seen = collect(sut);
    sut.deliver(content(B, 1, 'other'));
    sut.deliver(content(A, 1, 'x'));
    sut.deliver(done(B, 5));
    expect(seen.completed()).toBe(false);
    sut.deliver(done(A, 1));
    sut.deliver(content(A, 2, 'late'));
    expect(seen.wires).toEqual([content(A, 1, 'x').wire, done(A, 1).wire]);
    expect(seen.completed()).toBe(true);
    expect(onEnd).toHaveBeenCalledTimes(1);
  });

  it('takes nothing when it found no generation to follow', () => {
    const sut = new LocalConnection({ generation: undefined }, () => undefined);
    const seen = collect(sut);
    sut.deliver(content(A, 1, 'x'));
    expect(seen.wires).toEqual([]);
  });

  it('as a tab, takes every generation and outlives their ends until end() is called', () => {
    const onEnd = jest.fn();
    const sut = new LocalConnection(null, onEnd);
    const seen = collect(sut);
    sut.deliver(done(A, 0));
    sut.deliver(content(B, 1, 'y'));
    expect(seen.completed()).toBe(false);
    sut.end();
    sut.end();
    sut.deliver(content(B, 2, 'z'));
    expect(seen.wires).toHaveLength(2);
    expect(seen.completed()).toBe(true);
    expect(onEnd).toHaveBeenCalledTimes(1);
  });

  it('as a tab, takes notices between and during generations, held until it subscribes; never after its end', () => {
    const notice = toNoticeFrame({ type: 'messages_changed', change: 'edited', messageId: 3 });
    const sut = new LocalConnection(null, () => undefined);
    sut.notify(notice);
    const seen = collect(sut);
    sut.deliver(content(A, 1, 'x'));
    sut.notify(notice);
    sut.deliver(done(A, 1));
    expect(seen.wires).toEqual([notice.wire, content(A, 1, 'x').wire, notice.wire, done(A, 1).wire]);
    sut.end();
    sut.notify(notice);
    expect(seen.wires).toHaveLength(4);
  });

  it("as a generation's connection, never takes a notice and is not ended by one", () => {
    const sut = new LocalConnection({ generation: A }, () => undefined);
    const seen = collect(sut);
    sut.notify(toNoticeFrame({ type: 'messages_changed', change: 'deleted', messageId: 3 }));
    sut.deliver(content(A, 1, 'x'));
    expect(seen.wires).toEqual([content(A, 1, 'x').wire]);
    expect(seen.completed()).toBe(false);
  });

  it('completes a consumer that subscribes after the end, once it has the held frames', () => {
    const sut = new LocalConnection({ generation: A }, () => undefined);
    sut.deliver(content(A, 1, 'x'));
    sut.deliver(done(A, 1));
    const seen = collect(sut);
    expect(seen.wires).toHaveLength(2);
    expect(seen.completed()).toBe(true);
  });

  it('stops taking frames and tells the hub when the consumer unsubscribes', () => {
    const onEnd = jest.fn();
    const sut = new LocalConnection(null, onEnd);
    const seen = collect(sut);
    seen.stop();
    sut.deliver(content(A, 1, 'x'));
    expect(onEnd).toHaveBeenCalledTimes(1);
    expect(seen.wires).toEqual([]);
  });
});
