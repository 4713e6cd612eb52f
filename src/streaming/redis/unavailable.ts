import { StreamHubUnavailableError } from '../streaming.errors';

/**
 * A Redis round trip made for a client's request: its failure (a command refused, the connection
 * lost, another instance silent) becomes StreamHubUnavailableError, a 503 the client can retry.
 * Only Redis calls are wrapped, so a bug in the hub's own code stays a 500.
 */
export function answeredByRedis<T>(call: Promise<T>): Promise<T> {
  return call.catch((err: unknown) => {
    throw err instanceof StreamHubUnavailableError ? err : new StreamHubUnavailableError(err);
  });
}
