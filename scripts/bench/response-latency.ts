import type { OrgServiceContext } from '../../core/context.ts';
import { callerActor, type EnforcementAdapter, executeAction, revertAction } from '../../services/response/index.ts';
import { percentile } from './stats.ts';

export type LatencyFigures = { apply: number[]; revert: number[] };

const ms = (started: number) => performance.now() - started;

/** The enforcement point alone: what blocking and lifting one address costs without Vigil around it. */
export async function adapterLatency(adapter: EnforcementAdapter, addresses: readonly string[]): Promise<LatencyFigures> {
  const figures: LatencyFigures = { apply: [], revert: [] };
  for (const value of addresses) {
    let started = performance.now();
    const applied = await adapter.apply({ kind: 'ip', value }, { timeoutSeconds: 3600 });
    figures.apply.push(ms(started));
    if (applied.state !== 'completed') throw new Error(`baseline apply ${value}: ${applied.detail}`);
    started = performance.now();
    await adapter.revert({ kind: 'ip', value });
    figures.revert.push(ms(started));
  }
  return figures;
}

/**
 * Through Vigil: request to the point's confirmation (guard rails, stored lifecycle, job enqueued, adapter,
 * outcome recorded), then the unblock the same way (the inverse action and the block marked reverted).
 */
export async function vigilLatency(ctx: OrgServiceContext, addresses: readonly string[]): Promise<LatencyFigures> {
  const figures: LatencyFigures = { apply: [], revert: [] };
  for (const value of addresses) {
    let started = performance.now();
    const block = await executeAction(ctx.deps, ctx.orgId, callerActor(ctx), {
      type: 'block_ip',
      target: value,
      targetField: 'ip',
      durationSeconds: 3600,
      source: 'manual',
    });
    figures.apply.push(ms(started));
    if (block.status !== 'completed') throw new Error(`block ${value}: ${block.status} ${block.status_detail}`);
    started = performance.now();
    const lifted = await revertAction(ctx.deps, ctx.orgId, callerActor(ctx), block.id);
    figures.revert.push(ms(started));
    if (lifted.status !== 'completed') throw new Error(`unblock ${value}: ${lifted.status} ${lifted.status_detail}`);
  }
  return figures;
}

function summary(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms`;
}

export function printLatency(out: (line: string) => void, point: string, baseline: LatencyFigures, vigil: LatencyFigures): void {
  const ratio = (a: number[], b: number[]) =>
    (
      percentile(
        [...a].sort((x, y) => x - y),
        50,
      ) /
      Math.max(
        0.001,
        percentile(
          [...b].sort((x, y) => x - y),
          50,
        ),
      )
    ).toFixed(2);
  out(
    `${point}: block-to-enforced through Vigil ${summary(vigil.apply)} vs the point alone ${summary(baseline.apply)} (×${ratio(vigil.apply, baseline.apply)})`,
  );
  out(`${point}: unblock through Vigil ${summary(vigil.revert)} vs the point alone ${summary(baseline.revert)} (×${ratio(vigil.revert, baseline.revert)})`);
}
