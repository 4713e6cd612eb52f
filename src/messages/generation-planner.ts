import { Injectable, Logger } from '@nestjs/common';
import type { GenerationRequest } from '../provider/llm-provider';
import {
  buildContinuePrompt,
  buildPromptMessages,
  buildReplyPrompt,
  trimmableForReply,
} from '../prompt/build-prompt-messages';
import type { ChatMessage } from '../provider/llm-provider';
import { errorText } from '../errors/domain-error';
import { CountedTurn, FittedPrompt, fitPrompt } from './prompt-budget';
import { SettingsService } from '../settings/settings.service';
import { ChatSessionsService } from '../chat-sessions/chat-sessions.service';
import { MessagesService } from './messages.service';
import { RepliesRepository } from './replies.repository';
import { SendContext } from './send-context';
import type { GenerationPlan } from './generation-run';
import { continuationTarget, newMessageTarget, newVariantTarget } from './reply-target';
import { GenerationDomainError, GenerationRefusalCode } from './messages.errors';
import { mergeParameters } from '../provider/generation-parameters';

/** A generation ready to run: the provider request and what the run saves where. */
export interface PreparedGeneration {
  request: GenerationRequest;
  plan: GenerationPlan;
}

/**
 * Turns a send, a regenerate or a continue into a PreparedGeneration, under the session's lock
 * (the caller holds it): reads what the prompt needs, refuses what cannot run, and for a send
 * saves the user message. Nothing is saved when it refuses.
 */
@Injectable()
export class GenerationPlanner {
  private readonly logger = new Logger('GenerationPlanner');

  constructor(
    private readonly settings: SettingsService,
    private readonly chatSessions: ChatSessionsService,
    private readonly messages: MessagesService,
    private readonly replies: RepliesRepository,
  ) {}

  /**
   * One statement checks the session and the key, reads the history and, in the usual case,
   * saves the message (see createUserMessageIfSendable). When the model has a context length the
   * budget is checked first and the message saved after it, so a refusal leaves nothing saved.
   */
  async send(chatSessionId: number, content: string): Promise<PreparedGeneration> {
    const sendable = await this.messages.createUserMessageIfSendable(
      chatSessionId,
      content,
      this.settings.openedApiKeyTokens(),
    );
    if (!sendable) throw this.chatSessions.notFound(chatSessionId);
    const call = this.checked(chatSessionId, sendable.context);
    const { context, history } = sendable;
    const fitted = this.fit(context, call, history, history.length, 'the new message', (keepFrom) =>
      buildPromptMessages(context.session, history, content, { keepFrom }),
    );
    // Not saved yet: the model has a context length, or the key was stored since this instance last
    // opened one. The session's lock keeps the history as it was read.
    const message = sendable.message ?? (await this.messages.createUserMessage(chatSessionId, content));
    return {
      request: { ...call, parameters: fitted.parameters, messages: fitted.messages },
      plan: {
        target: newMessageTarget(this.replies, chatSessionId, 'send'),
        userMessage: this.messages.toDto(message),
        keepPartial: context.keepPartial,
        budget: { trimmedMessages: fitted.trimmedMessages, promptTokens: fitted.promptTokens },
      },
    };
  }

  /** A new variant of the last reply, or (the last message is the user's) a retry: a new reply. */
  async regenerate(chatSessionId: number): Promise<PreparedGeneration> {
    const { context, call } = await this.context(chatSessionId);
    const conversation = await this.replies.conversation(chatSessionId);
    const last = conversation.at(-1);
    if (!last) {
      throw new GenerationDomainError(
        GenerationRefusalCode.NothingToRegenerate,
        `Chat session ${chatSessionId} has no messages yet, so there is no reply to regenerate: send a message first`,
      );
    }
    const isReply = last.role === 'assistant';
    const history = isReply ? conversation.slice(0, -1) : conversation;
    const fitted = this.fit(context, call, history, trimmableForReply(history), 'the last user message', (keepFrom) =>
      buildReplyPrompt(context.session, history, { keepFrom }),
    );
    return {
      request: { ...call, parameters: fitted.parameters, messages: fitted.messages },
      plan: {
        target: isReply
          ? newVariantTarget(this.replies, last.id)
          : newMessageTarget(this.replies, chatSessionId, 'regenerate'),
        userMessage: null,
        keepPartial: context.keepPartial,
        budget: { trimmedMessages: fitted.trimmedMessages, promptTokens: fitted.promptTokens },
      },
    };
  }

