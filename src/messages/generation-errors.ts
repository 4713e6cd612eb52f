import { HttpStatus } from '@nestjs/common';
import type { CancelReason, GenerationErrorCode } from '../streaming/stream-event';

/**
 * How a generation that failed or was cancelled answers a `stream: false` request, whose
 * client gets one HTTP status instead of an event. Exhaustive over the contract's codes.
 */
export function errorCodeToHttpStatus(code: GenerationErrorCode): HttpStatus {
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
  }
}

export function cancelReasonToHttpStatus(reason: CancelReason): HttpStatus {
  switch (reason) {
    case 'timeout':
      return HttpStatus.GATEWAY_TIMEOUT;
    case 'server_shutdown':
      return HttpStatus.SERVICE_UNAVAILABLE;
    case 'user_cancelled':
    case 'no_clients':
      return HttpStatus.CONFLICT;
  }
}

export function cancelReasonText(reason: CancelReason): string {
  switch (reason) {
    case 'user_cancelled':
      return 'The reply was cancelled';
    case 'timeout':
      return 'The reply took longer than STREAM_TIMEOUT_MS and was cancelled';
    case 'no_clients':
      return 'No client was connected for NO_CLIENT_TIMEOUT_MS, so the reply was cancelled';
    case 'server_shutdown':
      return 'The server is shutting down; send the message again in a moment';
  }
}
