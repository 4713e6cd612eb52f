import { cancelReasonText } from './generation-errors';
import type { CancelReason } from '../streaming/stream-event';

describe(cancelReasonText.name, () => {
  it.each<CancelReason>(['user_cancelled', 'no_clients', 'timeout', 'server_shutdown'])(
    'says in words why %s ended the reply',
    (reason) => {
      expect(cancelReasonText(reason).length).toBeGreaterThan(10);
    },
  );
});
