import { Observable, Subscriber, Subscription } from 'rxjs';

/**
 * Subscribes to `source` now and holds what it emits until the one consumer subscribes, so a
 * connection registered before its HTTP response is ready misses nothing.
 */
export function bufferUntilSubscribed<T>(source: Observable<T>): Observable<T> {
  const queue: T[] = [];
  let sink: Subscriber<T> | null = null;
  let ended: { error?: unknown } | null = null;
  const upstream: Subscription = source.subscribe({
    next: (value) => (sink ? sink.next(value) : queue.push(value)),
    error: (error: unknown) => (sink ? sink.error(error) : (ended = { error })),
    complete: () => (sink ? sink.complete() : (ended = {})),
  });
  return new Observable<T>((subscriber) => {
    for (const value of queue.splice(0)) subscriber.next(value);
    if (ended) {
      if (ended.error !== undefined) subscriber.error(ended.error);
      else subscriber.complete();
    } else sink = subscriber;
    return () => {
      sink = null;
      upstream.unsubscribe();
    };
  });
}
