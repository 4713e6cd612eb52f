import { describe, expect, it } from '@jest/globals';
import { mergeParameters } from './generation-parameters';
import { anthropicParameters, chatCompletionsParameters } from './parameter-mapping';

const ALL = {
  temperature: 1.5,
  topP: 0.9,
  topK: 40,
  minP: 0.05,
  maxTokens: 300,
  frequencyPenalty: 0.5,
  presencePenalty: -0.5,
  repetitionPenalty: 1.1,
  stop: ['\nUser:'],
  seed: 7,
};

describe(mergeParameters.name, () => {
  it('takes the session value where set and the model value elsewhere, key by key', () => {
    expect(
      mergeParameters(
        { temperature: 0.7, maxTokens: 100, reasoning: { effort: 'low' } },
        { temperature: 1.2, reasoning: { maxTokens: 2000 } },
      ),
    ).toEqual({ temperature: 1.2, maxTokens: 100, reasoning: { maxTokens: 2000 } });
  });

  it('treats null and missing as unset on either side', () => {
    expect(mergeParameters(null, undefined)).toEqual({});
    expect(mergeParameters({ topP: 0.5 }, { topP: null as unknown as number })).toEqual({ topP: 0.5 });
  });
});

describe(chatCompletionsParameters.name, () => {
  it('sends nothing when nothing is set', () => {
    expect(chatCompletionsParameters({}, 'openrouter')).toEqual({});
  });

  it("maps every parameter to OpenRouter's names, reasoning as its reasoning object", () => {
    expect(chatCompletionsParameters({ ...ALL, reasoning: { effort: 'high', exclude: true } }, 'openrouter')).toEqual({
      temperature: 1.5,
      top_p: 0.9,
      top_k: 40,
      min_p: 0.05,
      max_tokens: 300,
      frequency_penalty: 0.5,
      presence_penalty: -0.5,
      repetition_penalty: 1.1,
      stop: ['\nUser:'],
      seed: 7,
      reasoning: { effort: 'high', exclude: true },
    });
    expect(chatCompletionsParameters({ reasoning: { maxTokens: 2048 } }, 'openrouter')).toEqual({
      reasoning: { max_tokens: 2048 },
    });
  });

  it('leaves out what OpenAI lacks and uses max_completion_tokens and reasoning_effort', () => {
    expect(chatCompletionsParameters({ ...ALL, reasoning: { effort: 'minimal' } }, 'openai')).toEqual({
      temperature: 1.5,
      top_p: 0.9,
      max_completion_tokens: 300,
      frequency_penalty: 0.5,
      presence_penalty: -0.5,
      stop: ['\nUser:'],
      seed: 7,
      reasoning_effort: 'minimal',
    });
    expect(chatCompletionsParameters({ reasoning: { maxTokens: 1000 } }, 'openai')).toEqual({});
  });

  it('sends the local samplers to an OpenAI-compatible server, with max_tokens', () => {
    expect(
      chatCompletionsParameters({ topK: 20, minP: 0.1, repetitionPenalty: 1.2, maxTokens: 50 }, 'openai-compatible'),
    ).toEqual({
      top_k: 20,
      min_p: 0.1,
      repetition_penalty: 1.2,
      max_tokens: 50,
    });
  });
});

describe(anthropicParameters.name, () => {
  it('always sends max_tokens (documented default 4096)', () => {
    expect(anthropicParameters({})).toEqual({ max_tokens: 4096 });
  });

  it('clamps temperature to 1, renames stop and drops what Anthropic lacks', () => {
    expect(anthropicParameters(ALL)).toEqual({
      max_tokens: 300,
      temperature: 1,
      top_p: 0.9,
      top_k: 40,
      stop_sequences: ['\nUser:'],
    });
  });

  it('turns reasoning into a thinking budget inside max_tokens, without temperature or top_k', () => {
    expect(
      anthropicParameters({ temperature: 0.3, topK: 5, topP: 0.5, maxTokens: 500, reasoning: { effort: 'medium' } }),
    ).toEqual({
      max_tokens: 8192 + 500,
      thinking: { type: 'enabled', budget_tokens: 8192 },
      top_p: 0.95,
    });
    expect(anthropicParameters({ reasoning: { maxTokens: 100 } })).toEqual({
      max_tokens: 1024 + 4096,
      thinking: { type: 'enabled', budget_tokens: 1024 },
    });
  });
});
