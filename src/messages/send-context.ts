import type { PromptSession, PromptSessionCharacter } from '../prompt/build-prompt-messages';
import type { GenerationParameters } from '../provider/generation-parameters';

/** What a send checks before it may save the user message, and what its prompt is built from. */
export interface SendContext {
  session: PromptSession;
  /** `chatSession.aiModel.label`, the provider's model id. */
  model: string | null;
  /** The model's provider id (`openrouter` for models made before providers existed). */
  provider: string;
  /** The model's parameters and the session's, which override them key by key. */
  modelParameters: GenerationParameters | null;
  sessionParameters: GenerationParameters | null;
  /** The model's context length in tokens, when known. */
  contextLength: number | null;
  /** The stored key of the model's provider as its Fernet token (SettingsService decrypts it), or null for none. */
  apiKeyToken: string | null;
  /** The session's keepPartialOnCancel. */
  keepPartial: boolean;
}

/** The send context as MessagesRepository reads it in one row. */
// A type, not an interface: pg's QueryResultRow needs the implicit index signature.
export type SendContextRow = {
  model: string | null;
  pre_system_prompt: string | null;
  post_system_prompt: string | null;
  system_prompt: string | null;
  /** The character's prompt fields as one JSON object (json_build_object), or null. */
  character: PromptSessionCharacter | null;
  user_profile: string | null;
  user_name: string | null;
  api_key_token: string | null;
  keep_partial_on_cancel: boolean;
  provider: string | null;
  model_parameters: GenerationParameters | null;
  session_parameters: GenerationParameters | null;
  context_length: number | null;
};

export function toSendContext(row: SendContextRow): SendContext {
  return {
    session: {
      preSystemPrompt: row.pre_system_prompt,
      postSystemPrompt: row.post_system_prompt,
      systemPrompt: row.system_prompt === null ? null : { content: row.system_prompt },
      character: row.character,
      userProfile:
        row.user_profile === null ? null : { description: row.user_profile, name: row.user_name ?? undefined },
    },
    model: row.model,
    // A session always has a model (NOT NULL), so provider is null only if the row came back without one.
    provider: row.provider ?? 'openrouter',
    modelParameters: row.model_parameters,
    sessionParameters: row.session_parameters,
    contextLength: row.context_length,
    apiKeyToken: row.api_key_token,
    keepPartial: row.keep_partial_on_cancel,
  };
}
