import { SCRIPTS } from './scripts';
import type { RedisLink } from './link';

/** A generation this instance ended locally whose end Redis has not recorded yet. */
export interface PendingEnd {
  sessionId: number;
  streamId: string;
  token: string;
  len: number;
  wire: string;
}

/**
 * Ends Redis missed while it was away, written once it is back (on reconnection and at every
 * tick) so the lock is freed and tabs elsewhere learn the end.
 */
export class PendingEnds {
  private readonly ends: PendingEnd[] = [];

  constructor(private readonly link: RedisLink) {}

  get size(): number {
    return this.ends.length;
  }

  add(end: PendingEnd): void {
    this.ends.push(end);
  }

  /** Writes the ends Redis missed; the lock is released if it is still ours. */
  async flush(): Promise<void> {
    const { cmd, settings } = this.link;
    if (cmd.status !== 'ready') return;
    for (const end of this.ends.splice(0)) {
      const keys = this.link.keys(end.sessionId);
      try {
        const reply = await SCRIPTS.reap.run(
          cmd,
          [keys.lock, keys.gen, keys.text, keys.events, keys.reasoning],
          [
            end.streamId,
            String(end.len),
            keys.channel,
            end.wire,
            settings.endedRetentionMs,
            settings.streamMaxLen,
            end.token,
          ],
        );
        // Someone else's frames moved the length on (cannot happen while we hold the lock): just free it.
        if (reply.kind === 'wrong_length') await SCRIPTS.release.run(cmd, [keys.lock], [end.token]);
      } catch {
        this.link.failed('publish');
        this.ends.push(end);
        return;
      }
    }
  }
}