  /** More of the last reply: the history with that reply as the final assistant turn (a prefill). */
  async continue(chatSessionId: number): Promise<PreparedGeneration> {
    const { context, call } = await this.context(chatSessionId);
    const conversation = await this.replies.conversation(chatSessionId);
    const last = conversation.at(-1);
    if (last?.role !== 'assistant') {
      throw new GenerationDomainError(
        GenerationRefusalCode.NothingToContinue,
        last
          ? `The last message of chat session ${chatSessionId} is the user's, so there is no reply to continue: ` +
              `regenerate to get one`
          : `Chat session ${chatSessionId} has no messages yet, so there is no reply to continue`,
      );
    }
    const message = await this.messages.findOne(last.id);
    const history = conversation.slice(0, -1);
    const fitted = this.fit(context, call, history, history.length, 'the reply being continued', (keepFrom) =>
      buildContinuePrompt(context.session, history, message.content, { keepFrom }),
    );
    return {
      request: { ...call, parameters: fitted.parameters, messages: fitted.messages },
      plan: {
        target: continuationTarget(this.replies, message),
        userMessage: null,
        keepPartial: context.keepPartial,
        budget: { trimmedMessages: fitted.trimmedMessages, promptTokens: fitted.promptTokens },
      },
    };
  }

  /** The prompt fitted to the model's context length (see prompt-budget.ts). */
  private fit(
    context: SendContext,
    call: ProviderCall,
    history: readonly CountedTurn[],
    trimmable: number,
    finalTurn: string,
    build: (keepFrom: number) => ChatMessage[],
  ): FittedPrompt {
    return fitPrompt({
      model: call.model,
      contextLength: context.contextLength,
      parameters: call.parameters ?? {},
      history,
      trimmable,
      build,
      finalTurn,
      counted: (counts) =>
        void this.replies
          .storeTokenCounts(counts)
          .catch((err: unknown) => this.logger.warn(`Token counts not stored: ${errorText(err)}`)),
    });
  }

  /** The refusals that come before the lock's: 404, then 409 (unreadable key), then 400s. */
  async check(chatSessionId: number): Promise<void> {
    await this.context(chatSessionId);
  }

  private async context(chatSessionId: number): Promise<{ context: SendContext; call: ProviderCall }> {
    const context = await this.messages.sendContext(chatSessionId);
    if (!context) throw this.chatSessions.notFound(chatSessionId);
    return { context, call: this.checked(chatSessionId, context) };
  }

  /** Who to call with what: 409 for a stored key that cannot be opened, 400 for no model or no key. */
  private checked(chatSessionId: number, context: SendContext): ProviderCall {
    const { model, provider } = context;
    const apiKey = this.settings.apiKeyFromToken(provider, context.apiKeyToken);
    if (!model) {
      throw new GenerationDomainError(
        GenerationRefusalCode.NoModel,
        `Chat session ${chatSessionId} has no AI model: PATCH it with an aiModelId`,
      );
    }
    if (!this.settings.isConfigured(provider)) {
      throw new GenerationDomainError(
        GenerationRefusalCode.UnknownProvider,
        `The AI model of chat session ${chatSessionId} uses provider "${provider}", which this server does not ` +
          'configure: PATCH the model with another provider, or add it to OPENAI_COMPATIBLE_ENDPOINTS',
      );
    }
    if (!apiKey && this.settings.apiKeyRequired(provider)) {
      throw new GenerationDomainError(GenerationRefusalCode.NoApiKey, this.settings.missingApiKeyMessage(provider));
    }
    return {
      provider,
      model,
      apiKey: apiKey ?? '',
      parameters: mergeParameters(context.modelParameters, context.sessionParameters),
    };
  }
}

/** The provider request's fields a generation's kind does not change. */
type ProviderCall = Omit<GenerationRequest, 'messages'>;
