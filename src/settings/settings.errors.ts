import { DomainError } from '../errors/domain-error';

export enum SettingsErrorCode {
  /** What was sent cannot be an API key (see api-key-form.ts). */
  KeyMalformed = 'key_malformed',
  /** A key is stored but no configured ENCRYPTION_KEY opens it. */
  KeyUnreadable = 'key_unreadable',
  /** `?verify=true` and the provider said no. */
  KeyRejected = 'key_rejected',
  /** `?verify=true` and the provider gave no answer about the key. */
  VerificationUnavailable = 'verification_unavailable',
}

export class SettingsDomainError extends DomainError<SettingsErrorCode> {}

/**
 * The stored key is there but no configured ENCRYPTION_KEY opens it: the server's state (its keys
 * vs. the stored token) is what is wrong, and the admin can fix it by restoring the old key, or
 * by setting (PUT) or removing (DELETE) the API key again.
 */
export class StoredApiKeyUnreadableError extends SettingsDomainError {
  constructor(provider = 'OpenRouter') {
    super(
      SettingsErrorCode.KeyUnreadable,
      `The stored ${provider} API key cannot be decrypted with any key in ENCRYPTION_KEY: it was saved under a key ` +
        'that is no longer configured. Put that key back in ENCRYPTION_KEY (after the current one), or set the ' +
        'API key again.',
    );
  }
}

/** `?verify=true` and the provider said no; nothing was stored. */
export class ApiKeyRejectedError extends SettingsDomainError {
  /** @param reason the provider's own words, already free of the key */
  constructor(reason: string) {
    super(SettingsErrorCode.KeyRejected, `The API key was not stored: ${reason}`);
  }
}

/** `?verify=true` and the provider gave no answer about the key; nothing was stored. */
export class ApiKeyVerificationUnavailableError extends SettingsDomainError {
  /** @param why what went wrong, safe to show (e.g. "OpenRouter could not be reached (ECONNREFUSED)") */
  constructor(why: string) {
    super(
      SettingsErrorCode.VerificationUnavailable,
      `The API key was not stored: ${why.replace(/[.;\s]+$/, '')}. Try again, or save it without ?verify=true.`,
    );
  }
}
