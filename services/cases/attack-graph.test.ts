import { describe, expect, it } from 'vitest';
import { buildAttackGraph } from './attack-graph.ts';

describe('buildAttackGraph', () => {
  const flows = [
    { src: '203.0.113.10', dst: '10.0.0.2', dst_port: 22, transport: 'tcp', count: 6 },
    { src: '203.0.113.10', dst: '10.0.0.2', dst_port: 23, transport: 'TCP', count: 2 },
    { src: '192.0.2.66', dst: '10.0.0.5', dst_port: 80, transport: null, count: 1 },
  ];
  const techniques = [
    { entity: '203.0.113.10', technique: 'T1110.001', count: 3 },
    { entity: 'web-01', technique: 'T1496', count: 1 },
  ];

  it('links sources to hosts, hosts to services, and entities to techniques, summing counts', () => {
    const graph = buildAttackGraph(flows, techniques, { maxNodes: 100, maxEdges: 100 });
    expect(graph.nodes.find((node) => node.id === 'ip:203.0.113.10')).toMatchObject({ type: 'source_ip', count: 8 });
    expect(graph.nodes.find((node) => node.id === 'svc:23/tcp')).toMatchObject({ label: '23/tcp (telnet)', count: 2 });
    expect(graph.nodes.find((node) => node.id === 'entity:web-01')).toMatchObject({ type: 'entity' });
    expect(graph.nodes.find((node) => node.id === 'tech:T1496')?.label).toBe('T1496 Resource Hijacking');
    expect(graph.edges).toContainEqual({ source: 'ip:203.0.113.10', target: 'host:10.0.0.2', type: 'connects_to', count: 8 });
    expect(graph.edges).toContainEqual({ source: 'host:10.0.0.2', target: 'svc:22/tcp', type: 'targets_service', count: 6 });
    expect(graph.edges).toContainEqual({ source: 'ip:203.0.113.10', target: 'tech:T1110.001', type: 'uses_technique', count: 3 });
    expect(graph.truncated).toBe(false);
  });

  it('keeps the busiest nodes and only edges between kept nodes', () => {
    const graph = buildAttackGraph(flows, techniques, { maxNodes: 3, maxEdges: 100 });
    expect(graph.nodes).toHaveLength(3);
    const kept = new Set(graph.nodes.map((node) => node.id));
    expect(graph.edges.every((edge) => kept.has(edge.source) && kept.has(edge.target))).toBe(true);
    expect(graph.truncated).toBe(true);
  });
});
