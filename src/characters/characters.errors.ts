import { DomainError } from '../errors/domain-error';

export enum CharacterErrorCode {
  /** An import whose body is not a Character Card (the message says why). */
  NotACard = 'not_a_card',
}

export class CharacterDomainError extends DomainError<CharacterErrorCode> {}
