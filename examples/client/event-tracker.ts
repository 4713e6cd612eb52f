import { type GenerationEvent, type StreamEvent, isGenerationEvent } from './types';

/** How many finished generations to remember, so a late duplicate terminal event is still dropped. */
const FINISHED_MEMORY = 32;

/**
 * Makes a sequence of events from several connections (a dropped one, then its reconnection) read
 * as one: each piece of text once, one `start` and one terminal event per generation. Offsets say
 * exactly which part of the text a `reasoning` or `content` event covers (they count both, the
 * reasoning first), so overlaps are trimmed, not guessed. Notices and events of unknown types
 * belong to no generation: they are passed on as they are and never end anything.
 */
export class EventTracker {
  /** Characters (reasoning and content) already passed on, per generation. */
  private readonly delivered = new Map<string, number>();
  private readonly started = new Set<string>();
  private readonly finished: string[] = [];

  /** Resuming from a `Last-Event-ID`: everything up to it has been seen already. */
  static after(lastEventId: string | undefined): EventTracker {
    const tracker = new EventTracker();
    const parsed = lastEventId ? parseEventId(lastEventId) : undefined;
    if (parsed) {
      tracker.delivered.set(parsed.streamId, parsed.offset);
      tracker.started.add(parsed.streamId);
    }
    return tracker;
  }

  /** The event to pass on (text possibly trimmed to its new part), or undefined for a duplicate. */
  accept(event: GenerationEvent): GenerationEvent | undefined;
  accept(event: StreamEvent): StreamEvent | undefined;
  accept(event: StreamEvent): StreamEvent | undefined {
    if (!isGenerationEvent(event)) return event;
    const { streamId } = event;
    if (this.finished.includes(streamId)) return undefined;
    switch (event.type) {
      case 'start':
        if (this.started.has(streamId)) return undefined;
        this.started.add(streamId);
        return event;
      case 'reasoning':
      case 'content': {
        const seen = this.delivered.get(streamId) ?? 0;
        if (event.offset <= seen) return undefined;
        const begins = event.offset - event.data.length;
        this.delivered.set(streamId, event.offset);
        return begins >= seen ? event : { ...event, data: event.data.slice(seen - begins) };
      }
      default:
        this.delivered.delete(streamId);
        this.started.delete(streamId);
        this.finished.push(streamId);
        if (this.finished.length > FINISHED_MEMORY) this.finished.shift();
        return event;
    }
  }
}

/** Splits `<streamId>:<offset>`; undefined when it is not one. */
export function parseEventId(id: string): { streamId: string; offset: number } | undefined {
  const colon = id.lastIndexOf(':');
  if (colon <= 0) return undefined;
  const offset = Number(id.slice(colon + 1));
  if (!Number.isSafeInteger(offset) || offset < 0) return undefined;
  return { streamId: id.slice(0, colon), offset };
}
