import type { StreamRecord } from './mixed-stream.ts';
import { chunk, percentile, runConcurrently } from './stats.ts';

type Post = { path: string; body: string; headers: Record<string, string>; count: number };

/** Builds the request bodies up front, so only the HTTP round trips are timed. */
export function buildPosts(stream: readonly StreamRecord[], batch: number, apiKey: string): Post[] {
  const headers = { 'content-type': 'application/json', 'x-api-key': apiKey };
  const bySource = (source: StreamRecord['source']) => stream.filter((item) => item.source === source).map((item) => item.record);
  const posts: Post[] = [];
  for (const events of chunk(bySource('cowrie'), batch)) {
    posts.push({ path: '/ingest/multi', body: JSON.stringify({ source_type: 'cowrie', hostname: 'hp-1', events }), headers, count: events.length });
  }
  for (const source of ['suricata', 'zeek'] as const) {
    for (const events of chunk(bySource(source), batch)) {
      posts.push({
        path: '/ingest/network/bulk',
        body: JSON.stringify({ source, sensor: { name: `${source}-1`, kind: source }, events }),
        headers,
        count: events.length,
      });
    }
  }
  for (const events of chunk(bySource('agent'), batch)) {
    posts.push({ path: '/events', body: JSON.stringify({ events }), headers, count: events.length });
  }
  return posts;
}

export type HttpPhaseResult = { seconds: number; events: number; stored: number; p50: number; p99: number; failures: string[] };

export async function postAll(baseUrl: string, posts: readonly Post[], concurrency: number): Promise<HttpPhaseResult> {
  let stored = 0;
  const failures: string[] = [];
  const started = performance.now();
  const latencies = await runConcurrently(posts, concurrency, async (post) => {
    const response = await fetch(`${baseUrl}${post.path}`, { method: 'POST', headers: post.headers, body: post.body });
    const result = (await response.json()) as { stored?: number; accepted?: number };
    if (!response.ok) failures.push(`${post.path} ${response.status} ${JSON.stringify(result).slice(0, 200)}`);
    stored += result.stored ?? 0;
  });
  return {
    seconds: (performance.now() - started) / 1000,
    events: posts.reduce((sum, post) => sum + post.count, 0),
    stored,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failures,
  };
}
