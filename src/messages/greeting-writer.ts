import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ChatSessionsService } from '../chat-sessions/chat-sessions.service';
import type { ChatSessionEntity } from '../chat-sessions/chat-session.entity';
import type { SessionCreationHook } from '../chat-sessions/session-lifecycle';
import { applyMacros } from '../prompt/macros';
import { textTokens } from '../prompt/token-count';

type GreetingSource = { name: string; first_message: string; alternate_greetings: string[]; user_name: string | null };

const GREETING_SOURCE = `
  SELECT c.name, c.first_message, c.alternate_greetings, up.name AS user_name
  FROM characters c LEFT JOIN user_profiles up ON up.id = $2
  WHERE c.id = $1`;

/**
 * The greeting message ($1 session, $4 texts: the first is active, $5 their token counts) and its
 * variants, at once.
 */
const INSERT_GREETING = `
  WITH m AS (
    INSERT INTO messages (chat_session_id, role, content, variant_count, token_count)
    VALUES ($1, 'assistant', $2, $3, ($5::int[])[1])
    RETURNING id, created_at)
  INSERT INTO message_variants (message_id, variant_index, content, created_at, token_count)
  SELECT m.id, g.ordinality - 1, g.text, m.created_at, g.tokens
  FROM m, unnest($4::text[], $5::int[]) WITH ORDINALITY AS g(text, tokens, ordinality)`;

/**
 * A new chat session whose character has a greeting (`firstMessage`) starts with it as an
 * assistant message, the alternate greetings as its further variants, macros applied. Written in
 * the transaction that creates the session.
 */
@Injectable()
export class GreetingWriter implements SessionCreationHook, OnModuleInit {
  constructor(private readonly chatSessions: ChatSessionsService) {}

  onModuleInit(): void {
    this.chatSessions.registerCreationHook(this);
  }

  async onSessionCreated(session: ChatSessionEntity, manager: EntityManager): Promise<void> {
    if (session.characterId === null) return;
    const rows: GreetingSource[] = await manager.query(GREETING_SOURCE, [session.characterId, session.userProfileId]);
    const source = rows.at(0);
    if (!source) return;
    const texts = greetingTexts(source);
    if (texts.length === 0) return;
    await manager.query(INSERT_GREETING, [session.id, texts[0], texts.length, texts, texts.map(textTokens)]);
  }
}

/** The first message, then the alternates, with `{{char}}` and `{{user}}` replaced; none when there is no first message. */
export function greetingTexts(source: GreetingSource): string[] {
  if (source.first_message.trim() === '') return [];
  const names = { char: source.name, user: source.user_name };
  const alternates = source.alternate_greetings.filter((g) => g.trim() !== '');
  return [source.first_message, ...alternates].map((text) => applyMacros(text, names));
}
