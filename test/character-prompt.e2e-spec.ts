import { describe, expect, it, beforeAll, afterAll, beforeEach } from '@jest/globals';
import { api, TEST_DB } from './support/test-app';
import { DEFAULT_MODEL } from './support/fake-openrouter';
import { GenerationFixture, send, startGenerationApp } from './support/generation-fixture';

interface Message {
  id: number;
  role: string;
  content: string;
  variantIndex: number;
  variantCount: number;
}

/** A character card's fields reach the prompt, and its greetings start a new chat. */
describe(`characters in the conversation (${TEST_DB})`, () => {
  let f: GenerationFixture;
  beforeAll(async () => {
    f = await startGenerationApp();
  }, 60_000);
  afterAll(() => f.close());
  beforeEach(() => f.fake.reset());

  async function post(path: string, body: unknown): Promise<number> {
    const res = await api<{ id: number }>(f.t.url, 'POST', path, body);
    if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  async function sessionWith(character: Record<string, unknown>, profile = true): Promise<number> {
    const aiModelId = await post('/api/ai-models', { label: DEFAULT_MODEL });
    const characterId = await post('/api/characters', {
      name: 'Aria',
      description: '{{char}} is a bard.',
      ...character,
    });
    const userProfileId = profile ? await post('/api/user-profiles', { name: 'Bo', description: 'A knight.' }) : null;
    return post('/api/chat-sessions', { aiModelId, characterId, userProfileId, postSystemPrompt: 'Be brief.' });
  }

  const messages = async (sessionId: number) =>
    (await api<Message[]>(f.t.url, 'GET', `/api/chat-sessions/${sessionId}/messages`)).body;

  it('starts a new chat with the greeting, macros applied, and the alternate greetings as its variants', async () => {
    const sessionId = await sessionWith({
      firstMessage: 'Welcome, {{user}}! I am {{char}}.',
      alternateGreetings: ['Oh, {{USER}} again.', '   ', 'Hail!'],
    });

    const [greeting, ...rest] = await messages(sessionId);

    expect(rest).toEqual([]);
    expect(greeting).toMatchObject({ role: 'assistant', content: 'Welcome, Bo! I am Aria.', variantCount: 3 });
    const variants = await api<Array<{ content: string }>>(
      f.t.url,
      'GET',
      `/api/chat-sessions/${sessionId}/messages/${greeting.id}/variants`,
    );
    expect(variants.body.map((v) => v.content)).toEqual(['Welcome, Bo! I am Aria.', 'Oh, Bo again.', 'Hail!']);
    const chosen = await api<Message>(
      f.t.url,
      'PUT',
      `/api/chat-sessions/${sessionId}/messages/${greeting.id}/variant`,
      { index: 1 },
    );
    expect(chosen.body.content).toBe('Oh, Bo again.');
  });

  it('starts empty when the character has no greeting, and "User" stands in without a profile', async () => {
    expect(await messages(await sessionWith({}))).toEqual([]);
    const [greeting] = await messages(await sessionWith({ firstMessage: 'Hi {{user}}' }, false));
    expect(greeting.content).toBe('Hi User');
  });

  it('sends the card fields, the lorebook entries whose keys came up, and the card prompts in their places', async () => {
    const sessionId = await sessionWith({
      personality: 'cheerful',
      scenario: 'A tavern at night.',
      exampleMessages: '{{user}}: Hi\n{{char}}: Well met!',
      postHistoryInstructions: 'Stay as {{char}}. {{original}}',
      firstMessage: 'Well met, {{user}}.',
      lorebook: {
        entries: [
          { keys: ['dragon'], content: 'Dragons sleep under the hill.', position: 'after_char' },
          { keys: ['ghost'], content: 'Never sent: nobody said ghost.' },
          { keys: ['x'], content: 'Always: the moon is red.', constant: true, position: 'before_char' },
        ],
      },
    });

    await (await send(f.t.url, sessionId, 'Any DRAGONS here?')).waitForEnd();

    const sent = (await f.fake.waitForRequest(0)).body?.messages;
    expect(sent).toEqual([
      {
        role: 'system',
        content: [
          'Always: the moon is red.',
          "Aria is a bard.\nAria's personality: cheerful\nScenario: A tavern at night.",
          'Dragons sleep under the hill.',
          'A knight.',
          'Example dialogue:\nBo: Hi\nAria: Well met!',
        ].join('\n---\n'),
      },
      { role: 'assistant', content: 'Well met, Bo.' },
      { role: 'system', content: 'Stay as Aria. Be brief.' },
      { role: 'user', content: 'Any DRAGONS here?' },
    ]);
  });

  it('regenerates a greeting from the system part alone', async () => {
    const sessionId = await sessionWith({ firstMessage: 'Hello.' });
    const [greeting] = await messages(sessionId);
    f.fake.enqueue({ chunks: ['A new hello.'] });

    const res = await api<{ assistantMessage: Message }>(
      f.t.url,
      'POST',
      `/api/chat-sessions/${sessionId}/regenerate`,
      { stream: false },
    );

    expect(res.body.assistantMessage).toMatchObject({ id: greeting.id, content: 'A new hello.', variantIndex: 1 });
    expect((await f.fake.waitForRequest(0)).body?.messages).toEqual([
      { role: 'system', content: 'Aria is a bard.\n---\nA knight.' },
      { role: 'system', content: 'Be brief.' },
    ]);
  });
});
