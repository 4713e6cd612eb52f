/**
 * The event loop's delay as a server reports it on /metrics (Hearth through prom-client, the
 * floor relay itself): the server's event-loop delay since its last scrape (p50, p99, max), beyond the 10 ms timer of
 * monitorEventLoopDelay that prom-client (and the floor relay) sample it with; null if unreadable.
 */
export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

export async function scrapeLoopDelay(url: string): Promise<LoopDelay | null> {
  try {
    const text = await (await fetch(`${url}/metrics`)).text();
    const read = (name: string): number => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
    const beyond = (s: number): number => Math.max(0, s * 1000 - 10);
    const p50 = read('nodejs_eventloop_lag_p50_seconds');
    const p99 = read('nodejs_eventloop_lag_p99_seconds');
    const max = read('nodejs_eventloop_lag_max_seconds');
    return Number.isFinite(p50) && Number.isFinite(p99)
      ? { p50: beyond(p50), p99: beyond(p99), max: beyond(max) }
      : null;
  } catch {
    return null;
  }
}
