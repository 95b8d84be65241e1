import type { Graph } from '@bantay/core/cases/graph';
import { Alert } from '@mantine/core';
import type { Core } from 'cytoscape';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { styleNonce } from '../../app/theme';
import { NODE_COLOURS } from './graphModel';

export const LAYOUT = { name: 'cose', animate: false } as const;
export const PINNED = '.pinned';
const CYTOSCAPE_STYLESHEET = '__________cytoscape_stylesheet';

/**
 * Cytoscape adds a <style> of its own unless one with its id exists; without our nonce the
 * content security policy would refuse it, so we add it first, with the nonce.
 */
function provideCytoscapeStylesheet(): void {
  if (document.getElementById(CYTOSCAPE_STYLESHEET)) return;
  const style = document.createElement('style');
  style.id = CYTOSCAPE_STYLESHEET;
  style.nonce = styleNonce();
  style.textContent = '.__________cytoscape_container { position: relative; }';
  document.head.prepend(style);
}

/** Draws the graph with Cytoscape.js (loaded on first use); clicking a node selects it. */
export function GraphCanvas({
  graph,
  highlighted,
  pinned,
  onSelect,
  onReady,
}: {
  graph: Graph;
  highlighted: ReadonlySet<string>;
  pinned: ReadonlySet<string>;
  onSelect: (id: string) => void;
  onReady: (cy: Core) => void;
}) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void import('cytoscape')
      .then(({ default: cytoscape }) => {
        if (cancelled || !container.current) return;
        provideCytoscapeStylesheet();
        cy.current = cytoscape({
          container: container.current,
          style: [
            {
              selector: 'node',
              style: {
                label: 'data(label)',
                'background-color': 'data(colour)',
                color: '#222',
                'font-size': 10,
                'text-valign': 'bottom',
                'text-margin-y': 4,
                width: 22,
                height: 22,
              },
            },
            { selector: 'node.path', style: { 'border-width': 4, 'border-color': '#fab005' } },
            { selector: 'node.pinned', style: { shape: 'round-rectangle' } },
            { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#000' } },
            {
              selector: 'edge',
              style: {
                width: 1.5,
                'line-color': '#adb5bd',
                'curve-style': 'bezier',
                label: 'data(label)',
                'font-size': 8,
                color: '#555',
              },
            },
            { selector: 'edge.path', style: { width: 4, 'line-color': '#fab005' } },
          ],
        });
        cy.current.on('tap', 'node', (event) => onSelect((event.target as { id(): string }).id()));
        onReady(cy.current);
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      cy.current?.destroy();
      cy.current = null;
    };
    // The canvas is made once; the graph is synchronised below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const core = cy.current;
    if (!core) return;
    const wanted = new Set([...graph.nodes.map((n) => n.id), ...graph.edges.map((e) => e.id)]);
    core
      .elements()
      .filter((element) => !wanted.has(element.id()))
      .remove();
    const fresh = [
      ...graph.nodes
        .filter((node) => core.getElementById(node.id).empty())
        .map((node) => ({
          group: 'nodes' as const,
          data: { id: node.id, label: node.label, colour: NODE_COLOURS[node.type] },
        })),
      ...graph.edges
        .filter((edge) => core.getElementById(edge.id).empty())
        .map((edge) => ({
          group: 'edges' as const,
          data: { id: edge.id, source: edge.source, target: edge.target, label: edge.label },
        })),
    ];
    if (fresh.length) {
      core.add(fresh);
      core.elements().not(PINNED).layout(LAYOUT).run();
    }
    core.elements().removeClass('path');
    core
      .elements()
      .filter((element) => highlighted.has(element.id()))
      .addClass('path');
    core.nodes().forEach((node) => {
      if (pinned.has(node.id())) node.addClass('pinned').lock();
      else node.removeClass('pinned').unlock();
    });
  });

  if (failed) return <Alert color="red">{t('investigation.graph.failed')}</Alert>;
  return (
    <div
      ref={container}
      className="case-graph"
      role="img"
      aria-label={t('investigation.graph.canvas', { nodes: graph.nodes.length, edges: graph.edges.length })}
    />
  );
}
