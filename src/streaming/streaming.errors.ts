import { DomainError } from '../errors/domain-error';

export enum StreamingErrorCode {
  TooManyConnections = 'too_many_connections',
  /** The hub's backing store (Redis) cannot answer; the client may retry. */
  HubUnavailable = 'hub_unavailable',
}

export class StreamingDomainError extends DomainError<StreamingErrorCode> {}

export class TooManyConnectionsError extends StreamingDomainError {
  constructor(readonly limit: number) {
    super(
      StreamingErrorCode.TooManyConnections,
      `This chat session already has ${limit} open stream connections (MAX_CONNECTIONS_PER_SESSION)`,
    );
  }
}

/**
 * Thrown by a hub only where its backing store failed to answer (a command refused, the
 * connection lost, another instance silent), never for a bug in the hub's own code.
 */
export class StreamHubUnavailableError extends StreamingDomainError {
  /** @param cause what the store said, for the logs */
  constructor(cause: unknown) {
    super(StreamingErrorCode.HubUnavailable, 'Live streaming state (Redis) is unavailable; try again in a moment', {
      cause,
    });
  }
}
