/**
 * In-memory stand-ins for the generation unit specs (generation.service.spec.ts,
 * generation-run.spec.ts): the repositories over one shared store, and a provider the test
 * drives part by part. Not used by the application.
 */
import type { Observable } from 'rxjs';
import type { GenerationRecord, GenerationsRepository } from '../analytics/generations.repository';
import type { GenerationRequest, KeyCheckResult, LLMProvider, ProviderEvent } from '../provider/llm-provider';
import type { SettingsRepository } from '../settings/settings.repository';
import type { ConnectionFrame, SessionNotice, StreamEvent } from '../streaming/stream-event';
import { MessageEntity, MessageRole } from './message.entity';
import type { MessagesRepository, SendableResult } from './messages.repository';
import type { SendContext } from './send-context';
import type { ConversationTurn, RepliesRepository, ReplyMeta } from './replies.repository';
import type { SavedReplyRef } from '../streaming/stream-event';

interface StoredSession {
  model: string | null;
  keepPartial?: boolean;
  contextLength?: number | null;
}

/** What the database would hold: sessions, messages, the key's token, analytics rows. */
export class InMemoryStore {
  readonly sessions = new Map<number, StoredSession>();
  readonly messages: MessageEntity[] = [];
  readonly generations: GenerationRecord[] = [];
  apiKeyToken: string | null = null;
  private nextMessageId = 1;

  addMessage(chatSessionId: number, role: MessageRole, content: string): MessageEntity {
    const message = Object.assign(new MessageEntity(), {
      id: this.nextMessageId++,
      chatSessionId,
      role,
      content,
      createdAt: new Date(),
    });
    this.messages.push(message);
    return message;
  }

  messagesOf(chatSessionId: number): MessageEntity[] {
    return this.messages.filter((m) => m.chatSessionId === chatSessionId);
  }
}

type MessagesRepositoryUsed = Pick<
  MessagesRepository,
  'findById' | 'insert' | 'sendContext' | 'insertUserMessageIfSendable'
>;

/** MessagesRepository's send path with its SQL's semantics; counts calls, each a round trip. */
export class FakeMessagesRepository implements MessagesRepositoryUsed {
  /** Method names in call order. */
  readonly calls: string[] = [];

  constructor(private readonly store: InMemoryStore) {}

  findById(id: number): Promise<MessageEntity | null> {
    this.calls.push('findById');
    return Promise.resolve(this.store.messages.find((m) => m.id === id) ?? null);
  }

  insert(chatSessionId: number, role: MessageRole, content: string): Promise<MessageEntity | undefined> {
    this.calls.push('insert');
    const exists = this.store.sessions.has(chatSessionId);
    return Promise.resolve(exists ? this.store.addMessage(chatSessionId, role, content) : undefined);
  }

  sendContext(chatSessionId: number): Promise<SendContext | undefined> {
    this.calls.push('sendContext');
    return Promise.resolve(this.context(chatSessionId));
  }

  insertUserMessageIfSendable(
    chatSessionId: number,
    content: string,
    openedTokens: string[],
  ): Promise<SendableResult | undefined> {
    this.calls.push('insertUserMessageIfSendable');
    const context = this.context(chatSessionId);
    if (!context) return Promise.resolve(undefined);
    const saves =
      !!context.model &&
      context.contextLength === null &&
      context.apiKeyToken !== null &&
      openedTokens.includes(context.apiKeyToken);
    // As the statement does: the history is read in the same snapshot, so without the new message.
    const history = context.model
      ? this.store
          .messagesOf(chatSessionId)
          .map(({ id, role, content: text, tokenCount }) => ({ id, role, content: text, tokenCount }))
      : [];
    const message = saves ? this.store.addMessage(chatSessionId, 'user', content) : null;
    return Promise.resolve({ context, history, message });
  }

  private context(chatSessionId: number): SendContext | undefined {
    const session = this.store.sessions.get(chatSessionId);
    if (!session) return undefined;
    return {
      session: {},
      model: session.model,
      provider: 'openrouter',
      modelParameters: null,
      sessionParameters: null,
      contextLength: session.contextLength ?? null,
      apiKeyToken: this.store.apiKeyToken,
      keepPartial: !!session.keepPartial,
    };
  }
}

type RepliesRepositoryUsed = Pick<
  RepliesRepository,
  'insertReply' | 'addVariant' | 'appendToActive' | 'conversation' | 'storeTokenCounts'
>;

/** RepliesRepository's writes on the store (variants kept only as the count on the message). */
export class FakeRepliesRepository implements RepliesRepositoryUsed {
  constructor(private readonly store: InMemoryStore) {}

  insertReply(chatSessionId: number, text: string, meta: ReplyMeta): Promise<SavedReplyRef | undefined> {
    if (!this.store.sessions.has(chatSessionId)) return Promise.resolve(undefined);
    const message = Object.assign(this.store.addMessage(chatSessionId, 'assistant', text), meta);
    return Promise.resolve({ messageId: message.id, variantIndex: 0 });
  }

