import { describe, expect, it } from '@jest/globals';
import { AnthropicDialect, AnthropicStreamReader } from './anthropic.dialect';
import type { DialectOutput } from './dialect';

function readAll(reader: AnthropicStreamReader, events: Array<[string, unknown]>): DialectOutput[] {
  return events.flatMap(([event, data]) =>
    reader.read({ event, data: typeof data === 'string' ? data : JSON.stringify(data) }),
  );
}

describe(AnthropicStreamReader.name, () => {
  it('reads a whole stream: thinking, text, stop reason, then usage and done at message_stop', () => {
    const out = readAll(new AnthropicStreamReader(false), [
      [
        'message_start',
        {
          type: 'message_start',
          message: { usage: { input_tokens: 10, cache_read_input_tokens: 5, output_tokens: 1 } },
        },
      ],
      [
        'content_block_start',
        { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } },
      ],
      [
        'content_block_delta',
        { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Hmm.' } },
      ],
      [
        'content_block_delta',
        { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'x' } },
      ],
      ['ping', { type: 'ping' }],
      ['content_block_delta', { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Hi' } }],
      ['message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 7 } }],
      ['message_stop', { type: 'message_stop' }],
    ]);

    expect(out).toEqual([
      { kind: 'reasoning', text: 'Hmm.' },
      { kind: 'text', text: 'Hi' },
      { kind: 'finish-reason', reason: 'end_turn' },
      { kind: 'usage', usage: { promptTokens: 15, completionTokens: 7 } },
      { kind: 'done' },
    ]);
  });

  it('drops thinking when reasoning.exclude is set', () => {
    const out = readAll(new AnthropicStreamReader(true), [
      ['content_block_delta', { type: 'content_block_delta', delta: { type: 'thinking_delta', thinking: 'secret' } }],
    ]);
    expect(out).toEqual([]);
  });

  it('reads a mid-stream overloaded_error as a retryable upstream_error', () => {
    const [out] = readAll(new AnthropicStreamReader(false), [
      ['error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }],
    ]);
    expect(out).toMatchObject({
      kind: 'error',
      part: { code: 'upstream_error', isRetryable: true, message: expect.stringContaining('overloaded') },
    });
  });

  it.each([
    ['not JSON', 'content_block_delta', '{oops'],
    ['a delta with no text', 'content_block_delta', { type: 'content_block_delta', delta: { type: 'text_delta' } }],
  ])('reads %s as malformed', (_what, event, data) => {
    const [out] = readAll(new AnthropicStreamReader(false), [[event, data]]);
    expect(out).toMatchObject({ kind: 'malformed' });
  });

  it('reads an event with neither an event name nor a type as malformed', () => {
    expect(new AnthropicStreamReader(false).read({ data: '{"hello":1}' })).toEqual([
      { kind: 'malformed', what: expect.any(String) },
    ]);
  });

  it('ignores event types added after the pinned version (as Anthropic asks)', () => {
    expect(readAll(new AnthropicStreamReader(false), [['future_event', { type: 'future_event' }]])).toEqual([]);
  });
});

describe(AnthropicDialect.name, () => {
  const sut = new AnthropicDialect();

  it('pins anthropic-version and sends the key as x-api-key, never as Authorization', () => {
    expect(sut.headers('sk-ant-x')).toEqual({ 'x-api-key': 'sk-ant-x', 'anthropic-version': '2023-06-01' });
  });

  it('builds the Messages body with system on top and max_tokens', () => {
    expect(
      sut.streamRequest({
        model: 'claude-x',
        apiKey: 'k',
        messages: [
          { role: 'system', content: 'S' },
          { role: 'user', content: 'U' },
        ],
        parameters: { temperature: 2 },
      }),
    ).toEqual({
      path: '/v1/messages',
      body: {
        model: 'claude-x',
        system: 'S',
        messages: [{ role: 'user', content: 'U' }],
        max_tokens: 4096,
        temperature: 1,
        stream: true,
      },
    });
  });

  it('reads the model list with display names', () => {
    expect(
      sut.parseModels(
        JSON.stringify({ data: [{ id: 'claude-x', display_name: 'Claude X', type: 'model' }], has_more: false }),
      ),
    ).toEqual([{ id: 'claude-x', name: 'Claude X' }]);
  });
});
