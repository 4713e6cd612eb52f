import { PreparedStatement, StatementRunner } from '../database/prepared-statement';
import type { PromptSession } from '../prompt/build-prompt-messages';
import { STORED_API_KEY_TOKEN_SQL } from '../settings/settings.service';

/** What a send checks before it may save the user message, and what its prompt is built from. */
export interface SendContext {
  session: PromptSession;
  /** `chatSession.aiModel.label`, the provider's model id. */
  model: string | null;
  /** The stored OpenRouter key as its Fernet token (SettingsService decrypts it), or null for none. */
  apiKeyToken: string | null;
}

// A type, not an interface: pg's QueryResultRow needs the implicit index signature.
export type SendContextRow = {
  model: string | null;
  pre_system_prompt: string | null;
  post_system_prompt: string | null;
  system_prompt: string | null;
  character: string | null;
  user_profile: string | null;
  api_key_token: string | null;
};

/**
 * The session ($1), the parts of its relations the prompt uses, and the stored key's token, in
 * one row (none when there is no such session). Written by hand: TypeORM's relation loading costs
 * more main-thread time than the query itself.
 */
export const SEND_CONTEXT_SQL = `
  SELECT m.label AS model, s.pre_system_prompt, s.post_system_prompt,
         sp.content AS system_prompt, c.description AS character, up.description AS user_profile,
         ${STORED_API_KEY_TOKEN_SQL} AS api_key_token
  FROM chat_sessions s
  LEFT JOIN ai_models m ON m.id = s.ai_model_id
  LEFT JOIN system_prompts sp ON sp.id = s.system_prompt_id
  LEFT JOIN characters c ON c.id = s.character_id
  LEFT JOIN user_profiles up ON up.id = s.user_profile_id
  WHERE s.id = $1`;

const SEND_CONTEXT = new PreparedStatement<SendContextRow>('hearth_send_context', SEND_CONTEXT_SQL);

export function toSendContext(row: SendContextRow): SendContext {
  return {
    session: {
      preSystemPrompt: row.pre_system_prompt,
      postSystemPrompt: row.post_system_prompt,
      systemPrompt: row.system_prompt === null ? null : { content: row.system_prompt },
      character: row.character === null ? null : { description: row.character },
      userProfile: row.user_profile === null ? null : { description: row.user_profile },
    },
    model: row.model,
    apiKeyToken: row.api_key_token,
  };
}

/** The send context of a chat session, or undefined when there is no such session. */
export async function readSendContext(sql: StatementRunner, chatSessionId: number): Promise<SendContext | undefined> {
  const [row] = await sql.run(SEND_CONTEXT, [chatSessionId]);
  return row && toSendContext(row);
}
