import { spawnSync } from 'node:child_process';

/**
 * Python's `cryptography.fernet` as the reference implementation for interop tests. Inputs go
 * through stdin as JSON, so keys and secrets never appear in a process listing. A missing
 * python3 or `cryptography` fails the test loudly (CI installs python3-cryptography via apt);
 * it is never a reason to skip.
 */

type PythonRequest =
  | { op: 'encrypt'; keys: string[]; plaintext: string }
  | { op: 'decrypt'; keys: string[]; token: string }
  | { op: 'rotate'; keys: string[]; token: string }
  | { op: 'generate_key' };

const SCRIPT = `
import json, sys
from cryptography.fernet import Fernet, MultiFernet
req = json.load(sys.stdin)
op = req["op"]
if op == "generate_key":
    out = Fernet.generate_key().decode()
else:
    f = MultiFernet([Fernet(k) for k in req["keys"]])
    if op == "encrypt":
        out = f.encrypt(req["plaintext"].encode()).decode()
    elif op == "decrypt":
        out = f.decrypt(req["token"].encode()).decode()
    elif op == "rotate":
        out = f.rotate(req["token"].encode()).decode()
sys.stdout.write(json.dumps({"out": out}))
`;

function runPython(request: PythonRequest): string {
  const result = spawnSync('python3', ['-c', SCRIPT], { input: JSON.stringify(request), encoding: 'utf8' });
  if (result.error) {
    throw new Error(
      `python3 is needed for the Fernet interop tests (apt-get install python3-cryptography): ${result.error.message}`,
    );
  }
  if (result.status !== 0) {
    if (result.stderr.includes('ModuleNotFoundError')) {
      throw new Error("python3 has no 'cryptography' module: apt-get install python3-cryptography");
    }
    const last = result.stderr.trim().split('\n').pop() ?? '';
    throw new PythonFernetError(last);
  }
  return (JSON.parse(result.stdout) as { out: string }).out;
}

/** Python raised (e.g. `cryptography.fernet.InvalidToken`); carries its last stderr line. */
export class PythonFernetError extends Error {
  constructor(readonly pythonError: string) {
    super(`python raised ${pythonError}`);
    this.name = 'PythonFernetError';
  }
}

/** Encrypts with `MultiFernet(keys)` (the first key encrypts). */
export function pythonEncrypt(keys: string[], plaintext: string): string {
  return runPython({ op: 'encrypt', keys, plaintext });
}

/** Decrypts with `MultiFernet(keys)`; throws PythonFernetError on InvalidToken. */
export function pythonDecrypt(keys: string[], token: string): string {
  return runPython({ op: 'decrypt', keys, token });
}

/** `MultiFernet(keys).rotate(token)`: re-encrypts under the first key. */
export function pythonRotate(keys: string[], token: string): string {
  return runPython({ op: 'rotate', keys, token });
}

export function pythonGenerateKey(): string {
  return runPython({ op: 'generate_key' });
}
