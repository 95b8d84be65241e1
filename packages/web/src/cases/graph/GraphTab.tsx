import { GRAPH_NODE_TYPES, type Graph, type GraphEdge, type GraphNodeType } from '@bantay/core/cases/graph';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import type { Core } from 'cytoscape';
import { GraphCanvas, LAYOUT, PINNED } from './GraphCanvas';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errors';
import { notify } from '../../app/notify';
import { casesApi, useCaseGraph, type CaseDetail } from '../api';
import { filterGraph, mergeGraphs, shortestPath } from './graphModel';

const EXPANDABLE = new Set<GraphNodeType>(['case', 'report', 'person', 'identifier']);
const SOURCES_HEADING = 'graph-sources';
const EMPTY: Graph = { nodes: [], edges: [] };
/** The edges of the path, in order, for the path's highlight. */
function pathEdges(edges: readonly GraphEdge[], path: readonly string[]): string[] {
  const ids: string[] = [];
  for (let i = 1; i < path.length; i += 1) {
    const a = path[i - 1];
    const b = path[i];
    const edge = edges.find((e) => (e.source === a && e.target === b) || (e.source === b && e.target === a));
    if (edge) ids.push(edge.id);
  }
  return ids;
}

/**
 * The link graph of a case: expand a node from the database, filter by type and time, find
 * the shortest path between two entities, pin and lay out, export PNG and FollowTheMoney.
 * The table beside the canvas does all of it by keyboard, and names each link's source.
 */
