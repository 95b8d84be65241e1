import { z } from 'zod';

/** What a node of the link graph stands for. */
export const GRAPH_NODE_TYPES = ['case', 'report', 'person', 'identifier', 'account', 'more'] as const;
export type GraphNodeType = (typeof GRAPH_NODE_TYPES)[number];

export const GraphNode = z.object({
  /** "<type>:<key>", stable across expansions so the graph merges them. */
  id: z.string(),
  type: z.enum(GRAPH_NODE_TYPES),
  label: z.string(),
  /** The identifier kind, the subject role, the report's incident type. */
  kind: z.string().nullable(),
  /** When it happened (a report's receipt), for the time filter. */
  at: z.string().nullable(),
});
export type GraphNode = z.infer<typeof GraphNode>;

export const GraphEdge = z.object({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  /** What the link is ("names", "holds", "contains"). */
  label: z.string(),
  /** Who says so: the report, the case record or the transaction the edge comes from. */
  via: z.string(),
});
export type GraphEdge = z.infer<typeof GraphEdge>;

export const Graph = z.object({ nodes: z.array(GraphNode), edges: z.array(GraphEdge) });
export type Graph = z.infer<typeof Graph>;

export const GraphExpandQuery = z.object({
  node: z.string().regex(/^(case|report|person|identifier):[0-9a-f-]{1,36}$/i, 'Not a node of the graph.'),
});

/** How many neighbours one expansion brings at most; the rest shows as a "more" node. */
export const GRAPH_EXPAND_LIMIT = 50;

/** Identifier kinds that are accounts with a provider (GCash, a bank) rather than online handles. */
export const ACCOUNT_KINDS: readonly string[] = ['payment_account'];
