import type { Graph, GraphEdge, GraphNode, GraphNodeType } from '@bantay/core/cases/graph';

/** Adds an expansion to the graph on screen; nodes and edges already there stay as they are. */
export function mergeGraphs(current: Graph, more: Graph): Graph {
  const nodes = new Map(current.nodes.map((node) => [node.id, node]));
  for (const node of more.nodes) if (!nodes.has(node.id)) nodes.set(node.id, node);
  const edges = new Map(current.edges.map((edge) => [edge.id, edge]));
  for (const edge of more.edges) if (!edges.has(edge.id)) edges.set(edge.id, edge);
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

export type GraphFilter = { types: ReadonlySet<GraphNodeType>; receivedFrom: string };

/**
 * What the filter leaves: nodes of the chosen types, reports received from the date on
 * (nodes without a time always stay), and the edges between what is left.
 */
export function filterGraph(graph: Graph, filter: GraphFilter): Graph {
  const kept = (node: GraphNode) =>
    filter.types.has(node.type) &&
    (!filter.receivedFrom || node.at === null || node.at.slice(0, 10) >= filter.receivedFrom);
  const nodes = graph.nodes.filter(kept);
  const ids = new Set(nodes.map((node) => node.id));
  const edges = graph.edges.filter((edge: GraphEdge) => ids.has(edge.source) && ids.has(edge.target));
  return { nodes, edges };
}

/**
 * The shortest path between two nodes (fewest links, either direction), as node ids from
 * start to goal, or null when they are not connected. Breadth-first: the graph on screen
 * holds hundreds of nodes, not millions.
 */
export function shortestPath(graph: Graph, start: string, goal: string): string[] | null {
  if (start === goal) return [start];
  const neighbours = new Map<string, string[]>();
  for (const edge of graph.edges) {
    neighbours.set(edge.source, [...(neighbours.get(edge.source) ?? []), edge.target]);
    neighbours.set(edge.target, [...(neighbours.get(edge.target) ?? []), edge.source]);
  }
  const previous = new Map<string, string>([[start, start]]);
  const queue = [start];
  while (queue.length) {
    const at = queue.shift() ?? '';
    for (const next of neighbours.get(at) ?? []) {
      if (previous.has(next)) continue;
      previous.set(next, at);
      if (next === goal) {
        const path = [goal];
        while (path[0] !== start) path.unshift(previous.get(path[0] ?? '') ?? start);
        return path;
      }
      queue.push(next);
    }
  }
  return null;
}

export const NODE_COLOURS: Record<GraphNodeType, string> = {
  case: '#1c7ed6',
  report: '#e8590c',
  person: '#c2255c',
  identifier: '#2f9e44',
  account: '#7048e8',
  more: '#868e96',
};
