import { HttpStatus } from '@nestjs/common';
import { ProvidersDomainError, ProvidersErrorCode } from '../provider/providers.errors';
import { ResourceDomainError, ResourceErrorCode } from '../resources/resource.errors';
import { CharacterDomainError, CharacterErrorCode } from '../characters/characters.errors';
import { SettingsDomainError, SettingsErrorCode } from '../settings/settings.errors';
import { StreamingDomainError, StreamingErrorCode } from '../streaming/streaming.errors';
import type { CancelReason, GenerationErrorCode } from '../streaming/stream-event';
import {
  GenerationCancelledError,
  GenerationDomainError,
  GenerationFailedError,
  GenerationRefusalCode,
} from '../messages/messages.errors';

/**
 * The one place a service's error meets HTTP: the status of every domain error code. Each switch
 * is exhaustive, so a code added to an enum without a status here does not compile. Undefined for
 * a DomainError class this does not know (answered as a 500, logged as a bug), and for any other error.
 */
export function domainErrorStatus(err: unknown): HttpStatus | undefined {
  if (err instanceof ResourceDomainError) return resourceStatus(err.code);
  if (err instanceof CharacterDomainError) return characterStatus(err.code);
  if (err instanceof SettingsDomainError) return settingsStatus(err.code);
  if (err instanceof ProvidersDomainError) return providersStatus(err.code);
  if (err instanceof StreamingDomainError) return streamingStatus(err.code);
  if (err instanceof GenerationDomainError) return generationRefusalStatus(err.code);
  if (err instanceof GenerationFailedError) return generationFailureStatus(err.code);
  if (err instanceof GenerationCancelledError) return cancelReasonStatus(err.code);
  return undefined;
}

export function resourceStatus(code: ResourceErrorCode): HttpStatus {
  switch (code) {
    case ResourceErrorCode.NotFound:
      return HttpStatus.NOT_FOUND;
    case ResourceErrorCode.InUse:
      return HttpStatus.CONFLICT;
    case ResourceErrorCode.BadReference:
      return HttpStatus.BAD_REQUEST;
    default:
      return unmapped(code);
  }
}

/** A map rather than a switch: the enum has one code, and a Record is exhaustive all the same. */
const CHARACTER_STATUS: Record<CharacterErrorCode, HttpStatus> = {
  [CharacterErrorCode.NotACard]: HttpStatus.BAD_REQUEST,
};

export function characterStatus(code: CharacterErrorCode): HttpStatus {
  return CHARACTER_STATUS[code];
}

export function settingsStatus(code: SettingsErrorCode): HttpStatus {
  switch (code) {
    case SettingsErrorCode.KeyMalformed:
    case SettingsErrorCode.KeyRejected:
      return HttpStatus.BAD_REQUEST;
    // The server's keys vs. the stored token are at fault, and the admin can mend it (see settings.errors.ts).
    case SettingsErrorCode.KeyUnreadable:
      return HttpStatus.CONFLICT;
    case SettingsErrorCode.VerificationUnavailable:
      return HttpStatus.BAD_GATEWAY;
    default:
      return unmapped(code);
  }
}

export function providersStatus(code: ProvidersErrorCode): HttpStatus {
  switch (code) {
    case ProvidersErrorCode.UnknownProvider:
      return HttpStatus.NOT_FOUND;
    case ProvidersErrorCode.NoApiKey:
      return HttpStatus.BAD_REQUEST;
    case ProvidersErrorCode.CatalogueUnavailable:
      return HttpStatus.BAD_GATEWAY;
    default:
      return unmapped(code);
  }
}

export function streamingStatus(code: StreamingErrorCode): HttpStatus {
  switch (code) {
    case StreamingErrorCode.TooManyConnections:
      return HttpStatus.TOO_MANY_REQUESTS;
    case StreamingErrorCode.HubUnavailable:
      return HttpStatus.SERVICE_UNAVAILABLE;
    default:
      return unmapped(code);
  }
}

export function generationRefusalStatus(code: GenerationRefusalCode): HttpStatus {
  switch (code) {
    case GenerationRefusalCode.EmptyContent:
    case GenerationRefusalCode.BadIdempotencyKey:
    case GenerationRefusalCode.NoModel:
    case GenerationRefusalCode.NoApiKey:
    case GenerationRefusalCode.NoSuchVariant:
    case GenerationRefusalCode.UnknownProvider:
      return HttpStatus.BAD_REQUEST;
    case GenerationRefusalCode.SessionBusy:
    case GenerationRefusalCode.NothingToRegenerate:
    case GenerationRefusalCode.NothingToContinue:
    case GenerationRefusalCode.ConversationBusy:
    case GenerationRefusalCode.RepeatNotSettled:
    case GenerationRefusalCode.NothingToCancel:
    case GenerationRefusalCode.TooLateToCancel:
      return HttpStatus.CONFLICT;
    default:
      return unmapped(code);
  }
}

/** How a generation that ended with an `error` event answers a `stream: false` request. */
export function generationFailureStatus(code: GenerationErrorCode): HttpStatus {
  switch (code) {
    case 'upstream_auth':
      return HttpStatus.BAD_GATEWAY;
    case 'insufficient_credits':
      return HttpStatus.PAYMENT_REQUIRED;
    case 'rate_limited':
      return HttpStatus.TOO_MANY_REQUESTS;
    case 'upstream_error':
      return HttpStatus.BAD_GATEWAY;
    case 'timeout':
      return HttpStatus.GATEWAY_TIMEOUT;
    case 'internal':
      return HttpStatus.INTERNAL_SERVER_ERROR;
    default:
      return unmapped(code);
  }
}

/** How a cancelled generation answers a `stream: false` request. */
export function cancelReasonStatus(reason: CancelReason): HttpStatus {
  switch (reason) {
    case 'timeout':
      return HttpStatus.GATEWAY_TIMEOUT;
    case 'server_shutdown':
      return HttpStatus.SERVICE_UNAVAILABLE;
    case 'user_cancelled':
    case 'no_clients':
      return HttpStatus.CONFLICT;
    default:
      return unmapped(reason);
  }
}

/** Compiles only when every code was handled above; at run time (an unchecked value) a 500. */
function unmapped(_code: never): HttpStatus {
  return HttpStatus.INTERNAL_SERVER_ERROR;
}
