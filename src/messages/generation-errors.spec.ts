import { cancelReasonText, cancelReasonToHttpStatus, errorCodeToHttpStatus } from './generation-errors';
import type { CancelReason, GenerationErrorCode } from '../streaming/stream-event';

describe(errorCodeToHttpStatus.name, () => {
  it.each<[GenerationErrorCode, number]>([
    ['upstream_auth', 502],
    ['insufficient_credits', 402],
    ['rate_limited', 429],
    ['upstream_error', 502],
    ['timeout', 504],
    ['internal', 500],
  ])('maps %s to %d', (code, status) => {
    expect(errorCodeToHttpStatus(code)).toBe(status);
  });
});

describe(cancelReasonToHttpStatus.name, () => {
  it.each<[CancelReason, number]>([
    ['user_cancelled', 409],
    ['no_clients', 409],
    ['timeout', 504],
    ['server_shutdown', 503],
  ])('maps %s to %d with a message', (reason, status) => {
    expect(cancelReasonToHttpStatus(reason)).toBe(status);
    expect(cancelReasonText(reason).length).toBeGreaterThan(10);
  });
});
