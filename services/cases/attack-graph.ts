import type { FlowRow, TechniqueRow } from '../../db/queries/cases-analytics.ts';
import { techniqueName } from './mitre.ts';

// Builds the attack-path graph from aggregated flows and techniques. Pure; node and edge counts are bounded.

export type NodeType = 'source_ip' | 'entity' | 'target_host' | 'service' | 'technique';
export type GraphNode = { id: string; type: NodeType; label: string; count: number };
export type GraphEdge = { source: string; target: string; type: 'connects_to' | 'targets_service' | 'uses_technique'; count: number };
export type AttackGraph = { nodes: GraphNode[]; edges: GraphEdge[]; truncated: boolean };

const SERVICES: Readonly<Record<number, string>> = {
  21: 'ftp',
  22: 'ssh',
  23: 'telnet',
  25: 'smtp',
  53: 'dns',
  80: 'http',
  110: 'pop3',
  139: 'netbios',
  143: 'imap',
  443: 'https',
  445: 'smb',
  1433: 'mssql',
  2222: 'ssh-alt',
  3306: 'mysql',
  3389: 'rdp',
  5432: 'postgresql',
  5900: 'vnc',
  6379: 'redis',
  8080: 'http-alt',
};

const IP_LIKE = /^[0-9a-f:.]+$/i;

class GraphBuilder {
  readonly nodes = new Map<string, GraphNode>();
  readonly edges = new Map<string, GraphEdge>();
  node(id: string, type: NodeType, label: string, count: number): string {
    const node = this.nodes.get(id) ?? { id, type, label, count: 0 };
    node.count += count;
    this.nodes.set(id, node);
    return id;
  }
  edge(source: string, target: string, type: GraphEdge['type'], count: number): void {
    const key = `${source}>${target}`;
    const edge = this.edges.get(key) ?? { source, target, type, count: 0 };
    edge.count += count;
    this.edges.set(key, edge);
  }
}

function addFlow(graph: GraphBuilder, flow: FlowRow): void {
  const source = graph.node(`ip:${flow.src}`, 'source_ip', flow.src, flow.count);
  const host = flow.dst === null ? null : graph.node(`host:${flow.dst}`, 'target_host', flow.dst, flow.count);
  if (host !== null) graph.edge(source, host, 'connects_to', flow.count);
  if (flow.dst_port === null) return;
  const proto = (flow.transport ?? 'tcp').toLowerCase();
  const name = SERVICES[flow.dst_port];
  const service = graph.node(`svc:${flow.dst_port}/${proto}`, 'service', `${flow.dst_port}/${proto}${name ? ` (${name})` : ''}`, flow.count);
  graph.edge(host ?? source, service, 'targets_service', flow.count);
}

function addTechnique(graph: GraphBuilder, row: TechniqueRow): void {
  const isIp = IP_LIKE.test(row.entity) && (row.entity.includes('.') || row.entity.includes(':'));
  const entity = isIp ? graph.node(`ip:${row.entity}`, 'source_ip', row.entity, 0) : graph.node(`entity:${row.entity}`, 'entity', row.entity, row.count);
  const technique = graph.node(`tech:${row.technique}`, 'technique', `${row.technique} ${techniqueName(row.technique)}`, row.count);
  graph.edge(entity, technique, 'uses_technique', row.count);
}

export function buildAttackGraph(flows: readonly FlowRow[], techniques: readonly TechniqueRow[], bounds: { maxNodes: number; maxEdges: number }): AttackGraph {
  const graph = new GraphBuilder();
  for (const flow of flows) addFlow(graph, flow);
  for (const row of techniques) addTechnique(graph, row);
  const byCount = <T extends { count: number }>(a: T, b: T) => b.count - a.count;
  const nodes = [...graph.nodes.values()].sort(byCount).slice(0, bounds.maxNodes);
  const kept = new Set(nodes.map((node) => node.id));
  const candidates = [...graph.edges.values()].filter((edge) => kept.has(edge.source) && kept.has(edge.target)).sort(byCount);
  const edges = candidates.slice(0, bounds.maxEdges);
  return { nodes, edges, truncated: nodes.length < graph.nodes.size || edges.length < graph.edges.size };
}
