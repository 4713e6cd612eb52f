import type { NoticeFrame, SessionNotice, StreamEvent, StreamFrame } from './stream-event';

/**
 * SSE framing for Hearth's events. Offsets count UTF-16 code units (JavaScript string length),
 * the same unit as `partialLength`, so a client can slice its own text with them.
 */
export function eventId(streamId: string, offset: number): string {
  return `${streamId}:${offset}`;
}

/** Serialises an event once: `id:` line, one `data:` line (JSON has no raw newlines), blank line. */
export function toFrame(streamId: string, offset: number, event: StreamEvent): StreamFrame {
  // Text is nearly every frame: built as a string (same bytes as stringifying the object).
  const json =
    event.type === 'content' || event.type === 'reasoning'
      ? `{"type":"${event.type}","data":${JSON.stringify(event.data)},"streamId":"${streamId}"}`
      : JSON.stringify({ ...event, streamId });
  return { streamId, offset, event, wire: `id: ${eventId(streamId, offset)}\ndata: ${json}\n\n` };
}

/**
 * Serialises a session notice: a `data:` line and a blank line, no `id:` line, so the client's
 * Last-Event-ID (the resumption point of the generation it reads) is left as it was.
 */
export function toNoticeFrame(notice: SessionNotice): NoticeFrame {
  // Only the notice's own fields: what one instance sends is what another rebuilds.
  const event: SessionNotice = { type: notice.type, change: notice.change, messageId: notice.messageId };
  return { streamId: null, offset: null, event, wire: `data: ${JSON.stringify(event)}\n\n` };
}

/** Keeps proxies and browsers from timing an idle connection out; clients ignore comments. */
export const HEARTBEAT_FRAME = ': ping\n\n';

export interface ParsedEventId {
  streamId: string;
  offset: number;
}

/** Reads a `Last-Event-ID` header; anything malformed means "no resumption point". */
export function parseLastEventId(value: string | string[] | undefined): ParsedEventId | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return undefined;
  const match = /^([0-9a-f-]{36}):(\d{1,10})$/i.exec(raw.trim());
  if (!match) return undefined;
  return { streamId: match[1].toLowerCase(), offset: Number(match[2]) };
}
