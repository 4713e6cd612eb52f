import { DomainError } from '../errors/domain-error';
import {
  GenerationCancelledError,
  GenerationDomainError,
  GenerationFailedError,
  GenerationRefusalCode,
} from '../messages/messages.errors';
import { ResourceDomainError, ResourceErrorCode } from '../resources/resource.errors';
import { CharacterDomainError, CharacterErrorCode } from '../characters/characters.errors';
import { SettingsDomainError, SettingsErrorCode } from '../settings/settings.errors';
import type { CancelReason, GenerationErrorCode } from '../streaming/stream-event';
import {
  StreamHubUnavailableError,
  StreamingDomainError,
  StreamingErrorCode,
  TooManyConnectionsError,
} from '../streaming/streaming.errors';
import { toErrorBody } from './all-exceptions.filter';
import { domainErrorStatus } from './domain-error-status';

/** Every code of each enum, with its status: a code added to an enum fails here until it is listed. */
function everyCode<Code extends string>(codes: Record<string, Code>, statuses: Record<Code, number>): [Code, number][] {
  return Object.values(codes).map((code) => [code, statuses[code]]);
}

describe(domainErrorStatus.name, () => {
  it.each(
    everyCode(ResourceErrorCode, {
      [ResourceErrorCode.NotFound]: 404,
      [ResourceErrorCode.InUse]: 409,
      [ResourceErrorCode.BadReference]: 400,
    }),
  )('resource %s is %d', (code, status) => {
    expect(domainErrorStatus(new ResourceDomainError(code, 'x'))).toBe(status);
  });

  it.each(everyCode(CharacterErrorCode, { [CharacterErrorCode.NotACard]: 400 }))(
    'character %s is %d',
    (code, status) => {
      expect(domainErrorStatus(new CharacterDomainError(code, 'x'))).toBe(status);
    },
  );

  it.each(
    everyCode(SettingsErrorCode, {
      [SettingsErrorCode.KeyMalformed]: 400,
      [SettingsErrorCode.KeyUnreadable]: 409,
      [SettingsErrorCode.KeyRejected]: 400,
      [SettingsErrorCode.VerificationUnavailable]: 502,
    }),
  )('settings %s is %d', (code, status) => {
    expect(domainErrorStatus(new SettingsDomainError(code, 'x'))).toBe(status);
  });

  it.each(
    everyCode(StreamingErrorCode, {
      [StreamingErrorCode.TooManyConnections]: 429,
      [StreamingErrorCode.HubUnavailable]: 503,
    }),
  )('streaming %s is %d', (code, status) => {
    expect(domainErrorStatus(new StreamingDomainError(code, 'x'))).toBe(status);
  });

  it.each(
    everyCode(GenerationRefusalCode, {
      [GenerationRefusalCode.EmptyContent]: 400,
      [GenerationRefusalCode.BadIdempotencyKey]: 400,
      [GenerationRefusalCode.RepeatNotSettled]: 409,
      [GenerationRefusalCode.SessionBusy]: 409,
      [GenerationRefusalCode.NoModel]: 400,
      [GenerationRefusalCode.NoApiKey]: 400,
      [GenerationRefusalCode.NothingToCancel]: 409,
      [GenerationRefusalCode.TooLateToCancel]: 409,
      [GenerationRefusalCode.NothingToRegenerate]: 409,
      [GenerationRefusalCode.NothingToContinue]: 409,
      [GenerationRefusalCode.ConversationBusy]: 409,
      [GenerationRefusalCode.NoSuchVariant]: 400,
      [GenerationRefusalCode.UnknownProvider]: 400,
    }),
  )('generation refusal %s is %d', (code, status) => {
    expect(domainErrorStatus(new GenerationDomainError(code, 'x'))).toBe(status);
  });

  it.each<[GenerationErrorCode, number]>([
    ['upstream_auth', 502],
    ['insufficient_credits', 402],
    ['rate_limited', 429],
    ['upstream_error', 502],
    ['timeout', 504],
    ['internal', 500],
  ])('a stream:false generation that failed with %s is %d', (code, status) => {
    expect(domainErrorStatus(new GenerationFailedError(code, 'x'))).toBe(status);
  });

  it.each<[CancelReason, number]>([
    ['user_cancelled', 409],
    ['no_clients', 409],
    ['timeout', 504],
    ['server_shutdown', 503],
  ])('a stream:false generation cancelled for %s is %d', (reason, status) => {
    expect(domainErrorStatus(new GenerationCancelledError(reason))).toBe(status);
  });

  it('knows no status for a DomainError class it was not taught', () => {
    class Unmapped extends DomainError<'odd'> {}
    expect(domainErrorStatus(new Unmapped('odd', 'x'))).toBeUndefined();
  });
});

describe('toErrorBody for domain errors', () => {
  it("answers with the error's own message and the status's reason phrase", () => {
    expect(toErrorBody(new TooManyConnectionsError(3))).toEqual({
      statusCode: 429,
      message: 'This chat session already has 3 open stream connections (MAX_CONNECTIONS_PER_SESSION)',
      error: 'Too Many Requests',
    });
    expect(toErrorBody(new GenerationCancelledError('server_shutdown'))).toEqual({
      statusCode: 503,
      message: 'The server is shutting down; send the message again in a moment',
      error: 'Service Unavailable',
    });
  });

  it('says a hub that cannot answer is a 503, without what Redis said', () => {
    expect(toErrorBody(new StreamHubUnavailableError(new Error('connect ECONNREFUSED 10.0.0.5:6379')))).toEqual({
      statusCode: 503,
      message: 'Live streaming state (Redis) is unavailable; try again in a moment',
      error: 'Service Unavailable',
    });
  });

  it('answers an unmapped DomainError and a TypeError as a 500 that reveals nothing', () => {
    class Unmapped extends DomainError<'odd'> {}
    const hidden = { statusCode: 500, message: 'Internal server error', error: 'Internal Server Error' };
    expect(toErrorBody(new Unmapped('odd', 'secret detail'))).toEqual(hidden);
    expect(toErrorBody(new TypeError('x is undefined'))).toEqual(hidden);
  });
});
