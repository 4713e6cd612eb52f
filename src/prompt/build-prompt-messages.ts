import type { ChatMessage } from '../provider/llm-provider';

/**
 * The parts of a chat session the prompt is built from. Structural, so a ChatSessionEntity loaded
 * with its `systemPrompt`, `character` and `userProfile` relations fits as it is.
 */
export interface PromptSession {
  preSystemPrompt?: string | null;
  postSystemPrompt?: string | null;
  systemPrompt?: { content: string } | null;
  character?: { description: string } | null;
  userProfile?: { description: string } | null;
}

/** Joins the parts of the leading system message (contract: "Prompt sent upstream"). */
export const SYSTEM_PART_SEPARATOR = '\n---\n';

/**
 * A part counts as empty when it is missing or only whitespace: a blank description would
 * otherwise put a bare separator in front of the model. Non-empty parts are sent untrimmed.
 */
function isPresent(text: string | null | undefined): text is string {
  return typeof text === 'string' && text.trim() !== '';
}

/**
 * Builds the `messages` sent upstream for a new user message:
 * 1. `system`: the non-empty parts of preSystemPrompt, systemPrompt.content, character.description
 *    and userProfile.description joined by "\n---\n" (left out when every part is empty);
 * 2. `history` as given (the caller passes it oldest first), each with its role;
 * 3. `system`: postSystemPrompt, if non-empty;
 * 4. `user`: newContent.
 */
export function buildPromptMessages(session: PromptSession, history: ChatMessage[], newContent: string): ChatMessage[] {
  const systemParts = [
    session.preSystemPrompt,
    session.systemPrompt?.content,
    session.character?.description,
    session.userProfile?.description,
  ].filter(isPresent);

  const messages: ChatMessage[] = [];
  if (systemParts.length > 0) messages.push({ role: 'system', content: systemParts.join(SYSTEM_PART_SEPARATOR) });
  for (const m of history) messages.push({ role: m.role, content: m.content });
  if (isPresent(session.postSystemPrompt)) messages.push({ role: 'system', content: session.postSystemPrompt });
  messages.push({ role: 'user', content: newContent });
  return messages;
}
