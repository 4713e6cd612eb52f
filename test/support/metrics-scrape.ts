import { api } from './test-app';

/** Every sample of an instance's GET /metrics, keyed by `name{labels}` as printed. */
export async function scrape(url: string, headers: Record<string, string> = {}): Promise<Map<string, number>> {
  const res = await api<string>(url, 'GET', '/metrics', undefined, headers);
  if (res.status !== 200) throw new Error(`GET /metrics: ${res.status}`);
  const samples = new Map<string, number>();
  for (const line of res.body.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

/** How much each sample grew from `before` to `after` (a sample absent counts as 0). */
export function growth(before: Map<string, number>, after: Map<string, number>): (name: string) => number {
  return (name) => (after.get(name) ?? 0) - (before.get(name) ?? 0);
}
