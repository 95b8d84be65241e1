import type { Graph } from '@bantay/core/cases/graph';
import { describe, expect, it } from 'vitest';
import { filterGraph, mergeGraphs, shortestPath } from './graphModel';

const node = (id: string, type: Graph['nodes'][number]['type'], at: string | null = null) => ({
  id,
  type,
  label: id,
  kind: null,
  at,
});
const edge = (source: string, target: string) => ({
  id: `${source}-${target}`,
  source,
  target,
  label: 'names',
  via: 'report 1',
});

const graph: Graph = {
  nodes: [
    node('case:1', 'case'),
    node('report:1', 'report', '2026-11-01T00:00:00Z'),
    node('report:2', 'report', '2026-11-20T00:00:00Z'),
    node('identifier:1', 'identifier'),
    node('person:1', 'person'),
  ],
  edges: [
    edge('case:1', 'report:1'),
    edge('report:1', 'identifier:1'),
    edge('person:1', 'identifier:1'),
    edge('report:2', 'identifier:1'),
  ],
};

describe('the graph on screen', () => {
  it('merges an expansion without duplicating what is there', () => {
    const merged = mergeGraphs(graph, {
      nodes: [node('report:1', 'report'), node('report:3', 'report')],
      edges: [edge('report:3', 'identifier:1'), edge('case:1', 'report:1')],
    });
    expect(merged.nodes).toHaveLength(6);
    expect(merged.edges).toHaveLength(5);
  });

  it('filters by type and by time, dropping the edges of what is hidden', () => {
    const noPeople = filterGraph(graph, {
      types: new Set(['case', 'report', 'identifier'] as const),
      receivedFrom: '',
    });
    expect(noPeople.nodes.map((n) => n.id)).not.toContain('person:1');
    expect(noPeople.edges).toHaveLength(3);
    const recent = filterGraph(graph, {
      types: new Set(['case', 'report', 'identifier', 'person'] as const),
      receivedFrom: '2026-11-10',
    });
    expect(recent.nodes.map((n) => n.id)).toEqual(['case:1', 'report:2', 'identifier:1', 'person:1']);
  });

  it('finds the shortest path either way along the links, or none', () => {
    expect(shortestPath(graph, 'case:1', 'person:1')).toEqual([
      'case:1',
      'report:1',
      'identifier:1',
      'person:1',
    ]);
    expect(shortestPath(graph, 'person:1', 'report:2')).toEqual(['person:1', 'identifier:1', 'report:2']);
    expect(shortestPath({ ...graph, edges: [] }, 'case:1', 'person:1')).toBeNull();
  });
});
