import { Test } from '@nestjs/testing';
import { loadConfig } from '../src/config/app-config';
import { ConfigModule } from '../src/config/config.module';
import { GenerationRequest, LLM_PROVIDER, LLMProvider, ProviderEvent } from '../src/provider/llm-provider';
import { ProviderRouter } from '../src/provider/provider-router';
import { ProviderModule } from '../src/provider/provider.module';
import { DEFAULT_REPLY, FakeOpenRouter } from './support/fake-openrouter';

const REQUEST: GenerationRequest = {
  model: 'test/model',
  messages: [{ role: 'user', content: 'hi' }],
  apiKey: 'sk-or-v1-module-test',
};

/** Another backend, as a user of the LLM_PROVIDER seam would write one. */
class ScriptedProvider implements LLMProvider {
  async *stream(): AsyncIterable<ProviderEvent> {
    yield { type: 'text-delta', text: 'from the replacement' };
    yield { type: 'finish', finishReason: 'stop' };
  }

  async verifyApiKey(): Promise<{ valid: false; reason: string }> {
    return { valid: false, reason: 'scripted' };
  }
}

async function textFrom(provider: LLMProvider): Promise<string> {
  let text = '';
  for await (const part of provider.stream(REQUEST, new AbortController().signal)) {
    if (part.type === 'text-delta') text += part.text;
  }
  return text;
}

describe(ProviderModule.name, () => {
  let fake: FakeOpenRouter;
  beforeAll(async () => {
    fake = await FakeOpenRouter.start();
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  const imports = () => [ConfigModule.forRoot(loadConfig({ OPENROUTER_BASE_URL: fake.url })), ProviderModule];

  it('binds LLM_PROVIDER to the provider router, which sends a request without provider to OpenRouter', async () => {
    const moduleRef = await Test.createTestingModule({ imports: imports() }).compile();

    const sut = moduleRef.get<LLMProvider>(LLM_PROVIDER);

    expect(sut).toBeInstanceOf(ProviderRouter);
    expect(await textFrom(sut)).toBe(DEFAULT_REPLY);
    expect(fake.chatRequests).toHaveLength(1);
    await moduleRef.close();
  });

  it('lets another implementation replace the token', async () => {
    const other = new ScriptedProvider();
    const moduleRef = await Test.createTestingModule({ imports: imports() })
      .overrideProvider(LLM_PROVIDER)
      .useValue(other)
      .compile();

    const sut = moduleRef.get<LLMProvider>(LLM_PROVIDER);

    expect(sut).toBe(other);
    expect(await textFrom(sut)).toBe('from the replacement');
    await expect(sut.verifyApiKey('k')).resolves.toEqual({ valid: false, reason: 'scripted' });
    expect(fake.requests).toHaveLength(0);
    await moduleRef.close();
  });
});
