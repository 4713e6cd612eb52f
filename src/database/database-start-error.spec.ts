import { ConfigError } from '../config/app-config';
import { databaseStartError } from './database-start-error';

function connError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe(databaseStartError.name, () => {
  const url = 'postgres://hearth:p%40ss%20word@db.internal:6543/hearth';

  it('names DATABASE_URL, the server meant and the reason', () => {
    const sut = databaseStartError(connError('connect ECONNREFUSED 10.0.0.5:6543', 'ECONNREFUSED'), url, '/data');
    expect(sut).toBeInstanceOf(ConfigError);
    expect(sut.variable).toBe('DATABASE_URL');
    expect(sut.message).toBe(
      'DATABASE_URL: cannot connect to or migrate the database at db.internal:6543/hearth: connect ECONNREFUSED 10.0.0.5:6543',
    );
  });

  it('never repeats the password, as written or decoded, nor credentials in a URL', () => {
    const sut = databaseStartError(
      new Error('bad "p%40ss%20word" or "p@ss word" in postgres://hearth:p@ss@db.internal/hearth'),
      url,
      '/data',
    );
    expect(sut.message).not.toMatch(/p%40ss|p@ss|ss word/);
    expect(sut.message).toContain('postgres://***@');
  });

  it('spells out an AggregateError (several addresses tried), which has no message of its own', () => {
    const err = new AggregateError(
      [
        connError('connect ECONNREFUSED ::1:1', 'ECONNREFUSED'),
        connError('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED'),
      ],
      '',
    );
    const sut = databaseStartError(err, 'postgres://postgres@localhost:1/x', '/data');
    expect(sut.message).toContain('connect ECONNREFUSED ::1:1; connect ECONNREFUSED 127.0.0.1:1');
  });

  it('falls back to the error code when there is no message', () => {
    const sut = databaseStartError(connError('', 'ETIMEDOUT'), 'postgres://db/x', '/data');
    expect(sut.message).toMatch(/db:5432\/x: ETIMEDOUT$/);
  });

  it('keeps to one line', () => {
    const sut = databaseStartError(new Error('relation "x"\n  already exists'), 'postgres://db/x', '/data');
    expect(sut.message).not.toContain('\n');
  });

  it('blames DATA_DIR when the embedded database fails', () => {
    const sut = databaseStartError(new Error('EACCES: permission denied, mkdir'), undefined, '/var/lib/hearth');
    expect(sut.variable).toBe('DATA_DIR');
    expect(sut.message).toBe(
      'DATA_DIR: the embedded database in /var/lib/hearth cannot start or migrate: EACCES: permission denied, mkdir',
    );
  });
});
