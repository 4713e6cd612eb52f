/** The stand-in OpenRouter (stand-in.ts) in a child process of its own, driven over IPC. */
import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

export interface StandIn {
  url: string;
  pid: number;
  /** Lets every generation waiting at barrier `id` go on. */
  release(id: string): void;
  stop(): void;
}

export async function startStandIn(): Promise<StandIn> {
  const child: ChildProcess = fork(join(__dirname, 'stand-in.js'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.once('message', (m) => resolveUrl((m as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`stand-in exited (${code})`)));
  });
  return { url, pid: child.pid!, release: (id) => void child.send({ release: id }), stop: () => child.disconnect() };
}
