import { Observable, Subscriber } from 'rxjs';
import { ConnectionFrame, isTerminal, NoticeFrame, StreamFrame } from './stream-event';

/**
 * What a connection takes: `null` every frame of the session (a tab), a stream id that
 * generation's frames up to and including its terminal one (the send-message response).
 * `undefined` is a generation connection that found no generation to follow: it takes nothing.
 */
export type ConnectionScope = { generation: string | undefined } | null;

/**
 * One connection on this instance. The hub calls deliver() for every frame, in order, straight
 * from publish: no operator chain per frame (the relay's hot path). Frames delivered before the
 * consumer subscribes to `frames` are held, so a connection registered before its HTTP response
 * is ready misses nothing.
 */
export class LocalConnection {
  readonly frames: Observable<ConnectionFrame>;
  private held: ConnectionFrame[] = [];
  private sink: Subscriber<ConnectionFrame> | null = null;
  private ended = false;

  /** `onEnd` runs once, when the connection stops taking frames (end, terminal frame, unsubscribe). */
  constructor(
    private readonly scope: ConnectionScope,
    private readonly onEnd: () => void,
  ) {
    this.frames = new Observable<ConnectionFrame>((subscriber) => {
      for (const frame of this.held) subscriber.next(frame);
      this.held = [];
      if (this.ended) subscriber.complete();
      else this.sink = subscriber;
      return () => {
        this.sink = null;
        this.end();
      };
    });
  }

  deliver(frame: StreamFrame): void {
    if (this.ended) return;
    const scope = this.scope;
    if (scope !== null && frame.streamId !== scope.generation) return;
    if (this.sink) this.sink.next(frame);
    else this.held.push(frame);
    if (scope !== null && isTerminal(frame.event)) this.end();
  }

  /** A session notice: tabs take it, a generation's connection never does. */
  notify(frame: NoticeFrame): void {
    if (this.ended || this.scope !== null) return;
    if (this.sink) this.sink.next(frame);
    else this.held.push(frame);
  }

  /** Stops taking frames; the consumer sees the end after what it was already given. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.onEnd();
    const sink = this.sink;
    this.sink = null;
    sink?.complete();
  }
}
