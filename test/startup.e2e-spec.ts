import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createScratchDatabase, TEST_DB, TEST_ENCRYPTION_KEY } from './support/test-app';

/**
 * The built server as a user runs it (`node dist/src/main.js`): start-up, refusals and shutdown
 * as a process, with exit codes and what it prints.
 */
const ROOT = resolve(__dirname, '..');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

class ServerProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<Exit>;

  constructor(readonly child: ChildProcess) {
    child.stdout!.on('data', (d: Buffer) => (this.stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((done) =>
      child.on('exit', (code, signal) => done({ code, signal, stdout: this.stdout, stderr: this.stderr })),
    );
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }
}

/** Starts `node dist/src/main.js` with exactly `env` (plus PATH): nothing leaks in from the test run. */
function spawnServer(env: Record<string, string>): ServerProcess {
  return new ServerProcess(
    spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

async function runToExit(env: Record<string, string>, timeoutMs = 60_000): Promise<Exit> {
  const server = spawnServer(env);
  const timer = setTimeout(() => server.child.kill('SIGKILL'), timeoutMs);
  const exit = await server.exited;
  clearTimeout(timer);
  return exit;
}

async function waitForHealth(server: ServerProcess, url: string, timeoutMs = 90_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!server.running) throw new Error(`the server exited during start-up:\n${server.stderr}${server.stdout}`);
    try {
      const res = await fetch(url);
      if (res.status === 200) return res;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms:\n${server.stderr}${server.stdout}`);
}

/** The non-empty lines a process wrote to stderr. */
function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}

/** Stopped with one line on stderr saying what to fix: no stack trace, no Nest log noise. */
function expectOneLineRefusal(exit: Exit, ...mustName: string[]): void {
  expect({ code: exit.code, stderr: lines(exit.stderr) }).toEqual({ code: 1, stderr: [expect.any(String)] });
  const [line] = lines(exit.stderr);
  expect(line).toMatch(/^Hearth cannot start: /);
  for (const name of mustName) expect(line).toContain(name);
  expect(exit.stderr).not.toMatch(/\n\s+at /);
}

describe(`start-up of the built server (${TEST_DB})`, () => {
  const dirs: string[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'hearth-startup-'));
    dirs.push(dir);
    return dir;
  };

  beforeAll(() => {
    try {
      execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
    } catch (err) {
      const { stdout, stderr } = err as { stdout?: Buffer; stderr?: Buffer };
      throw new Error(
        `npm run build failed, so the server cannot be started:\n${stdout?.toString() ?? ''}${stderr?.toString() ?? ''}`,
      );
    }
  }, 180_000);

  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  describe('a normal start', () => {
    let dataDir: string;
    let port: number;
    let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
    let env: Record<string, string>;

    beforeAll(async () => {
      dataDir = tempDir();
      port = await freePort();
      scratch = TEST_DB === 'postgres' ? await createScratchDatabase() : undefined;
      env = {
        PORT: String(port),
        DATA_DIR: dataDir,
        ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
        ...(scratch ? { DATABASE_URL: scratch.url } : {}),
      };
    });
    afterAll(() => scratch?.drop());

    it('answers /api/health on the default host, then stops within 10 s of SIGTERM, cleanly', async () => {
      const server = spawnServer(env);
      try {
        const res = await waitForHealth(server, `http://127.0.0.1:${port}/api/health`);
        expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok' });
        expect(server.stdout).toContain(`Hearth listening on http://127.0.0.1:${port}`);
        if (!scratch) expect(server.stdout).toContain('embedded PostgreSQL');
      } finally {
        server.child.kill('SIGTERM');
      }
      const signalled = Date.now();
      const exit = await server.exited;
      expect(Date.now() - signalled).toBeLessThan(10_000);
      expect(exit.code).toBe(0);
      expect(lines(exit.stderr)).toEqual([]);
    }, 150_000);

    it('starts again on the same data after that shutdown (the database was closed cleanly)', async () => {
      const server = spawnServer(env);
      try {
        const res = await waitForHealth(server, `http://127.0.0.1:${port}/api/health`);
        expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok' });
      } finally {
        server.child.kill('SIGTERM');
      }
      expect(lines((await server.exited).stderr)).toEqual([]);
    }, 150_000);
  });

  describe('refusals: exit 1 with one line naming the variable', () => {
    const base = (): Record<string, string> => ({ DATA_DIR: tempDir(), ENCRYPTION_KEY: TEST_ENCRYPTION_KEY });

    it('HOST=0.0.0.0 without tokens names API_TOKEN and ADMIN_TOKEN', async () => {
      expectOneLineRefusal(await runToExit({ ...base(), HOST: '0.0.0.0' }), 'HOST', 'API_TOKEN', 'ADMIN_TOKEN');
    }, 60_000);

    it('HOST=0.0.0.0 with tokens but no ALLOWED_HOSTS names ALLOWED_HOSTS', async () => {
      const exit = await runToExit({ ...base(), HOST: '0.0.0.0', API_TOKEN: 'u', ADMIN_TOKEN: 'a' });
      expectOneLineRefusal(exit, 'ALLOWED_HOSTS', '0.0.0.0');
    }, 60_000);

    it('a malformed ALLOWED_HOSTS entry', async () => {
      expectOneLineRefusal(await runToExit({ ...base(), ALLOWED_HOSTS: 'https://chat.example.org' }), 'ALLOWED_HOSTS');
    }, 60_000);

    it('a bad PORT', async () => {
      expectOneLineRefusal(await runToExit({ ...base(), PORT: 'eighty' }), 'PORT');
    }, 60_000);

    it('a malformed ENCRYPTION_KEY, without repeating it', async () => {
      const exit = await runToExit({ ...base(), ENCRYPTION_KEY: 'not-a-fernet-key' });
      expectOneLineRefusal(exit, 'ENCRYPTION_KEY');
      expect(exit.stderr).not.toContain('not-a-fernet-key');
    }, 60_000);

    it('NODE_ENV=production without ENCRYPTION_KEY', async () => {
      const exit = await runToExit({ DATA_DIR: tempDir(), NODE_ENV: 'production' });
      expectOneLineRefusal(exit, 'ENCRYPTION_KEY', 'NODE_ENV=production');
    }, 60_000);

    it('an unreachable DATABASE_URL, without its password', async () => {
      const exit = await runToExit({
        ...base(),
        PORT: String(await freePort()),
        DATABASE_URL: 'postgres://postgres:hunter2@127.0.0.1:1/x',
      });
      expectOneLineRefusal(exit, 'DATABASE_URL', '127.0.0.1:1');
      expect(exit.stderr + exit.stdout).not.toContain('hunter2');
    }, 60_000);

    it('an unreachable REDIS_URL, without its password', async () => {
      const exit = await runToExit({
        ...base(),
        PORT: String(await freePort()),
        REDIS_URL: 'redis://:hunter2@127.0.0.1:1',
      });
      expectOneLineRefusal(exit, 'REDIS_URL', '127.0.0.1:1');
      expect(exit.stderr + exit.stdout).not.toContain('hunter2');
    }, 60_000);

    it('a port already in use: exit 1, the last line says which address', async () => {
      const port = await freePort();
      const blocker: Server = createServer();
      await new Promise<void>((done) => blocker.listen(port, '127.0.0.1', done));
      try {
        const exit = await runToExit({ ...base(), PORT: String(port) });
        // Nest logs the failed listen itself before main's line, so this one is not a single line.
        expect(exit.code).toBe(1);
        expect(lines(exit.stderr).at(-1)).toMatch(
          new RegExp(`^Hearth cannot start: .*EADDRINUSE.*127\\.0\\.0\\.1:${port}`),
        );
        expect(exit.stderr).not.toMatch(/\n\s+at /);
      } finally {
        await new Promise<void>((done) => blocker.close(() => done()));
      }
    }, 120_000);
  });
});
