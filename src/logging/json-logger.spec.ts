import { describe, expect, it } from '@jest/globals';
import { JsonLogger } from './json-logger';
import { addLogFields, withLogFields } from './log-context';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = { write: (s: string) => lines.push(JSON.parse(s) as Record<string, unknown>) };
  return { lines, sut: new JsonLogger(['log', 'warn', 'error'], destination) };
}

describe(JsonLogger.name, () => {
  it('writes Nest’s message, level and context as one JSON object', () => {
    const { lines, sut } = capture();
    sut.log('Hearth listening', 'Hearth');
    sut.error('Stream failed', 'Error: boom\n    at x', 'Generation');
    sut.debug('not at this level', 'Generation');

    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', msg: 'Hearth listening', context: 'Hearth' }),
      expect.objectContaining({
        level: 'error',
        msg: 'Stream failed',
        context: 'Generation',
        stack: 'Error: boom\n    at x',
      }),
    ]);
  });

  it('adds the request’s fields, and those a generation adds, to every line written on its behalf', () => {
    const { lines, sut } = capture();
    withLogFields({ requestId: 'req-7' }, () => {
      sut.log('before', 'X');
      addLogFields({ chatSessionId: 3, streamId: 's-1' });
      sut.log('after', 'X');
    });
    sut.log('outside', 'X');

    expect(
      lines.map(({ msg, requestId, chatSessionId, streamId }) => ({ msg, requestId, chatSessionId, streamId })),
    ).toEqual([
      { msg: 'before', requestId: 'req-7', chatSessionId: undefined, streamId: undefined },
      { msg: 'after', requestId: 'req-7', chatSessionId: 3, streamId: 's-1' },
      { msg: 'outside', requestId: undefined, chatSessionId: undefined, streamId: undefined },
    ]);
  });

  it('blanks a key or a token in any object logged', () => {
    const { lines, sut } = capture();
    sut.warn({ msg: 'settings', apiKey: 'sk-or-v1-secret', request: { headers: { authorization: 'Bearer t' } } });

    expect(JSON.stringify(lines)).not.toMatch(/sk-or-v1-secret|Bearer t/);
    expect(lines[0]).toMatchObject({ apiKey: '[redacted]', request: { headers: { authorization: '[redacted]' } } });
  });
});
