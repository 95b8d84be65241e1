import type { ReportDetail } from '@bantay/core/triage/schema';

export type GraphNode = {
  id: string;
  kind: 'report' | 'identifier';
  label: string;
  /** For a report: its level; the report shown is `current`. */
  level?: number;
  current?: boolean;
};
export type GraphEdge = { source: string; target: string };

/**
 * The cluster as a small graph: the report shown, the linked reports, and the identifiers
 * they share with it as the nodes in between. Identifier ids the report no longer lists
 * (shared through another member) are left out, never guessed.
 */
export function clusterGraph(report: ReportDetail): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const values = new Map(report.identifiers.map((identifier) => [identifier.id, identifier.value]));
  const shared = new Set(
    report.cluster.members.flatMap((member) => member.shared).filter((id) => values.has(id)),
  );
  const nodes: GraphNode[] = [
    {
      id: `r${report.id}`,
      kind: 'report',
      label: report.externalId,
      level: report.priorityLevel,
      current: true,
    },
    ...report.cluster.members.map((member): GraphNode => ({
      id: `r${member.id}`,
      kind: 'report',
      label: member.externalId,
      level: member.priorityLevel,
    })),
    ...[...shared].map((id): GraphNode => ({
      id: `i${id}`,
      kind: 'identifier',
      label: values.get(id) ?? id,
    })),
  ];
  const edges: GraphEdge[] = [
    ...[...shared].map((id) => ({ source: `r${report.id}`, target: `i${id}` })),
    ...report.cluster.members.flatMap((member) =>
      member.shared
        .filter((id) => shared.has(id))
        .map((id) => ({ source: `r${member.id}`, target: `i${id}` })),
    ),
  ];
  return { nodes, edges };
}
