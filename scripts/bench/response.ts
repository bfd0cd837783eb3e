/**
 * npm run bench:response — block-to-enforced and unblock latency through Vigil against the enforcement point
 * alone (a local firewall API peer always; nftables in a network namespace when root), and workflow steps per
 * second on graphile-worker against no-op jobs in the same process and database.
 */

import { outboundPolicyOf } from '../../core/outbound/index.ts';
import {
  createEnforcementPoint,
  createHttpFirewallAdapter,
  createLocalNftRunner,
  createNftablesAdapter,
  deleteOrgEnforcementPoint,
  putResponseSettings,
} from '../../services/response/index.ts';
import { startFirewallPeer } from '../../tests/fixtures/firewall-peer.ts';
import { buildRouterTopology, Namespaces, netnsSupport, uniqueStem } from '../../tests/netns/netns.ts';
import { adapterLatency, printLatency, vigilLatency } from './response-latency.ts';
import { noopJobsPerSecond, workflowStepsPerSecond } from './response-workflows.ts';
import { createBenchEnvironment } from './setup.ts';

// biome-ignore lint/suspicious/noConsole: a benchmark prints its figures
const out = (line: string) => console.log(line);
const SECRET = `whsec_${Buffer.from('bench-firewall-secret-0123456789').toString('base64')}`;
const addresses = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}.${Math.floor(index / 250)}.${(index % 250) + 1}`);

const env = await createBenchEnvironment({ OUTBOUND_ALLOWLIST: '127.0.0.1', RESPONSE_NFTABLES_LOCAL: 'true' });
const peer = await startFirewallPeer(SECRET);
try {
  await putResponseSettings(env.ctx, { max_actions_per_hour: 100_000 });
  const point = await createEnforcementPoint(env.ctx, { kind: 'webhook', name: 'bench-fw', config: { url: peer.url }, secret: SECRET });
  const direct = createHttpFirewallAdapter({ url: peer.url, secret: SECRET, policy: outboundPolicyOf(env.deps.config) });
  await vigilLatency(env.ctx, addresses('100.64', 10)); // warm-up
  const count = 100;
  printLatency(
    out,
    `firewall API (local peer, ${count} addresses)`,
    await adapterLatency(direct, addresses('100.65', count)),
    await vigilLatency(env.ctx, addresses('100.66', count)),
  );

  const nft = netnsSupport();
  if (nft.ok) {
    const namespaces = new Namespaces();
    try {
      const net = buildRouterTopology(namespaces, uniqueStem());
      await deleteOrgEnforcementPoint(env.ctx, point.id);
      const nftPoint = await createEnforcementPoint(env.ctx, { kind: 'nftables', name: 'bench-nft', config: { netns: net.rtr } });
      const raw = createNftablesAdapter({ runner: createLocalNftRunner({ netns: net.rtr }) });
      const nftCount = 30;
      printLatency(
        out,
        `nftables in a network namespace (${nftCount} addresses)`,
        await adapterLatency(raw, addresses('100.67', nftCount)),
        await vigilLatency(env.ctx, addresses('100.68', nftCount)),
      );
      await deleteOrgEnforcementPoint(env.ctx, nftPoint.id);
      await createEnforcementPoint(env.ctx, { kind: 'webhook', name: 'bench-fw-2', config: { url: peer.url }, secret: SECRET });
    } finally {
      namespaces.cleanUp();
    }
  } else {
    out(`nftables: skipped (${nft.reason})`);
  }

  const concurrency = env.deps.config.WORKER_CONCURRENCY;
  const noop = await noopJobsPerSecond(env, 5000, concurrency);
  const stepsPerSecond = await workflowStepsPerSecond(env, 100, 5, concurrency);
  out(
    `graphile-worker, concurrency ${concurrency}: no-op jobs ${Math.round(noop).toLocaleString('en-US')}/s (published: ~183,000/s at concurrency 24 on a tuned server)`,
  );
  out(
    `workflow steps (block_ip at the firewall API, outcome recorded, next step queued): ${Math.round(stepsPerSecond).toLocaleString('en-US')}/s = ${(stepsPerSecond / noop).toFixed(3)} of no-op jobs`,
  );
} finally {
  await peer.close();
  await env.close();
}
