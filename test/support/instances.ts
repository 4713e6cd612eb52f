/**
 * Several Hearth instances of one deployment for the multi-instance e2e suites: the same
 * PostgreSQL database (a scratch one: two processes cannot share an embedded PGlite), the same
 * Redis under one key prefix, the same stand-in OpenRouter.
 *
 *   const c = await startCluster();                      // A and B in this process
 *   const c = await startCluster({ spawnA: true });      // A a child process (`node …/main.js`), killable
 *   c.a.url, c.b.url, c.fake, c.env
 *   await c.a.kill?.();                                   // SIGKILL (spawned instances only)
 *   await c.close();
 *
 * A spawned instance runs the app compiled from this tree (transpiled once per test process into
 * a temporary folder, so the shared dist/ is never touched and others' type errors do not block).
 */
import { ChildProcess, spawn } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import * as ts from 'typescript';
import { FakeOpenRouter } from './fake-openrouter';
import { TEST_API_KEY } from './generation-fixture';
import { api, createScratchDatabase, startTestApp, TEST_ENCRYPTION_KEY, TestApp } from './test-app';

const ROOT = resolve(__dirname, '..', '..');
export const MACHINE_REDIS_URL = process.env.HEARTH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface Instance {
  name: string;
  url: string;
  close(): Promise<void>;
  /** SIGKILL: only for spawned instances. */
  kill?(): Promise<void>;
  /** What a spawned instance wrote to stdout and stderr so far. */
  output?(): string;
}

export interface Cluster {
  a: Instance;
  b: Instance;
  /** B's app, for reading the shared database (messageRows). */
  db: TestApp;
  fake: FakeOpenRouter;
  /** What both instances were started with. */
  env: Record<string, string>;
  close(): Promise<void>;
}

let bundle: string | undefined;

/** Transpiles src/ and migrations/ to plain JavaScript once per test process; returns main.js. */
export function buildInstanceBundle(): string {
  if (bundle) return bundle;
  const out = mkdtempSync(join(tmpdir(), 'hearth-instance-'));
  const configFile = ts.readConfigFile(join(ROOT, 'tsconfig.json'), (p) => ts.sys.readFile(p));
  const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, ROOT);
  const compilerOptions: ts.CompilerOptions = {
    ...options,
    sourceMap: false,
    inlineSourceMap: false,
    outDir: undefined,
  };
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return walk(path);
      return path.endsWith('.ts') && !path.endsWith('.spec.ts') && !path.endsWith('.d.ts') ? [path] : [];
    });
  for (const file of [...walk(join(ROOT, 'src')), ...walk(join(ROOT, 'migrations'))]) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions, fileName: file });
    const target = join(out, relative(ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  // The chat page is served from two levels above src/web, as in dist/.
  symlinkSync(join(ROOT, 'public'), join(out, 'public'));
  bundle = join(out, 'src', 'main.js');
  return bundle;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** Runs `node main.js` with `env`; resolves once GET /api/health answers. */
export async function spawnInstance(name: string, env: Record<string, string>): Promise<Instance> {
  const main = buildInstanceBundle();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-test-'));
  const child: ChildProcess = spawn(process.execPath, [main], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_PATH: join(ROOT, 'node_modules'),
      // Passed on so a developer can add --inspect or --enable-source-maps to spawned instances.
      ...(process.env.NODE_OPTIONS ? { NODE_OPTIONS: process.env.NODE_OPTIONS } : {}),
      ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      LOG_LEVEL: process.env.HEARTH_TEST_LOG ?? 'error',
      ...env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  // An object, not a `let`: TypeScript cannot see the callback set it, and would call the check below always false.
  const state = { gone: false };
  void exited.then(() => (state.gone = true));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (state.gone) throw new Error(`instance ${name} exited while starting:\n${output}`);
    const ok = await fetch(`${url}/api/health`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`instance ${name} did not become healthy:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = async (signal: NodeJS.Signals) => {
    if (!state.gone) child.kill(signal);
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { name, url, close: () => stop('SIGTERM'), kill: () => stop('SIGKILL'), output: () => output };
}

/** Both instances of one deployment; A spawned as a child process when asked. */
export async function startCluster(options: { spawnA?: boolean; env?: Record<string, string> } = {}): Promise<Cluster> {
  const fake = await FakeOpenRouter.start();
  const db = await createScratchDatabase();
  const env: Record<string, string> = {
    DATABASE_URL: db.url,
    REDIS_URL: MACHINE_REDIS_URL,
    REDIS_KEY_PREFIX: `hearth-test-${randomBytes(6).toString('hex')}:`,
    OPENROUTER_BASE_URL: fake.url,
    UPSTREAM_MAX_RETRIES: '0',
    ...options.env,
  };
  const started: Instance[] = [];
  try {
    // One after the other: the first migrates the shared database.
    const a = options.spawnA ? await spawnInstance('A', env) : inProcess('A', await startTestApp(env));
    started.push(a);
    const bApp = await startTestApp(env);
    const b = inProcess('B', bApp);
    started.push(b);
    const put = await api(a.url, 'PUT', '/api/settings/openrouter-api-key', { apiKey: TEST_API_KEY });
    if (put.status !== 200) throw new Error(`could not store the API key: ${put.status} ${JSON.stringify(put.body)}`);
    return {
      a,
      b,
      db: bApp,
      fake,
      env,
      close: async () => {
        for (const i of started.reverse()) await i.close().catch(() => undefined);
        await fake.close();
        await db.drop();
      },
    };
  } catch (err) {
    for (const i of started) await i.close().catch(() => undefined);
    await fake.close();
    await db.drop();
    throw err;
  }
}

function inProcess(name: string, t: TestApp): Instance {
  let closed = false;
  return {
    name,
    url: t.url,
    close: async () => {
      if (closed) return;
      closed = true;
      await t.close();
    },
  };
}

/**
 * A Redis server of the test's own on a free port, which the test may stop and start again
 * (never the machine's shared one). No persistence: a restart comes back empty.
 */
export class ScratchRedis {
  private process: ChildProcess | null = null;

  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<ScratchRedis> {
    const redis = new ScratchRedis(await freePort());
    await redis.resume();
    return redis;
  }

  async resume(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    this.process = child;
    const deadline = Date.now() + 10_000;
    while (!(await this.answers())) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`redis-server on ${this.port} did not start`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Stops it hard, as a crash or a network cut would look to its clients. */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGKILL');
    await exited;
  }

  private async answers(): Promise<boolean> {
    return new Promise((resolveAnswer) => {
      const socket = connect(this.port, '127.0.0.1');
      socket.once('error', () => resolveAnswer(false));
      socket.once('data', (d: Buffer) => {
        socket.destroy();
        resolveAnswer(d.toString().startsWith('+PONG'));
      });
      socket.once('connect', () => socket.write('PING\r\n'));
    });
  }
}
