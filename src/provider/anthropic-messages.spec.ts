import { describe, expect, it } from '@jest/globals';
import { FIRST_USER_PLACEHOLDER, toAnthropicPrompt } from './anthropic-messages';

describe(toAnthropicPrompt.name, () => {
  it('lifts every system message into the top-level system, joined in order', () => {
    expect(
      toAnthropicPrompt([
        { role: 'system', content: 'You are a bard.' },
        { role: 'user', content: 'Sing.' },
        { role: 'system', content: 'Stay in character.' },
        { role: 'user', content: 'Again.' },
      ]),
    ).toEqual({
      system: 'You are a bard.\n\nStay in character.',
      messages: [{ role: 'user', content: 'Sing.\n\nAgain.' }],
    });
  });

  it('merges consecutive turns of one role so the roles alternate, dropping empty ones', () => {
    expect(
      toAnthropicPrompt([
        { role: 'user', content: 'a' },
        { role: 'assistant', content: 'b' },
        { role: 'assistant', content: ' ' },
        { role: 'assistant', content: 'c' },
        { role: 'user', content: 'd' },
      ]).messages,
    ).toEqual([
      { role: 'user', content: 'a' },
      { role: 'assistant', content: 'b\n\nc' },
      { role: 'user', content: 'd' },
    ]);
  });

  it('puts a placeholder user turn first when the history starts with the assistant or is empty', () => {
    expect(
      toAnthropicPrompt([
        { role: 'assistant', content: 'Welcome, traveller.' },
        { role: 'user', content: 'Hi' },
      ]).messages[0],
    ).toEqual({
      role: 'user',
      content: FIRST_USER_PLACEHOLDER,
    });
    expect(toAnthropicPrompt([{ role: 'system', content: 's' }])).toEqual({
      system: 's',
      messages: [{ role: 'user', content: FIRST_USER_PLACEHOLDER }],
    });
  });

  it('keeps a trailing assistant turn as a prefill, without trailing whitespace', () => {
    expect(
      toAnthropicPrompt([
        { role: 'user', content: 'Go on' },
        { role: 'assistant', content: 'Once upon a time \n' },
      ]).messages,
    ).toEqual([
      { role: 'user', content: 'Go on' },
      { role: 'assistant', content: 'Once upon a time' },
    ]);
  });
});
