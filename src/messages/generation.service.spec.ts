// Over ~300 lines: one file for the service's whole state machine (start, refusals, cancel, wait), sharing one setup.
import { Logger } from '@nestjs/common';
import type { Repository } from 'typeorm';
import type { AiModelsService } from '../ai-models/ai-models.service';
import type { GenerationsRepository } from '../analytics/generations.repository';
import type { CharactersService } from '../characters/characters.service';
import type { ChatSessionEntity } from '../chat-sessions/chat-session.entity';
import { ChatSessionsService } from '../chat-sessions/chat-sessions.service';
import { loadConfig } from '../config/app-config';
import { EncryptionService } from '../crypto/encryption.service';
import { Fernet, generateFernetKey } from '../crypto/fernet';
import { SettingsService } from '../settings/settings.service';
import { toErrorBody } from '../http/all-exceptions.filter';
import { ResourceDomainError, ResourceErrorCode } from '../resources/resource.errors';
import { SettingsErrorCode, StoredApiKeyUnreadableError } from '../settings/settings.errors';
import type { SettingsRepository } from '../settings/settings.repository';
import { InMemoryStreamHub } from '../streaming/in-memory-stream-hub';
import { StreamHubUnavailableError, StreamStatus } from '../streaming/stream-hub';
import type { SystemPromptsService } from '../system-prompts/system-prompts.service';
import type { UserProfilesService } from '../user-profiles/user-profiles.service';
import { GenerationService } from './generation.service';
import { GenerationDomainError, GenerationFailedError, GenerationRefusalCode } from './messages.errors';
import { GenerationPlanner } from './generation-planner';
import type { RepliesRepository } from './replies.repository';
import {
  FakeGenerationsRepository,
  FakeRepliesRepository,
  FakeMessagesRepository,
  FakeSettingsRepository,
  InMemoryStore,
  recordFrames,
  ScriptedProvider,
  until,
} from './generation-fakes';
import type { MessagesRepository } from './messages.repository';
import { MessagesService } from './messages.service';

const MODEL = 'openai/gpt-4o-mini';
const API_KEY = 'sk-or-v1-0123456789abcdef0123456789abcdef';
const FINISH = { type: 'finish', finishReason: 'stop' } as const;

/** A hub whose state cannot be reached, as the Redis hub when Redis is down. */
class UnreachableHub extends InMemoryStreamHub {
  override acquire(): Promise<boolean> {
    return Promise.reject(new StreamHubUnavailableError(new Error('ECONNREFUSED')));
  }
}

/** A hub with a bug: its error is not "unavailable" and must not be answered as one. */
class BuggyHub extends InMemoryStreamHub {
  override status(): Promise<StreamStatus> {
    return Promise.reject(new TypeError("Cannot read properties of undefined (reading 'lock')"));
  }
}

/** Every service set up by a test, shut down after it so no run (or its timers) outlives the test. */
const running: GenerationService[] = [];

function setup(options: { timeouts?: Record<string, string>; hub?: InMemoryStreamHub } = {}) {
  jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  const config = loadConfig({ STREAM_TIMEOUT_MS: '60000', NO_CLIENT_TIMEOUT_MS: '60000', ...options.timeouts });
  const store = new InMemoryStore();
  const hub = options.hub ?? new InMemoryStreamHub();
  const provider = new ScriptedProvider();
  const messagesRepo = new FakeMessagesRepository(store);
  const encryption = new EncryptionService([new Fernet(generateFernetKey())]);
  const settings = new SettingsService(
    new FakeSettingsRepository(store) as unknown as SettingsRepository,
    encryption,
    config,
    provider,
  );
  const sessionsRepo = {
    existsBy: ({ id }: { id: number }) => Promise.resolve(store.sessions.has(id)),
  } as unknown as Repository<ChatSessionEntity>;
  const chatSessions = new ChatSessionsService(
    sessionsRepo,
    {} as unknown as AiModelsService,
    {} as unknown as SystemPromptsService,
    {} as unknown as CharactersService,
    {} as unknown as UserProfilesService,
  );
  const replies = new FakeRepliesRepository(store) as unknown as RepliesRepository;
  const messages = new MessagesService(messagesRepo as unknown as MessagesRepository, chatSessions, replies);
  const planner = new GenerationPlanner(settings, chatSessions, messages, replies);
  const sut = new GenerationService(
    config,
    hub,
    provider,
    planner,
    chatSessions,
    messages,
    new FakeGenerationsRepository(store) as unknown as GenerationsRepository,
  );
  sut.onModuleInit();
  running.push(sut);
  return { sut, store, hub, provider, messagesRepo, encryption };
}

