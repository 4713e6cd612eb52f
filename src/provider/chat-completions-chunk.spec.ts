import { expect } from '@jest/globals';
import { interpretStreamData } from './chat-completions-chunk';

describe(interpretStreamData.name, () => {
  const sut = interpretStreamData;

  it('reads [DONE] as the end', () => {
    expect(sut('[DONE]')).toEqual({ kind: 'done' });
  });

  it('reads the text of a delta', () => {
    const data = JSON.stringify({
      id: 'gen-1',
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta: { role: 'assistant', content: 'héllo' }, finish_reason: null }],
    });

    expect(sut(data)).toEqual({ kind: 'chunk', text: 'héllo', finishReason: null });
  });

  it('reads the finish reason', () => {
    const data = JSON.stringify({ choices: [{ delta: { content: '' }, finish_reason: 'length' }] });

    expect(sut(data)).toEqual({ kind: 'chunk', text: '', finishReason: 'length' });
  });

  it('reads the usage chunk, which has no choices', () => {
    const data = JSON.stringify({
      choices: [],
      usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17, cost: 0.00042 },
    });

    expect(sut(data)).toEqual({
      kind: 'chunk',
      text: '',
      finishReason: null,
      usage: { promptTokens: 12, completionTokens: 5, cost: 0.00042 },
    });
  });

  it('reads an error chunk as a mid-stream error', () => {
    const data = JSON.stringify({
      error: { code: 502, message: 'Provider disconnected' },
      choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }],
    });

    expect(sut(data)).toEqual({ kind: 'error', error: { code: 502, message: 'Provider disconnected' } });
  });

  it('reads finish_reason "error" without an error object as an error too', () => {
    expect(sut(JSON.stringify({ choices: [{ delta: {}, finish_reason: 'error' }] }))).toEqual({
      kind: 'error',
      error: {},
    });
  });

  it('treats a delta without content (tool calls) as no text', () => {
    const data = JSON.stringify({ choices: [{ delta: { role: 'assistant', tool_calls: [] }, finish_reason: null }] });

    expect(sut(data)).toEqual({ kind: 'chunk', text: '', finishReason: null });
  });

  it.each([
    ['reasoning', 'OpenRouter'],
    ['reasoning_content', 'DeepSeek, vLLM and llama.cpp'],
  ])('reads delta.%s (%s) as reasoning, apart from the text', (field) => {
    const data = JSON.stringify({ choices: [{ delta: { content: '', [field]: 'hmm' }, finish_reason: null }] });

    expect(sut(data)).toEqual({ kind: 'chunk', text: '', reasoning: 'hmm', finishReason: null });
  });

  it.each(['not json', '42', '[1,2]', 'null', '{"id":"x","object":"chat.completion.chunk"}'])(
    'reads %s as malformed, never skips it',
    (data) => {
      expect(sut(data)).toEqual({ kind: 'malformed', what: expect.any(String) });
    },
  );
});
