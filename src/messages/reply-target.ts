import type { GenerationKind, SavedReplyRef } from '../streaming/stream-event';
import type { MessageEntity, MessageUsage } from './message.entity';
import type { RepliesRepository, ReplyMeta } from './replies.repository';

export type { ReplyMeta } from './replies.repository';

/** Where a generation's text goes when it is saved: a new message, a new variant, or the end of one. */
export interface ReplyTarget {
  readonly kind: GenerationKind;
  /** The message regenerated or continued (the `start` event's messageId); null for a send or a retry. */
  readonly messageId: number | null;
  /** Saves the text once; rejects when the session or the message was deleted meanwhile. */
  save(text: string, meta: ReplyMeta): Promise<SavedReplyRef>;
}

/** Thrown by a save whose session or message is gone: the run ends with an `internal` error. */
export class ReplyTargetGoneError extends Error {}

function saved(ref: SavedReplyRef | undefined, what: string): SavedReplyRef {
  if (!ref) throw new ReplyTargetGoneError(`${what} was deleted before the reply could be saved`);
  return ref;
}

/** A send, or a retry (a regenerate when the last message is the user's): a new assistant message. */
export function newMessageTarget(
  replies: RepliesRepository,
  chatSessionId: number,
  kind: 'send' | 'regenerate',
): ReplyTarget {
  return {
    kind,
    messageId: null,
    save: async (text, meta) =>
      saved(await replies.insertReply(chatSessionId, text, meta), `Chat session ${chatSessionId}`),
  };
}

/** A regenerate of the last assistant message: a new variant, active once saved. */
export function newVariantTarget(replies: RepliesRepository, messageId: number): ReplyTarget {
  return {
    kind: 'regenerate',
    messageId,
    save: async (text, meta) => saved(await replies.addVariant(messageId, text, meta), `Message ${messageId}`),
  };
}

/** A continue: the text is appended to the message's active variant, with reasoning and usage combined. */
export function continuationTarget(replies: RepliesRepository, message: MessageEntity): ReplyTarget {
  return {
    kind: 'continue',
    messageId: message.id,
    save: async (text, meta) =>
      saved(
        await replies.appendToActive(message.id, text, message.content + text, continuedMeta(message, meta)),
        `Message ${message.id}`,
      ),
  };
}

/**
 * What a continued variant keeps: the continuation's `partial` (a completed continue completes
 * the reply), both reasonings in order, and the usage of both calls added up (the prompt tokens
 * are the later call's, which read the whole reply so far).
 */
export function continuedMeta(
  existing: Pick<MessageEntity, 'reasoning' | 'usage'>,
  continuation: ReplyMeta,
): ReplyMeta {
  const reasoning = [existing.reasoning, continuation.reasoning].filter((r): r is string => !!r).join('\n\n');
  return {
    ...continuation,
    reasoning: reasoning === '' ? null : reasoning,
    usage: addUsage(existing.usage, continuation.usage),
  };
}

export function addUsage(a: MessageUsage | null, b: MessageUsage | null): MessageUsage | null {
  if (!a || !b) return a ?? b;
  const sum = (x?: number, y?: number) => (x === undefined && y === undefined ? undefined : (x ?? 0) + (y ?? 0));
  const usage: MessageUsage = {};
  const promptTokens = b.promptTokens ?? a.promptTokens;
  const completionTokens = sum(a.completionTokens, b.completionTokens);
  const cost = sum(a.cost, b.cost);
  if (promptTokens !== undefined) usage.promptTokens = promptTokens;
  if (completionTokens !== undefined) usage.completionTokens = completionTokens;
  if (cost !== undefined) usage.cost = cost;
  return usage;
}

/** The figures a provider reported, or null when it reported none. */
export function reportedUsage(usage: MessageUsage): MessageUsage | null {
  const reported: MessageUsage = {};
  if (usage.promptTokens !== undefined) reported.promptTokens = usage.promptTokens;
  if (usage.completionTokens !== undefined) reported.completionTokens = usage.completionTokens;
  if (usage.cost !== undefined) reported.cost = usage.cost;
  return Object.keys(reported).length > 0 ? reported : null;
}
