/**
 * Hearth's prompt (system/user/assistant messages in any order) → the Anthropic Messages API's
 * shape under `anthropic-version: 2023-06-01`. Pure. The rules that version imposes:
 * - no `system` role in `messages`: every system message goes into the top-level `system`,
 *   joined by a blank line, in order (a post-system prompt therefore loses its position near the
 *   end; Anthropic has no other place for it in this version);
 * - only `user` and `assistant` turns, alternating: consecutive turns of one role are merged,
 *   joined by a blank line; empty turns are dropped (Anthropic refuses empty text);
 * - the first turn must be `user`: when the history starts with the assistant (a character's
 *   greeting) or holds no turn at all, FIRST_USER_PLACEHOLDER is put first, as SillyTavern does;
 * - a trailing `assistant` turn is a prefill: the model continues it. Its trailing whitespace is
 *   removed, which Anthropic requires of a final assistant turn.
 */
import type { ChatMessage } from './llm-provider';

/** The user turn put first when the conversation does not start with one. */
export const FIRST_USER_PLACEHOLDER = '[Start a new chat]';

export interface AnthropicPrompt {
  system?: string;
  messages: Array<{ role: 'user' | 'assistant'; content: string }>;
}

export function toAnthropicPrompt(messages: ChatMessage[]): AnthropicPrompt {
  const system = messages
    .filter((m) => m.role === 'system' && m.content.trim() !== '')
    .map((m) => m.content)
    .join('\n\n');
  const turns: AnthropicPrompt['messages'] = [];
  for (const m of messages) {
    if (m.role === 'system' || m.content.trim() === '') continue;
    const last = turns.at(-1);
    if (last && last.role === m.role) last.content = `${last.content}\n\n${m.content}`;
    else turns.push({ role: m.role, content: m.content });
  }
  if (turns.length === 0 || turns[0].role !== 'user') turns.unshift({ role: 'user', content: FIRST_USER_PLACEHOLDER });
  const last = turns[turns.length - 1];
  if (last.role === 'assistant') last.content = last.content.trimEnd();
  return { ...(system !== '' ? { system } : {}), messages: turns };
}
