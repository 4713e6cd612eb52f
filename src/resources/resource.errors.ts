import { DomainError } from '../errors/domain-error';

export enum ResourceErrorCode {
  /** "Chat session 42 does not exist" */
  NotFound = 'not_found',
  /** The record is still referred to (an AI model used by chat sessions). */
  InUse = 'in_use',
  /** A request names a record that does not exist or does not belong there. */
  BadReference = 'bad_reference',
}

export class ResourceDomainError extends DomainError<ResourceErrorCode> {}
