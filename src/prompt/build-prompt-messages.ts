import type { ChatMessage } from '../provider/llm-provider';
import { characterPart, exampleDialoguePart, PromptCharacter } from './character-part';
import { activeLorebookEntries, lorebookPart, PromptLorebook } from './lorebook';
import { applyMacros, replaceOriginal } from './macros';

/** A character as the prompt reads it: its lines, its card's own prompts and its lorebook. */
export interface PromptSessionCharacter extends PromptCharacter {
  name?: string;
  /** The card's system prompt: replaces the session's, `{{original}}` standing for it. */
  systemPrompt?: string | null;
  /** The card's post-history instructions: replace the session's postSystemPrompt likewise. */
  postHistoryInstructions?: string | null;
  lorebook?: PromptLorebook | null;
}

/**
 * The parts of a chat session the prompt is built from. Structural, so a ChatSessionEntity loaded
 * with its `systemPrompt`, `character` and `userProfile` relations fits as it is.
 */
export interface PromptSession {
  preSystemPrompt?: string | null;
  postSystemPrompt?: string | null;
  systemPrompt?: { content: string } | null;
  character?: PromptSessionCharacter | null;
  userProfile?: { description: string; name?: string } | null;
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
export function buildPromptMessages(
  session: PromptSession,
  history: ChatMessage[],
  newContent: string,
  options: PromptOptions = {},
): ChatMessage[] {
  return buildPrompt(session, history, { role: 'user', content: newContent }, options);
}

/** How much of the history goes into the prompt; the lorebook still scans all of it. */
export interface PromptOptions {
  /** Index of the first history message sent (the context budget left out those before). Default 0. */
  keepFrom?: number;
}

/**
 * The prompt of a regenerate (or a retry): a reply to the conversation as it stands in
 * `history`. Its last message, when it is the user's, is the turn replied to and goes after the
 * post-system part, as a send's new message does; otherwise the post-system part comes last.
 */
export function buildReplyPrompt(
  session: PromptSession,
  history: ChatMessage[],
  options: PromptOptions = {},
): ChatMessage[] {
  const last = history.at(-1);
  if (last?.role === 'user') return buildPrompt(session, history.slice(0, -1), last, options);
  return buildPrompt(session, history, null, options);
}

/** How many of a reply prompt's history messages the context budget may leave out: all but a last user turn. */
export function trimmableForReply(history: readonly ChatMessage[]): number {
  return history.at(-1)?.role === 'user' ? history.length - 1 : history.length;
}

/**
 * The prompt of a continue: `history` (the messages before the one continued), the post-system
 * part, then the continued text as the final `assistant` turn, which providers treat as a prefill.
 */
export function buildContinuePrompt(
  session: PromptSession,
  history: ChatMessage[],
  continued: string,
  options: PromptOptions = {},
): ChatMessage[] {
  return buildPrompt(session, history, { role: 'assistant', content: continued }, options);
}

/**
 * System part, history, post-system part, then `final` (the turn the reply follows), if any.
 * With a character: its card's system prompt in place of the session's, the lorebook entries
 * whose keys occur in `final` or the last scanDepth history messages around the character part,
 * its example dialogue after the user profile's part, its post-history instructions in place of
 * the post-system part, and `{{char}}`/`{{user}}` replaced in all of these.
 */
function buildPrompt(
  session: PromptSession,
  history: ChatMessage[],
  final: ChatMessage | null,
  { keepFrom = 0 }: PromptOptions,
): ChatMessage[] {
  const { character } = session;
  const macros = character
    ? (text: string) => applyMacros(text, { char: character.name ?? '', user: session.userProfile?.name })
    : (text: string) => text;
  const lore = character?.lorebook
    ? activeLorebookEntries(
        character.lorebook,
        history.map((m) => m.content),
        final?.content ?? null,
      )
    : { beforeChar: [], afterChar: [] };
  const systemParts = [
    session.preSystemPrompt,
    replaceOriginal(character?.systemPrompt, session.systemPrompt?.content),
    lorebookPart(lore.beforeChar),
    character && characterPart(character),
    lorebookPart(lore.afterChar),
    session.userProfile?.description,
    character && exampleDialoguePart(character),
  ].filter(isPresent);
  const post = replaceOriginal(character?.postHistoryInstructions, session.postSystemPrompt);

  const messages: ChatMessage[] = [];
  if (systemParts.length > 0) {
    messages.push({ role: 'system', content: macros(systemParts.join(SYSTEM_PART_SEPARATOR)) });
  }
  for (let i = keepFrom; i < history.length; i++) messages.push({ role: history[i].role, content: history[i].content });
  if (isPresent(post)) messages.push({ role: 'system', content: macros(post) });
  // Copied, not pushed as is: a history row passed in may carry more than role and content (its id).
  if (final) messages.push({ role: final.role, content: final.content });
  return messages;
}
