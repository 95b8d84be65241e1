import {
  Alert,
  Anchor,
  Badge,
  Center,
  Grid,
  Loader,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { useComputedColorScheme } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { fetchAsset } from '../../api/client';
import { Chart, type ChartClick } from '../../app/Chart';
import { errorText } from '../../app/errors';
import { useMapCounts } from '../api';
import { NCR_CODE } from './psgc';
import { mapAreas, placeRows, queuePathFor, type ProvinceFeature } from './mapData';

/** The boundary file the build ships (scripts/build-geo.ts); drawn offline. */
const GEO_PATH = '/geo/ph-provinces.json';
const MAP_NAME = 'ph-provinces';

type GeoJson = { type: 'FeatureCollection'; features: { properties: ProvinceFeature }[] };

function parseGeo(data: unknown): GeoJson {
  if (typeof data !== 'object' || data === null || !('features' in data) || !Array.isArray(data.features)) {
    throw new TypeError('The province map is not a GeoJSON feature collection.');
  }
  return data as GeoJson;
}

/**
 * Bands of open reports, one shade each (light to dark in one hue, so order reads without
 * colour vision); bands rather than a linear scale, or NCR alone would be dark.
 */
type Band = { range: { min: number; max?: number }; light: string; dark: string };
const BANDS: readonly Band[] = [
  { range: { min: 200 }, light: '#1a237e', dark: '#dbe4ff' },
  { range: { min: 50, max: 199 }, light: '#3949ab', dark: '#91a7ff' },
  { range: { min: 10, max: 49 }, light: '#7986cb', dark: '#5c7cfa' },
  { range: { min: 1, max: 9 }, light: '#c5cae9', dark: '#364fc7' },
  { range: { min: 0, max: 0 }, light: '#f1f3f5', dark: '#2c2e33' },
];

const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** Open reports by province on an offline map; a click filters the queue; the table says the same. */
export default function MapPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const scheme = useComputedColorScheme('light');
  const counts = useMapCounts();
  const geo = useQuery({
    queryKey: ['geo', GEO_PATH],
    queryFn: ({ signal }) => fetchAsset(GEO_PATH, signal).then(parseGeo),
    staleTime: Infinity,
  });

  const areas = useMemo(
    () =>
      geo.data && counts.data
        ? mapAreas(
            geo.data.features.map((feature) => feature.properties),
            counts.data.provinces,
          )
        : [],
    [geo.data, counts.data],
  );
  const rows = useMemo(() => placeRows(counts.data?.provinces ?? []), [counts.data]);
  const dark = scheme === 'dark';

  const option = useMemo(
    () => ({
      aria: { enabled: false },
      tooltip: {
        trigger: 'item',
        formatter: (params: { dataIndex: number }) => {
          const area = areas[params.dataIndex];
          if (!area) return '';
          return `${escape(area.name)}<br/>${escape(t('triageMap.tooltip', { open: area.open, p1: area.p1 }))}`;
        },
      },
      visualMap: {
        type: 'piecewise',
        left: 8,
        bottom: 8,
        itemWidth: 16,
        itemHeight: 12,
        pieces: BANDS.map((band) => ({
          ...band.range,
          label:
            band.range.min === 0
              ? t('triageMap.bandNone')
              : band.range.max === undefined
                ? t('triageMap.bandFrom', { min: band.range.min })
                : t('triageMap.band', { min: band.range.min, max: band.range.max }),
          color: dark ? band.dark : band.light,
        })),
        textStyle: { color: dark ? '#c9c9c9' : '#343a40' },
      },
      series: [
        {
          type: 'map',
          map: MAP_NAME,
          nameProperty: 'code',
          roam: true,
          selectedMode: false,
          layoutCenter: ['50%', '50%'],
          layoutSize: '96%',
          itemStyle: { borderColor: dark ? '#5c5f66' : '#868e96', borderWidth: 0.5 },
          emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffd43b' } },
          data: areas.map((area) => ({ name: area.code, value: area.open })),
        },
      ],
    }),
    [areas, dark, t],
  );

  const open = (event: ChartClick) => {
    const area = areas[event.dataIndex];
    if (area) void navigate(queuePathFor(area.filter));
  };

  const error = counts.error ?? geo.error;
  return (
    <Stack gap="md">
      {error ? <Alert color="red">{errorText(t, error)}</Alert> : null}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap={4}>
            {geo.isPending || counts.isPending ? (
              <Center h={560}>
                <Loader aria-label={t('common.loading')} />
              </Center>
            ) : geo.data ? (
              <Chart
                key={i18n.language}
                option={option}
                height={560}
                label={t('triageMap.chartLabel')}
                prepare={(echarts) => echarts.registerMap(MAP_NAME, geo.data as never)}
                onClick={open}
              />
            ) : null}
            <Text size="xs" className="dimmed">
              {t('triageMap.hint')}
            </Text>
            <Text size="xs" className="dimmed">
              {t('triageMap.credit')}
            </Text>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <PlaceTable rows={rows} unlocated={counts.data?.unlocated ?? 0} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function PlaceTable({ rows, unlocated }: { rows: ReturnType<typeof placeRows>; unlocated: number }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={320} maxHeight={560}>
        <Table striped fz="sm" verticalSpacing={4} stickyHeader>
          <Table.Caption>
            <VisuallyHidden>{t('triageMap.tableCaption')}</VisuallyHidden>
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('triageMap.place')}</Table.Th>
              <Table.Th ta="right">{t('triageMap.open')}</Table.Th>
              <Table.Th ta="right">{t('triageMap.p1')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.code}>
                <Table.Td>
                  <Anchor component={Link} to={queuePathFor(row.filter)} size="sm">
                    {row.name}
                  </Anchor>
                  {row.regionOnly && row.code !== NCR_CODE ? (
                    <Badge ml={6} size="xs" variant="light" color="gray">
                      {t('triageMap.regionOnly')}
                    </Badge>
                  ) : null}
                </Table.Td>
                <Table.Td ta="right" ff="monospace">
                  {row.open}
                </Table.Td>
                <Table.Td ta="right" ff="monospace">
                  {row.p1}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm" className="dimmed">
        {t('triageMap.unlocated', { count: unlocated })}
      </Text>
    </Stack>
  );
}
