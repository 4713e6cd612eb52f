/**
 * What an OpenRouter API key must look like before it is stored. OpenRouter's keys today are
 * `sk-or-v1-` + 64 hex digits; other `sk-`-prefixed forms (older or future versions, other
 * OpenAI-compatible providers behind OPENROUTER_BASE_URL) are accepted if they are 20–512
 * printable ASCII characters with no whitespace. An `sk-or-v1-` key must have its full 64 hex
 * digits: that catches the commonest mistake, a key cut short while copying.
 */
export const API_KEY_MIN_LENGTH = 20;
export const API_KEY_MAX_LENGTH = 512;
const OPENROUTER_V1_PREFIX = 'sk-or-v1-';

/** Why `value` cannot be an API key, in words that never repeat the value; undefined if it can. */
export function apiKeyFormProblem(value: string): string | undefined {
  if (value.length === 0) return 'apiKey must not be empty';
  if (/\s/.test(value)) {
    return 'apiKey must not contain spaces, tabs or line breaks (check for one copied along with the key)';
  }
  if (!/^[\x21-\x7e]+$/.test(value)) return 'apiKey may contain only printable ASCII characters';
  if (!value.startsWith('sk-')) return 'apiKey must start with "sk-" (OpenRouter keys look like sk-or-v1-…)';
  if (value.length < API_KEY_MIN_LENGTH || value.length > API_KEY_MAX_LENGTH) {
    return `apiKey must be ${API_KEY_MIN_LENGTH} to ${API_KEY_MAX_LENGTH} characters long, got ${value.length}`;
  }
  if (value.startsWith(OPENROUTER_V1_PREFIX) && !/^[0-9a-f]{64}$/i.test(value.slice(OPENROUTER_V1_PREFIX.length))) {
    return `an ${OPENROUTER_V1_PREFIX} key has 64 hex digits after the prefix, this one has ${value.length - OPENROUTER_V1_PREFIX.length} characters (was it cut short when copied?)`;
  }
  return undefined;
}

/** Enough to recognise a key, not to use it: `sk-or-…abcd` (prefix and last four characters). */
export function apiKeyHint(apiKey: string): string {
  const prefix = /^sk-(or|ant)-/.exec(apiKey)?.[0] ?? (apiKey.startsWith('sk-') ? 'sk-' : '');
  // A short key (a local server's) would be half shown by its last four characters.
  return apiKey.length < 12 ? `${prefix}…` : `${prefix}…${apiKey.slice(-4)}`;
}

/** `text` with every occurrence of `secret` blanked, for messages that come from elsewhere. */
export function withoutSecret(text: string, secret: string): string {
  return secret.length === 0 ? text : text.split(secret).join('[redacted]');
}

/**
 * Why `value` cannot be `provider`'s key; undefined if it can. OpenRouter keeps its own rule
 * above; other providers' keys (OpenAI `sk-…`, Anthropic `sk-ant-…`, whatever a local server was
 * given) need only be 1–512 printable ASCII characters without whitespace.
 */
export function providerApiKeyFormProblem(provider: string, value: string): string | undefined {
  if (provider === 'openrouter') return apiKeyFormProblem(value);
  if (value.length === 0) return 'apiKey must not be empty';
  if (/\s/.test(value)) {
    return 'apiKey must not contain spaces, tabs or line breaks (check for one copied along with the key)';
  }
  if (!/^[\x21-\x7e]+$/.test(value)) return 'apiKey may contain only printable ASCII characters';
  if (value.length > API_KEY_MAX_LENGTH) {
    return `apiKey must be at most ${API_KEY_MAX_LENGTH} characters long, got ${value.length}`;
  }
  return undefined;
}
