import { isIP } from 'node:net';

/** Host names as a Host header and ALLOWED_HOSTS give them; read by the config and by the host check. */

export interface ParsedHost {
  /** Lower-case, without a trailing dot; an IPv6 address keeps its brackets (`[::1]`). */
  name: string;
  port?: string;
}

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/** `name`, `name:port`, `[v6]` or `[v6]:port`, as in a Host header; null when it is none of these. */
export function parseHost(value: string): ParsedHost | null {
  const text = value.trim().toLowerCase();
  const match = /^(\[[^\]]*\]|[^:[\]]*)(?::(\d{1,5}))?$/.exec(text);
  if (!match) return null;
  const rawName = match[1];
  const port = match.at(2); // undefined when the optional group did not match
  if (port !== undefined && Number(port) > 65535) return null;
  if (rawName.startsWith('[')) {
    return isIP(rawName.slice(1, -1)) === 6 ? { name: rawName, ...(port ? { port } : {}) } : null;
  }
  const name = rawName.endsWith('.') ? rawName.slice(0, -1) : rawName;
  if (name.length === 0 || name.length > 253 || !name.split('.').every((label) => LABEL.test(label))) return null;
  return { name, ...(port ? { port } : {}) };
}

/** localhost, 127.0.0.0/8 and [::1]: names that only ever reach this machine. */
export function isLoopbackName(name: string): boolean {
  if (name === 'localhost' || name === '[::1]') return true;
  return isIP(name) === 4 && name.startsWith('127.');
}

/** Whether a request's Host header names this server: loopback (any port) or one of `allowed`. */
