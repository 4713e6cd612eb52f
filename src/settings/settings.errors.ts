import { BadGatewayException, BadRequestException, ConflictException } from '@nestjs/common';

/**
 * The stored key is there but no configured ENCRYPTION_KEY opens it. 409: the server's state
 * (its keys vs. the stored token) is what is wrong, and the admin can fix it by restoring the
 * old key, or by setting (PUT) or removing (DELETE) the API key again.
 */
export class StoredApiKeyUnreadableException extends ConflictException {
  constructor() {
    super(
      'The stored OpenRouter API key cannot be decrypted with any key in ENCRYPTION_KEY: it was saved under a key ' +
        'that is no longer configured. Put that key back in ENCRYPTION_KEY (after the current one), or set the ' +
        'API key again.',
    );
  }
}

/** `?verify=true` and the provider said no; nothing was stored. */
export class ApiKeyRejectedException extends BadRequestException {
  /** @param reason the provider's own words, already free of the key */
  constructor(reason: string) {
    super(`The API key was not stored: ${reason}`);
  }
}

/** `?verify=true` and the provider gave no answer about the key; nothing was stored. */
export class ApiKeyVerificationUnavailableException extends BadGatewayException {
  /** @param why what went wrong, safe to show (e.g. "OpenRouter could not be reached (ECONNREFUSED)") */
  constructor(why: string) {
    super(`The API key was not stored: ${why.replace(/[.;\s]+$/, '')}. Try again, or save it without ?verify=true.`);
  }
}