type Setup = ReturnType<typeof setup>;

/** A session with a model, and the key stored encrypted: everything a send needs. */
function sendable({ store, encryption }: Setup, id = 1): number {
  store.sessions.set(id, { model: MODEL });
  store.apiKeyToken = encryption.encryptApiKey(API_KEY);
  return id;
}

async function started(t: Setup, sessionId: number, content = 'Hello') {
  const result = await t.sut.start(sessionId, content);
  return { ...result, frames: recordFrames(result.connection.frames) };
}

const roles = (t: Setup, sessionId: number) => t.store.messagesOf(sessionId).map((m) => [m.role, m.content]);

describe(GenerationService.name, () => {
  afterEach(async () => {
    await Promise.all(running.splice(0).map((sut) => sut.beforeApplicationShutdown()));
    jest.restoreAllMocks();
  });

  describe('start', () => {
    it('start, content, done: saves the user message and the reply once, records analytics, frees the session', async () => {
      const t = setup();
      const id = sendable(t);
      const { streamId, userMessage, frames } = await started(t, id);
      t.provider.push({ type: 'text-delta', text: 'Hi!' }, FINISH);
      await frames.ended;

      const [user, assistant] = t.store.messagesOf(id);
      expect(roles(t, id)).toEqual([
        ['user', 'Hello'],
        ['assistant', 'Hi!'],
      ]);
      expect(userMessage).toEqual({
        id: user.id,
        chatSessionId: id,
        role: 'user',
        content: 'Hello',
        createdAt: user.createdAt.toISOString(),
        variantIndex: 0,
        variantCount: 1,
        partial: false,
        model: null,
        reasoning: null,
        usage: null,
      });
      expect(frames.events).toEqual([
        // "Hello": 1 token + 4 for the message + 3 for the reply's start.
        { type: 'start', streamId, kind: 'send', userMessage, messageId: null, trimmedMessages: 0, promptTokens: 8 },
        { type: 'content', data: 'Hi!' },
        { type: 'done', messageId: assistant.id, variantIndex: 0 },
      ]);
      expect(t.provider.requests).toEqual([
        {
          provider: 'openrouter',
          model: MODEL,
          apiKey: API_KEY,
          parameters: {},
          messages: [{ role: 'user', content: 'Hello' }],
        },
      ]);
      expect(t.store.generations).toEqual([
        expect.objectContaining({ streamId, chatSessionId: id, outcome: 'done', assistantMessageId: assistant.id }),
      ]);
      expect((await t.hub.status(id)).isStreaming).toBe(false);
    });

    it('saves in one repository call once the key is opened, and sends the history in order', async () => {
      const t = setup();
      const id = sendable(t);
      // The first send has no opened key to offer: it checks the context, then saves (two calls).
      const first = await started(t, id, 'One');
      t.provider.push({ type: 'text-delta', text: 'Two' }, FINISH);
      await first.frames.ended;
      // The reply itself is saved by the replies repository, in one more round trip.
      expect(t.messagesRepo.calls).toEqual(['insertUserMessageIfSendable', 'insert']);

      t.messagesRepo.calls.length = 0;
      const second = await started(t, id, 'Three');
      t.provider.push({ type: 'text-delta', text: 'Four' }, FINISH);
      await second.frames.ended;
      expect(t.messagesRepo.calls).toEqual(['insertUserMessageIfSendable']);
      expect(t.provider.requests[1].messages).toEqual([
        { role: 'user', content: 'One' },
        { role: 'assistant', content: 'Two' },
        { role: 'user', content: 'Three' },
      ]);
    });

    it('with a context length, saves only once the budget has passed: one more call, none when refused', async () => {
      const t = setup();
      const id = sendable(t);
      t.store.sessions.set(id, { model: MODEL, contextLength: 100 });
      const opening = await started(t, id, 'Open the key'); // opens the key: later sends offer it
      t.provider.push({ type: 'text-delta', text: 'Hi' }, FINISH);
      await opening.frames.ended;

      t.messagesRepo.calls.length = 0;
      await expect(t.sut.start(id, 'word '.repeat(200))).rejects.toMatchObject({
        code: GenerationRefusalCode.ContextOverflow,
      });
      expect(t.messagesRepo.calls).toEqual(['insertUserMessageIfSendable']);
      expect(roles(t, id)).toEqual([
        ['user', 'Open the key'],
        ['assistant', 'Hi'],
      ]);

      const fits = await started(t, id, 'Short');
      expect(t.messagesRepo.calls).toEqual(['insertUserMessageIfSendable', 'insertUserMessageIfSendable', 'insert']);
      expect(fits.userMessage).toMatchObject({ role: 'user', content: 'Short' });
      expect(t.provider.requests.at(-1)?.messages.at(-1)).toEqual({ role: 'user', content: 'Short' });
    });

    it('a provider error: error event, no reply saved, the session free to send again', async () => {
      const t = setup();
      const id = sendable(t);
      const { frames } = await started(t, id);
      t.provider.push({ type: 'error', code: 'upstream_auth', message: 'Key refused', isRetryable: false });
      await frames.ended;

      expect(frames.events.at(-1)).toEqual({ type: 'error', code: 'upstream_auth', error: 'Key refused' });
      expect(roles(t, id)).toEqual([['user', 'Hello']]);
      expect(t.store.generations.map((g) => [g.outcome, g.errorCode])).toEqual([['error', 'upstream_auth']]);
      expect((await t.hub.status(id)).isStreaming).toBe(false);
      await expect(t.sut.start(id, 'Again')).resolves.toMatchObject({ userMessage: { content: 'Again' } });
    });

    it('refuses a second send while one is running with a 409, saving nothing for it', async () => {
      const t = setup();
      const id = sendable(t);
      const { streamId } = await started(t, id);
      await expect(t.sut.start(id, 'Me too')).rejects.toThrow(
        new GenerationDomainError(
          GenerationRefusalCode.SessionBusy,
          `A reply is already being generated in chat session ${id}: wait for it, or POST /api/chat-sessions/${id}/cancel-message`,
        ),
      );
      expect(roles(t, id)).toEqual([['user', 'Hello']]);
      expect(await t.hub.status(id)).toMatchObject({ isStreaming: true, streamId });
    });
  });

  describe('refusals', () => {
    const NO_MODEL = new GenerationDomainError(
      GenerationRefusalCode.NoModel,
      'Chat session 1 has no AI model: PATCH it with an aiModelId',
    );
    const NO_KEY = new GenerationDomainError(
      GenerationRefusalCode.NoApiKey,
      'No OpenRouter API key is set: an admin must PUT /api/settings/providers/openrouter/api-key first',
    );
    const UNKNOWN = new ResourceDomainError(ResourceErrorCode.NotFound, 'Chat session 1 does not exist');

    /** Refused, with nothing saved, no provider call and the lock free again. */
    async function expectRefused(t: Setup, expected: Error, content = 'Hello'): Promise<void> {
      await expect(t.sut.start(1, content)).rejects.toThrow(expected);
      await expect(t.sut.start(1, content)).rejects.toBeInstanceOf(expected.constructor);
      expect(t.store.messages).toEqual([]);
      expect(t.provider.requests).toEqual([]);
      expect(await t.hub.status(1)).toMatchObject({ isStreaming: false, connections: 0 });
    }

    it('empty content is a 400 before anything else, even for an unknown session', async () => {
      const t = setup();
      await expectRefused(
        t,
        new GenerationDomainError(GenerationRefusalCode.EmptyContent, 'content must not be empty'),
        ' \n ',
      );
      expect(t.messagesRepo.calls).toEqual([]);
    });

    it('an unknown session is a 404', async () => {
      await expectRefused(setup(), UNKNOWN);
    });

    it('an unreadable stored key is a 409, ahead of a missing model', async () => {
      const t = setup();
      t.store.sessions.set(1, { model: null });
      t.store.apiKeyToken = new EncryptionService([new Fernet(generateFernetKey())]).encryptApiKey(API_KEY);
      await expectRefused(t, new StoredApiKeyUnreadableError());
      await expect(t.sut.start(1, 'x')).rejects.toMatchObject({ code: SettingsErrorCode.KeyUnreadable });
    });

    it('a session without a model is a 400, ahead of a missing key', async () => {
      const t = setup();
      t.store.sessions.set(1, { model: null });
      await expectRefused(t, NO_MODEL);
    });

    it('no stored key is a 400', async () => {
      const t = setup();
      t.store.sessions.set(1, { model: MODEL });
      await expectRefused(t, NO_KEY);
    });

    it('while the lock is taken, the checks still come first: 404 and 400 win over the 409', async () => {
      const t = setup();
      const id = sendable(t);
      await started(t, id);
      t.store.sessions.set(1, { model: null });
      await expect(t.sut.start(1, 'x')).rejects.toThrow(NO_MODEL);
      t.store.sessions.delete(1);
      await expect(t.sut.start(1, 'x')).rejects.toThrow(UNKNOWN);
    });

    it('a hub that cannot answer is a 503 after the checks, and a 404 still wins', async () => {
      const t = setup({ hub: new UnreachableHub() });
      await expect(t.sut.start(1, 'x')).rejects.toThrow(UNKNOWN);
      sendable(t);
      const refused = await t.sut.start(1, 'x').catch((err: unknown) => err);
      expect(refused).toBeInstanceOf(StreamHubUnavailableError);
      expect(toErrorBody(refused)).toMatchObject({ statusCode: 503 });
      expect(t.store.messages).toEqual([]);
    });

    it('a bug in the hub (a TypeError) is not answered as "unavailable": it stays a 500', async () => {
      const t = setup({ hub: new BuggyHub() });
      const id = sendable(t);
      const refused = await t.sut.status(id).catch((err: unknown) => err);
      expect(refused).toBeInstanceOf(TypeError);
      expect(toErrorBody(refused)).toEqual({
        statusCode: 500,
        message: 'Internal server error',
        error: 'Internal Server Error',
      });
    });
  });

  describe('cancel', () => {
    it('user: ends cancelled with the partial length, no reply saved, the session free again', async () => {
      const t = setup();
      const id = sendable(t);
      const { streamId, frames } = await started(t, id);
      t.provider.push({ type: 'text-delta', text: 'Once upon' });
      await until(() => frames.events.length === 2);

      await expect(t.sut.cancel(id)).resolves.toEqual({ cancelled: true, streamId, partialLength: 9 });
      await frames.ended;
      expect(frames.events.at(-1)).toEqual({ type: 'cancelled', reason: 'user_cancelled' });
      expect(roles(t, id)).toEqual([['user', 'Hello']]);
      expect(t.store.generations.map((g) => [g.outcome, g.cancelReason])).toEqual([['cancelled', 'user_cancelled']]);
      await until(() => t.provider.open === 0);
      expect((await t.hub.status(id)).isStreaming).toBe(false);
    });

    it('nothing running is a 409; an unknown session a 404', async () => {
      const t = setup();
      const id = sendable(t);
      await expect(t.sut.cancel(id)).rejects.toThrow(
        new GenerationDomainError(
          GenerationRefusalCode.NothingToCancel,
          `No reply is being generated in chat session ${id}, so there is nothing to cancel`,
        ),
      );
      await expect(t.sut.cancel(99)).rejects.toThrow(
        new ResourceDomainError(ResourceErrorCode.NotFound, 'Chat session 99 does not exist'),
      );
    });

    it('timeout: a reply running past STREAM_TIMEOUT_MS is cancelled, nothing saved', async () => {
      const t = setup({ timeouts: { STREAM_TIMEOUT_MS: '5' } });
      const id = sendable(t);
      const { frames } = await started(t, id);
      await frames.ended;
      expect(frames.events.at(-1)).toEqual({ type: 'cancelled', reason: 'timeout' });
      expect(roles(t, id)).toEqual([['user', 'Hello']]);
      expect((await t.hub.status(id)).isStreaming).toBe(false);
    });

    it('no_clients: the sender gone for NO_CLIENT_TIMEOUT_MS cancels the reply, nothing saved', async () => {
      const t = setup({ timeouts: { NO_CLIENT_TIMEOUT_MS: '5' } });
      const id = sendable(t);
      const { connection } = await t.sut.start(id, 'Hello');
      connection.close();
      await until(() => t.store.generations.length === 1);
      expect(t.store.generations[0]).toMatchObject({ outcome: 'cancelled', cancelReason: 'no_clients' });
      expect(roles(t, id)).toEqual([['user', 'Hello']]);
      expect((await t.hub.status(id)).isStreaming).toBe(false);
    });

    it('shutdown: every live reply ends cancelled with server_shutdown before the hook returns', async () => {
      const t = setup();
      const a = sendable(t, 1);
      const b = sendable(t, 2);
      const first = await started(t, a);
      const second = await started(t, b);
      await t.sut.beforeApplicationShutdown();
      await Promise.all([first.frames.ended, second.frames.ended]);
      for (const { frames } of [first, second]) {
        expect(frames.events.at(-1)).toEqual({ type: 'cancelled', reason: 'server_shutdown' });
      }
      expect(t.store.messages.map((m) => m.role)).toEqual(['user', 'user']);
      expect(t.store.generations.map((g) => g.cancelReason)).toEqual(['server_shutdown', 'server_shutdown']);
      await until(() => t.provider.open === 0);
    });
  });

  describe('sendAndWait', () => {
    it('answers with both messages once the reply is saved', async () => {
      const t = setup();
      const id = sendable(t);
      t.provider.push({ type: 'text-delta', text: 'Sure.' }, FINISH);
      const { userMessage, assistantMessage } = await t.sut.sendAndWait(id, 'Ready?');
      expect([userMessage?.content, assistantMessage.content]).toEqual(['Ready?', 'Sure.']);
      expect(assistantMessage).toMatchObject({ role: 'assistant', chatSessionId: id, id: t.store.messages[1].id });
    });

    it("answers a provider error with its code's HTTP status, saving no reply", async () => {
      const t = setup();
      const id = sendable(t);
      t.provider.push({ type: 'error', code: 'insufficient_credits', message: 'Top up', isRetryable: false });
      const refused = t.sut.sendAndWait(id, 'Hello');
      await expect(refused).rejects.toBeInstanceOf(GenerationFailedError);
      await expect(refused).rejects.toMatchObject({ code: 'insufficient_credits', message: 'Top up' });
      expect(toErrorBody(await refused.catch((err: unknown) => err))).toEqual({
        statusCode: 402,
        message: 'Top up',
        error: 'Payment Required',
      });
      expect(roles(t, id)).toEqual([['user', 'Hello']]);
    });
  });
});
