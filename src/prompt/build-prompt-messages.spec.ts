import { CharacterEntity } from '../characters/character.entity';
import { ChatSessionEntity } from '../chat-sessions/chat-session.entity';
import type { ChatMessage } from '../provider/llm-provider';
import {
  buildContinuePrompt,
  buildPromptMessages,
  buildReplyPrompt,
  PromptSession,
  SYSTEM_PART_SEPARATOR,
} from './build-prompt-messages';

describe(buildPromptMessages.name, () => {
  const sut = buildPromptMessages;

  const PRE = 'Stay in character.';
  const SYSTEM = 'You are a storyteller.';
  const CHARACTER = 'Aria, a wandering bard.';
  const PROFILE = 'The user is a knight named Bo.';
  const POST = 'Reply in under 100 words.';

  /** Session with the system parts whose bit is set in `mask`: pre=1, system=2, character=4, profile=8. */
  function sessionFor(mask: number, post: string | null): PromptSession {
    return {
      preSystemPrompt: mask & 1 ? PRE : null,
      systemPrompt: mask & 2 ? { content: SYSTEM } : null,
      character: mask & 4 ? { description: CHARACTER } : null,
      userProfile: mask & 8 ? { description: PROFILE } : null,
      postSystemPrompt: post,
    };
  }

  function expectedSystem(mask: number): string[] {
    return [PRE, SYSTEM, CHARACTER, PROFILE].filter((_, i) => mask & (1 << i));
  }

  const subsets = Array.from({ length: 16 }, (_, mask) => mask);

  describe.each([
    ['without a post prompt', null],
    ['with a post prompt', POST],
  ])('%s and no history', (_label, post) => {
    it.each(subsets)('system parts mask %i: joins exactly the present parts in order', (mask) => {
      const messages = sut(sessionFor(mask, post), [], 'Hello there');

      const parts = expectedSystem(mask);
      const expected: ChatMessage[] = [];
      if (parts.length > 0) expected.push({ role: 'system', content: parts.join(SYSTEM_PART_SEPARATOR) });
      if (post !== null) expected.push({ role: 'system', content: post });
      expected.push({ role: 'user', content: 'Hello there' });
      expect(messages).toEqual(expected);
    });
  });

  it('joins all four parts with "\\n---\\n"', () => {
    const [system] = sut(sessionFor(15, null), [], 'x');
    expect(system).toEqual({
      role: 'system',
      content: `${PRE}\n---\n${SYSTEM}\n---\n${CHARACTER}\n---\n${PROFILE}`,
    });
  });

  it('puts the history, oldest first with its roles, between the system prompt and the post prompt', () => {
    const history: ChatMessage[] = [
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'second' },
      { role: 'user', content: 'third' },
    ];

    const messages = sut(sessionFor(2, POST), history, 'fourth');

    expect(messages).toEqual([
      { role: 'system', content: SYSTEM },
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'second' },
      { role: 'user', content: 'third' },
      { role: 'system', content: POST },
      { role: 'user', content: 'fourth' },
    ]);
  });

  it('sends only the history and the new message when the session has no prompt parts at all', () => {
    const messages = sut({}, [{ role: 'assistant', content: 'Welcome back.' }], 'Hi');

    expect(messages).toEqual([
      { role: 'assistant', content: 'Welcome back.' },
      { role: 'user', content: 'Hi' },
    ]);
  });

  it('treats empty and whitespace-only parts as missing', () => {
    const session: PromptSession = {
      preSystemPrompt: '',
      systemPrompt: { content: '  \n\t' },
      character: { description: CHARACTER },
      userProfile: { description: ' ' },
      postSystemPrompt: '\n',
    };

    const messages = sut(session, [], 'Hi');

    expect(messages).toEqual([
      { role: 'system', content: CHARACTER },
      { role: 'user', content: 'Hi' },
    ]);
  });

  it('keeps non-empty parts exactly as written, surrounding whitespace included', () => {
    const messages = sut({ preSystemPrompt: '  indented\n', postSystemPrompt: ' post ' }, [], '  new  ');

    expect(messages).toEqual([
      { role: 'system', content: '  indented\n' },
      { role: 'system', content: ' post ' },
      { role: 'user', content: '  new  ' },
    ]);
  });

  it('accepts relations that were not loaded (undefined) like missing ones', () => {
    const session: PromptSession = { preSystemPrompt: PRE, systemPrompt: undefined, character: undefined };

    expect(sut(session, [], 'Hi')).toEqual([
      { role: 'system', content: PRE },
      { role: 'user', content: 'Hi' },
    ]);
  });

  it('takes a ChatSessionEntity loaded with its relations as it is', () => {
    const entity = Object.assign(new ChatSessionEntity(), {
      preSystemPrompt: null,
      postSystemPrompt: POST,
      systemPrompt: null,
      character: Object.assign(new CharacterEntity(), { name: 'Aria', description: CHARACTER }),
    });

    expect(sut(entity, [], 'Hi')).toEqual([
      { role: 'system', content: CHARACTER },
      { role: 'system', content: POST },
      { role: 'user', content: 'Hi' },
    ]);
  });

  it('does not modify the history it is given', () => {
    const history: ChatMessage[] = [{ role: 'user', content: 'a' }];
    const copy = structuredClone(history);

    sut(sessionFor(15, POST), history, 'b');

    expect(history).toEqual(copy);
  });
});