  addVariant(messageId: number, text: string, meta: ReplyMeta): Promise<SavedReplyRef | undefined> {
    const message = this.store.messages.find((m) => m.id === messageId);
    if (!message) return Promise.resolve(undefined);
    Object.assign(message, meta, { content: text, activeVariant: message.variantCount });
    message.variantCount++;
    return Promise.resolve({ messageId, variantIndex: message.activeVariant });
  }

  appendToActive(
    messageId: number,
    text: string,
    _wholeText: string,
    meta: ReplyMeta,
  ): Promise<SavedReplyRef | undefined> {
    const message = this.store.messages.find((m) => m.id === messageId);
    if (!message) return Promise.resolve(undefined);
    Object.assign(message, meta, { content: message.content + text });
    return Promise.resolve({ messageId, variantIndex: message.activeVariant });
  }

  storeTokenCounts(counts: Array<{ id: number; tokenCount: number }>): Promise<void> {
    for (const { id, tokenCount } of counts) {
      const message = this.store.messages.find((m) => m.id === id);
      if (message) message.tokenCount = tokenCount;
    }
    return Promise.resolve();
  }

  conversation(chatSessionId: number): Promise<ConversationTurn[]> {
    return Promise.resolve(
      this.store
        .messagesOf(chatSessionId)
        .map(({ id, role, content, tokenCount }) => ({ id, role, content, tokenCount })),
    );
  }
}

export class FakeSettingsRepository implements Pick<
  SettingsRepository,
  'findApiKeyToken' | 'saveApiKeyToken' | 'deleteApiKeyToken' | 'replaceApiKeyToken'
> {
  constructor(private readonly store: InMemoryStore) {}

  findApiKeyToken(): Promise<string | null> {
    return Promise.resolve(this.store.apiKeyToken);
  }

  saveApiKeyToken(token: string): Promise<void> {
    this.store.apiKeyToken = token;
    return Promise.resolve();
  }

  deleteApiKeyToken(): Promise<boolean> {
    const had = this.store.apiKeyToken !== null;
    this.store.apiKeyToken = null;
    return Promise.resolve(had);
  }

  replaceApiKeyToken(expected: string, token: string): Promise<boolean> {
    if (this.store.apiKeyToken !== expected) return Promise.resolve(false);
    this.store.apiKeyToken = token;
    return Promise.resolve(true);
  }
}

export class FakeGenerationsRepository implements Pick<GenerationsRepository, 'record'> {
  constructor(private readonly store: InMemoryStore) {}

  record(row: GenerationRecord): Promise<void> {
    this.store.generations.push(row);
    return Promise.resolve();
  }
}

/**
 * A provider the test drives: each stream yields the parts pushed to it, waits when there are
 * none, and ends after `finish` or `error`, or silently once its signal aborts (as OpenRouter's does).
 */
export class ScriptedProvider implements LLMProvider {
  readonly requests: GenerationRequest[] = [];
  /** Streams started and not yet ended: 0 once every provider call has stopped. */
  open = 0;
  private readonly parts: ProviderEvent[] = [];
  private readonly waiting = new Set<() => void>();

  push(...parts: ProviderEvent[]): void {
    this.parts.push(...parts);
    for (const wake of this.waiting) wake();
  }

  async *stream(request: GenerationRequest, signal: AbortSignal): AsyncIterable<ProviderEvent> {
    this.requests.push(request);
    this.open++;
    let wake = (): void => undefined;
    const onWake = () => wake();
    this.waiting.add(onWake);
    signal.addEventListener('abort', onWake);
    try {
      for (;;) {
        if (signal.aborted) return;
        const part = this.parts.shift();
        if (part === undefined) {
          await new Promise<void>((resolve) => (wake = resolve));
          continue;
        }
        yield part;
        if (part.type === 'finish' || part.type === 'error') return;
      }
    } finally {
      this.waiting.delete(onWake);
      signal.removeEventListener('abort', onWake);
      this.open--;
    }
  }

  verifyApiKey(): Promise<KeyCheckResult> {
    return Promise.resolve({ valid: true });
  }
}

/** The events a connection received, and a promise that settles when it completes. */
export function recordFrames(frames: Observable<ConnectionFrame>): {
  events: Array<StreamEvent | SessionNotice>;
  ended: Promise<void>;
} {
  const events: Array<StreamEvent | SessionNotice> = [];
  const ended = new Promise<void>((resolve, reject) => {
    frames.subscribe({ next: (frame) => events.push(frame.event), complete: resolve, error: reject });
  });
  return { events, ended };
}

/** Lets timers, promises and I/O run until `condition` holds; fails after two seconds. */
export async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition never held');
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
