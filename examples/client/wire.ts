import type { EventSourceMessage } from 'eventsource-parser';
import { parseEventId } from './event-tracker';
import { type StreamEvent, isGenerationEvent } from './types';

/**
 * One SSE message as a typed event. A generation's events get `id` and the `offset` read from
 * it, and their `streamId` (on the wire only `start` is sure to name it in its data; every one
 * names it in its SSE id). A `messages_changed` notice has no id and keeps only its own fields.
 * Anything else becomes an `unknown:<type>` event, so a newer server's events pass through
 * without being mistaken for one this client knows.
 */
export function toStreamEvent(message: EventSourceMessage): StreamEvent {
  const raw = JSON.parse(message.data) as Record<string, unknown>;
  const type = typeof raw.type === 'string' ? raw.type : '';
  const probe = { type } as StreamEvent;
  if (isGenerationEvent(probe)) {
    const id = message.id ?? '';
    const parsedId = parseEventId(id);
    return {
      ...raw,
      streamId: typeof raw.streamId === 'string' ? raw.streamId : parsedId?.streamId,
      id,
      offset: parsedId?.offset ?? 0,
    } as StreamEvent;
  }
  if (type === 'messages_changed') {
    const { change, messageId } = raw as { change: 'edited' | 'deleted' | 'variant' | 'created'; messageId: number };
    return { type, change, messageId };
  }
  return { type: `unknown:${type}`, raw, id: message.id };
}