describe(buildReplyPrompt.name, () => {
  const sut = buildReplyPrompt;
  const session: PromptSession = { preSystemPrompt: 'PRE', postSystemPrompt: 'POST' };

  it('puts the post-system part before the last user message, as a send does', () => {
    const history: ChatMessage[] = [
      { role: 'user', content: 'a' },
      { role: 'assistant', content: 'b' },
      { role: 'user', content: 'c' },
    ];

    expect(sut(session, history)).toEqual([
      { role: 'system', content: 'PRE' },
      { role: 'user', content: 'a' },
      { role: 'assistant', content: 'b' },
      { role: 'system', content: 'POST' },
      { role: 'user', content: 'c' },
    ]);
  });

  it('sends only role and content, whatever else the history rows carry', () => {
    const rows = [{ id: 4, role: 'user' as const, content: 'a' }];
    expect(sut({}, rows)).toEqual([{ role: 'user', content: 'a' }]);
  });

  it('ends with the post-system part when the history ends with a reply (a greeting regenerated)', () => {
    expect(sut(session, [{ role: 'assistant', content: 'Hello there' }])).toEqual([
      { role: 'system', content: 'PRE' },
      { role: 'assistant', content: 'Hello there' },
      { role: 'system', content: 'POST' },
    ]);
    expect(sut({}, [])).toEqual([]);
  });
});

describe(buildContinuePrompt.name, () => {
  const sut = buildContinuePrompt;

  it('sends the continued reply as the final assistant turn, right after the post-system part', () => {
    const session: PromptSession = { systemPrompt: { content: 'SYS' }, postSystemPrompt: 'POST' };

    expect(sut(session, [{ role: 'user', content: 'Tell me a story' }], 'Once upon')).toEqual([
      { role: 'system', content: 'SYS' },
      { role: 'user', content: 'Tell me a story' },
      { role: 'system', content: 'POST' },
      { role: 'assistant', content: 'Once upon' },
    ]);
  });

  it('leaves out an empty post-system part', () => {
    expect(sut({ postSystemPrompt: '  ' }, [], 'Hi')).toEqual([{ role: 'assistant', content: 'Hi' }]);
  });
});

describe('buildPromptMessages with a character card', () => {
  const entry = (keys: string[], content: string, position: 'before_char' | 'after_char', insertionOrder = 0) => ({
    keys,
    secondaryKeys: [],
    content,
    enabled: true,
    insertionOrder,
    constant: false,
    selective: false,
    position,
  });
  const session: PromptSession = {
    preSystemPrompt: 'PRE {{user}}',
    systemPrompt: { content: 'SESSION SYSTEM' },
    postSystemPrompt: 'SESSION POST',
    userProfile: { name: 'Bo', description: 'Bo is a knight.' },
    character: {
      name: 'Aria',
      description: '{{char}} is a bard.',
      personality: 'cheerful',
      scenario: 'A tavern.',
      exampleMessages: '{{user}}: Hi\n{{char}}: Hello!',
      systemPrompt: 'CARD SYSTEM, then {{original}}',
      postHistoryInstructions: 'Stay as {{char}}. {{original}}',
      lorebook: {
        scanDepth: 1,
        entries: [
          entry(['dragon'], 'Dragons sleep under the hill.', 'after_char', 2),
          entry(['TAVERN'], 'The tavern is called the Lamp.', 'before_char'),
          entry(['sword'], 'Never shown: the key is out of the scan depth.', 'after_char'),
          entry(['bard'], 'A second after-entry, ordered first.', 'after_char', 1),
        ],
      },
    },
  };

  it('puts the parts in the documented order, with macros applied and the lorebook by keyword', () => {
    const history: ChatMessage[] = [
      { role: 'user', content: 'I carry a sword.' },
      { role: 'assistant', content: 'A bard sings in the tavern.' },
    ];

    const [system, , , post, user] = buildPromptMessages(session, history, 'Tell me of the dragon');

    expect(system.content.split(SYSTEM_PART_SEPARATOR)).toEqual([
      'PRE Bo',
      'CARD SYSTEM, then SESSION SYSTEM',
      'The tavern is called the Lamp.',
      "Aria is a bard.\nAria's personality: cheerful\nScenario: A tavern.",
      'A second after-entry, ordered first.\nDragons sleep under the hill.',
      'Bo is a knight.',
      'Example dialogue:\nBo: Hi\nAria: Hello!',
    ]);
    expect(post).toEqual({ role: 'system', content: 'Stay as Aria. SESSION POST' });
    expect(user).toEqual({ role: 'user', content: 'Tell me of the dragon' });
  });

  it('keeps the session prompts when the card has none, and "User" without a profile', () => {
    const plain: PromptSession = {
      postSystemPrompt: 'POST {{user}}',
      character: { name: 'Aria', description: 'Hi {{user}}' },
    };
    expect(buildPromptMessages(plain, [], 'x')).toEqual([
      { role: 'system', content: 'Hi User' },
      { role: 'system', content: 'POST User' },
      { role: 'user', content: 'x' },
    ]);
  });
});
