import type { StreamFrame } from './stream-event';
import type { ConnectOptions } from './stream-hub';
import { toFrame } from './sse-framing';

/**
 * A generation's characters: its reasoning, then its content. Offsets count both together,
 * reasoning first, so an offset up to `reasoning.length` is inside the reasoning.
 */
export interface GenerationText {
  streamId: string;
  /** The content (the reply) so far. */
  text: string;
  /** The reasoning so far; absent when the model gave none. */
  reasoning?: string;
}

/** A generation still running: its text so far. */
export type LiveText = GenerationText;

/** A generation that just ended: its whole text and the terminal frame it ended with. */
export interface EndedText extends GenerationText {
  terminal: StreamFrame;
}

/** Where a generation's text ends: the offset of its last character. */
export function textOffset(g: GenerationText): number {
  return (g.reasoning?.length ?? 0) + g.text.length;
}

/**
 * What a connection that has the first `from` characters has not seen, as at most two frames:
 * the rest of the reasoning (its frame's id at the end of the reasoning), then the rest of the
 * content (at the end of the text).
 */
function restFrames(g: GenerationText, from: number): StreamFrame[] {
  const reasoning = g.reasoning ?? '';
  const frames: StreamFrame[] = [];
  if (from < reasoning.length) {
    frames.push(toFrame(g.streamId, reasoning.length, { type: 'reasoning', data: reasoning.slice(from) }));
  }
  const content = g.text.slice(Math.max(0, from - reasoning.length));
  if (content) frames.push(toFrame(g.streamId, textOffset(g), { type: 'content', data: content }));
  return frames;
}

/**
 * Catch-up frames for a connection arriving mid-generation (or just after one ended), the same in
 * every hub: the reasoning it has not seen as one `reasoning` frame and the text as one `content`
 * frame, then the end if there was one. A resumption point from another generation, or past the
 * text, replays all of it.
 */
export function catchUpFrames(
  live: LiveText | null,
  ended: EndedText | null,
  resumeFrom: ConnectOptions['resumeFrom'],
): StreamFrame[] {
  if (live) {
    const from =
      resumeFrom?.streamId === live.streamId && resumeFrom.offset <= textOffset(live) ? resumeFrom.offset : 0;
    return restFrames(live, from);
  }
  if (ended && resumeFrom?.streamId === ended.streamId && resumeFrom.offset <= textOffset(ended)) {
    return [...restFrames(ended, resumeFrom.offset), ended.terminal];
  }
  return [];
}
