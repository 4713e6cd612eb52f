// The OpenRouter stand-in lives in stand-ins/ so the bench can use it without reaching into the tests.
export * from '../../stand-ins/openrouter';
