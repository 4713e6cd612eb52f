import type { LoggerService, LogLevel } from '@nestjs/common';
import pino, { Logger as PinoLogger } from 'pino';
import { currentLogFields } from './log-context';

/** Nest's levels as pino's. */
const PINO_LEVEL: Record<LogLevel, pino.Level> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/**
 * Paths pino blanks in any object logged: a key or a token must never reach a log, even when a
 * caller logs a request or a settings object by mistake.
 */
export const REDACTED_PATHS = [
  'apiKey',
  '*.apiKey',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'headers["x-api-key"]',
  '*.headers["x-api-key"]',
];

/**
 * LOG_FORMAT=json: every line one JSON object (pino), with the request id and, during a
 * generation, the chat session and stream ids (log-context.ts), and Nest's context as `context`.
 */
export class JsonLogger implements LoggerService {
  private readonly pino: PinoLogger;

  // Through process.stdout (not straight to fd 1): what a test or a wrapper captures there sees every line.
  constructor(levels: LogLevel[], destination: pino.DestinationStream = process.stdout) {
    const lowest = (['verbose', 'debug', 'log', 'warn', 'error', 'fatal'] as LogLevel[]).find((l) =>
      levels.includes(l),
    );
    this.pino = pino(
      {
        level: PINO_LEVEL[lowest ?? 'log'],
        base: undefined,
        redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
        mixin: () => ({ ...currentLogFields() }),
        formatters: { level: (label) => ({ level: label }) },
      },
      destination,
    );
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /** Nest passes the context (the Logger's name) last; an error's stack before it. */
  private write(level: pino.Level, message: unknown, rest: unknown[]): void {
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const stack = rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    const fields = { ...(context ? { context } : {}), ...(stack ? { stack } : {}) };
    if (typeof message === 'object' && message !== null) this.pino[level]({ ...fields, ...message });
    else this.pino[level](fields, String(message));
  }
}
