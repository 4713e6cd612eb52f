import { GUARDS_METADATA } from '@nestjs/common/constants';
import { HttpStatus } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { ThrottlerException, ThrottlerStorageService } from '@nestjs/throttler';
import { loadConfig } from '../config/app-config';
import { GenerationThrottle, GenerationThrottlerGuard, generationThrottlerOptions } from './generation-throttle';

class ExampleController {
  @GenerationThrottle()
  sendMessage(): void {}

  @GenerationThrottle()
  cancelMessage(): void {}

  listMessages(): void {}
}

/** A response stand-in that records the headers the guard sets. */
class FakeReply {
  readonly headers: Record<string, string | number> = {};
  header(name: string, value: string | number): this {
    this.headers[name] = value;
    return this;
  }
}

describe(GenerationThrottle.name, () => {
  it('puts the generation guard on the route', () => {
    expect(Reflect.getMetadata(GUARDS_METADATA, ExampleController.prototype.sendMessage)).toEqual([
      GenerationThrottlerGuard,
    ]);
  });

  it('documents the 429 in the OpenAPI spec', () => {
    // @nestjs/swagger's DECORATORS.API_RESPONSE (its constants are not exported)
    const responses = Reflect.getMetadata('swagger/apiResponse', ExampleController.prototype.sendMessage) as Record<
      string,
      { description: string }
    >;
    expect(responses['429'].description).toContain('GENERATION_RATE_LIMIT');
  });

  it('leaves routes without it alone (no global guard)', () => {
    expect(Reflect.getMetadata(GUARDS_METADATA, ExampleController.prototype.listMessages)).toBeUndefined();
  });
});

describe(GenerationThrottlerGuard.name, () => {
  const limit = 3;
  let storage: ThrottlerStorageService;
  let sut: GenerationThrottlerGuard;

  beforeEach(async () => {
    jest.useFakeTimers();
    storage = new ThrottlerStorageService();
    const options = generationThrottlerOptions(loadConfig({ GENERATION_RATE_LIMIT: String(limit) }));
    sut = new GenerationThrottlerGuard(options, storage, new Reflector());
    await sut.onModuleInit();
  });

  afterEach(() => {
    storage.onApplicationShutdown();
    jest.useRealTimers();
  });

  function request(ip: string, handler: () => void = ExampleController.prototype.sendMessage) {
    const reply = new FakeReply();
    const context = new ExecutionContextHost([{ ip, headers: {} }, reply], ExampleController, handler);
    return { reply, result: sut.canActivate(context) };
  }

  async function exhaust(ip: string): Promise<void> {
    for (let i = 0; i < limit; i++) await expect(request(ip).result).resolves.toBe(true);
  }

  it('allows GENERATION_RATE_LIMIT requests a minute, then answers 429 with Retry-After and a message saying why', async () => {
    await exhaust('203.0.113.7');
    const { reply, result } = request('203.0.113.7');
    const err = (await result.catch((e: unknown) => e)) as ThrottlerException;
    expect(err).toBeInstanceOf(ThrottlerException);
    expect(err.getStatus()).toBe(HttpStatus.TOO_MANY_REQUESTS);
    expect(err.message).toMatch(/at most 3 a minute per client \(GENERATION_RATE_LIMIT\); try again in \d+ s/);
    expect(Number(reply.headers['Retry-After'])).toBeGreaterThanOrEqual(1);
    expect(Number(reply.headers['Retry-After'])).toBeLessThanOrEqual(60);
  });

  it('counts each client on its own', async () => {
    await exhaust('203.0.113.7');
    await expect(request('203.0.113.8').result).resolves.toBe(true);
  });

  it('counts send and cancel against one budget', async () => {
    await exhaust('203.0.113.7');
    await expect(request('203.0.113.7', ExampleController.prototype.cancelMessage).result).rejects.toBeInstanceOf(
      ThrottlerException,
    );
  });

  it('lets the client in again once the minute has passed', async () => {
    await exhaust('203.0.113.7');
    await expect(request('203.0.113.7').result).rejects.toBeInstanceOf(ThrottlerException);
    jest.advanceTimersByTime(60_001);
    await expect(request('203.0.113.7').result).resolves.toBe(true);
  });

  it('reports the remaining budget on allowed requests', async () => {
    const { reply, result } = request('203.0.113.9');
    await result;
    expect(reply.headers['X-RateLimit-Limit-generation']).toBe(limit);
    expect(reply.headers['X-RateLimit-Remaining-generation']).toBe(limit - 1);
  });
});
