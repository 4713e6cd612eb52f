import type { StreamFrame } from './stream-event';
import type { ConnectOptions } from './stream-hub';
import { toFrame } from './sse-framing';

/** A generation still running: its text so far. */
export interface LiveText {
  streamId: string;
  text: string;
}

/** A generation that just ended: its whole text and the terminal frame it ended with. */
export interface EndedText {
  streamId: string;
  text: string;
  terminal: StreamFrame;
}

/**
 * Catch-up frames for a connection arriving mid-generation (or just after one ended), the same in
 * every hub: the text it has not seen as one `content` frame, then the end if there was one. A
 * resumption point from another generation, or past the text, replays all of it.
 */
export function catchUpFrames(
  live: LiveText | null,
  ended: EndedText | null,
  resumeFrom: ConnectOptions['resumeFrom'],
): StreamFrame[] {
  if (live) {
    const from =
      resumeFrom?.streamId === live.streamId && resumeFrom.offset <= live.text.length ? resumeFrom.offset : 0;
    const rest = live.text.slice(from);
    return rest ? [toFrame(live.streamId, live.text.length, { type: 'content', data: rest })] : [];
  }
  if (ended && resumeFrom?.streamId === ended.streamId && resumeFrom.offset <= ended.text.length) {
    const rest = ended.text.slice(resumeFrom.offset);
    const content = rest ? [toFrame(ended.streamId, ended.text.length, { type: 'content', data: rest })] : [];
    return [...content, ended.terminal];
  }
  return [];
}
