import type { CancelReason } from '../streaming/stream-event';

/** What a `stream: false` client is told when its generation was cancelled. */
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