export function GraphTab({ item }: { item: CaseDetail }) {
  const { t } = useTranslation();
  const seed = useCaseGraph(item.id);
  // What expansions brought, on top of the case's own graph.
  const [expansions, setExpansions] = useState<Graph>(EMPTY);
  const [, setCanvasReady] = useState(false);
  const [types, setTypes] = useState<Set<GraphNodeType>>(new Set(GRAPH_NODE_TYPES));
  const [receivedFrom, setReceivedFrom] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [pinned, setPinned] = useState<Set<string>>(new Set());
  const [pathEnds, setPathEnds] = useState<{ from: string | null; to: string | null }>({
    from: null,
    to: null,
  });
  const [path, setPath] = useState<string[] | null>(null);
  const [expanding, setExpanding] = useState<string | null>(null);
  const core = useRef<Core | null>(null);

  const graph = useMemo(() => mergeGraphs(seed.data ?? EMPTY, expansions), [seed.data, expansions]);
  const shown = useMemo(() => filterGraph(graph, { types, receivedFrom }), [graph, types, receivedFrom]);
  const labelOf = (id: string) => graph.nodes.find((n) => n.id === id)?.label ?? id;
  const highlighted = new Set(path ? [...path, ...pathEdges(shown.edges, path)] : []);

  const expand = async (id: string) => {
    setExpanding(id);
    try {
      const more = await casesApi.expandGraph(item.id, id);
      setExpansions((current) => mergeGraphs(current, more));
    } catch (error) {
      notify.failure({ message: errorText(t, error) });
    } finally {
      setExpanding(null);
    }
  };
  const findPath = () => {
    if (!pathEnds.from || !pathEnds.to) return;
    setPath(shortestPath(shown, pathEnds.from, pathEnds.to) ?? []);
  };
  const exportPng = () => {
    const png = core.current?.png({ full: true, bg: '#ffffff' });
    if (!png) return;
    const link = document.createElement('a');
    link.href = png;
    link.download = `${item.number}-graph.png`;
    link.click();
  };
  const togglePin = (id: string) =>
    setPinned((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  if (seed.isPending) return <Loader aria-label={t('common.loading')} />;
  if (seed.isError) return <Alert color="red">{errorText(t, seed.error)}</Alert>;
  const nodeOptions = shown.nodes.map((node) => ({
    value: node.id,
    label: `${node.label} (${t(`investigation.graph.types.${node.type}`)})`,
  }));
  const selectedEdges = selected
    ? shown.edges.filter((e) => e.source === selected || e.target === selected)
    : [];

  return (
    <Stack gap="md">
      <Group gap="md" align="flex-end">
        <Checkbox.Group
          label={t('investigation.graph.show')}
          value={[...types]}
          onChange={(values) => setTypes(new Set(GRAPH_NODE_TYPES.filter((type) => values.includes(type))))}
        >
          <Group gap="sm" mt={4}>
            {GRAPH_NODE_TYPES.map((type) => (
              <Checkbox key={type} value={type} label={t(`investigation.graph.types.${type}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <TextInput
          type="date"
          label={t('investigation.graph.receivedFrom')}
          value={receivedFrom}
          onChange={(e) => setReceivedFrom(e.currentTarget.value)}
        />
      </Group>
      <Group gap="sm">
        <Button variant="default" onClick={() => core.current?.elements().not(PINNED).layout(LAYOUT).run()}>
          {t('investigation.graph.layout')}
        </Button>
        <Button variant="default" onClick={exportPng}>
          {t('investigation.graph.exportPng')}
        </Button>
        <Anchor href={casesApi.ftmUrl(item.id)} download size="sm">
          {t('investigation.graph.exportFtm')}
        </Anchor>
      </Group>
      <GraphCanvas
        graph={shown}
        highlighted={highlighted}
        pinned={pinned}
        onSelect={setSelected}
        onReady={(cy) => {
          core.current = cy;
          setCanvasReady(true);
        }}
      />
      <Paper withBorder p="sm">
        <Group gap="sm" align="flex-end">
          <Select
            label={t('investigation.graph.pathFrom')}
            data={nodeOptions}
            searchable
            value={pathEnds.from}
            onChange={(from) => setPathEnds((c) => ({ ...c, from }))}
            nothingFoundMessage={t('common.nothingFound')}
          />
          <Select
            label={t('investigation.graph.pathTo')}
            data={nodeOptions}
            searchable
            value={pathEnds.to}
            onChange={(to) => setPathEnds((c) => ({ ...c, to }))}
            nothingFoundMessage={t('common.nothingFound')}
          />
          <Button onClick={findPath} disabled={!pathEnds.from || !pathEnds.to}>
            {t('investigation.graph.findPath')}
          </Button>
        </Group>
        {path ? (
          <Text size="sm" mt="xs" role="status">
            {path.length
              ? t('investigation.graph.path', { path: path.map(labelOf).join(' → '), steps: path.length - 1 })
              : t('investigation.graph.noPath')}
          </Text>
        ) : null}
      </Paper>
      <Table.ScrollContainer minWidth={640}>
        <Table fz="sm" striped verticalSpacing={4}>
          <Table.Caption>
            <VisuallyHidden>{t('investigation.graph.nodesCaption')}</VisuallyHidden>
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('investigation.graph.node')}</Table.Th>
              <Table.Th>{t('investigation.graph.type')}</Table.Th>
              <Table.Th>{t('investigation.graph.links')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('investigation.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.nodes.map((node) => (
              <Table.Tr key={node.id} aria-selected={node.id === selected}>
                <Table.Td
                  ff={node.type === 'identifier' || node.type === 'account' ? 'monospace' : undefined}
                >
                  {node.label}
                </Table.Td>
                <Table.Td>{t(`investigation.graph.types.${node.type}`)}</Table.Td>
                <Table.Td>
                  {shown.edges.filter((e) => e.source === node.id || e.target === node.id).length}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => setSelected(node.id)}
                      aria-label={t('investigation.graph.sourcesOf', { name: node.label })}
                    >
                      {t('investigation.graph.sources')}
                    </Button>
                    {EXPANDABLE.has(node.type) ? (
                      <Button
                        size="xs"
                        variant="light"
                        loading={expanding === node.id}
                        onClick={() => void expand(node.id)}
                        aria-label={t('investigation.graph.expandNamed', { name: node.label })}
                      >
                        {t('investigation.graph.expand')}
                      </Button>
                    ) : null}
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => togglePin(node.id)}
                      aria-pressed={pinned.has(node.id)}
                      aria-label={t('investigation.graph.pinNamed', { name: node.label })}
                    >
                      {t('investigation.graph.pin')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {selected ? (
        <Paper withBorder p="sm" component="section" aria-labelledby={SOURCES_HEADING}>
          <Text id={SOURCES_HEADING} fw={650} mb="xs">
            {t('investigation.graph.sourcesTitle', { name: labelOf(selected) })}
          </Text>
          <Table fz="sm" verticalSpacing={2} aria-labelledby={SOURCES_HEADING}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('investigation.graph.link')}</Table.Th>
                <Table.Th>{t('investigation.graph.via')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {selectedEdges.map((edge) => (
                <Table.Tr key={edge.id}>
                  <Table.Td>
                    {labelOf(edge.source)} — {edge.label} — {labelOf(edge.target)}
                  </Table.Td>
                  <Table.Td>{edge.via}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ) : null}
    </Stack>
  );
}
