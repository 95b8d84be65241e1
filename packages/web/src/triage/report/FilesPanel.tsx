import {
  FILE_ANNOTATIONS,
  INDUSTRY_CLASSIFICATIONS,
  type FileAnnotation,
  type IndustryClassification,
} from '@bantay/core/intake/report';
import type { ReportDetail } from '@bantay/core/triage/schema';
import { Alert, Badge, Group, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconEyeOff } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { CopyValue } from '../../app/CopyValue';
import { Section } from './Section';

type ReportFile = ReportDetail['files'][number];

const isAnnotation = (value: string): value is FileAnnotation =>
  (FILE_ANNOTATIONS as readonly string[]).includes(value);
const isClassification = (value: string | null): value is IndustryClassification =>
  value !== null && (INDUSTRY_CLASSIFICATIONS as readonly string[]).includes(value);
const VICS = [0, 1, 2, 3, 4] as const;
const isVics = (value: number | null): value is (typeof VICS)[number] =>
  value !== null && (VICS as readonly number[]).includes(value);

/** "Known — exact match, category 1" / "Known — PDQ distance 12" / "New": the match in words. */
export function matchText(t: TFunction, match: ReportFile['match']): string {
  if (!match) return t('files.new');
  const how = match.kind === 'exact' ? t('files.exact') : t('files.pdq', { distance: match.distance });
  const category = isVics(match.category)
    ? t('files.category', { category: t(`vicsCategories.${match.category}`) })
    : null;
  return [t('files.known'), how, category].filter(Boolean).join(' · ');
}

/** The files of the report: names, hashes, matches and annotations. Never the files themselves. */
export function FilesPanel({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  return (
    <Section id="report-files" title={t('files.title', { count: report.files.length })}>
      <Stack gap="sm">
        <Text size="xs" className="dimmed">
          {t('files.noMedia')}
        </Text>
        {report.sameFileReports > 0 ? (
          <Text size="sm">{t('files.sameFiles', { count: report.sameFileReports })}</Text>
        ) : null}
        {report.files.length === 0 ? (
          <Text size="sm" className="dimmed">
            {t('files.none')}
          </Text>
        ) : (
          report.files.map((file) => <FileCard key={file.index} file={file} />)
        )}
      </Stack>
    </Section>
  );
}

function FileCard({ file }: { file: ReportFile }) {
  const { t } = useTranslation();
  const hashes = (['md5', 'sha1', 'sha256', 'pdq'] as const).filter((type) => file[type]);
  return (
    <Paper
      withBorder
      p="sm"
      radius="sm"
      component="article"
      aria-label={t('files.file', { index: file.index + 1 })}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Title order={3} fz="sm" ff="monospace" className="hash-value">
            {t('files.number', { index: file.index + 1 })} {file.originalName ?? t('files.unnamed')}
          </Title>
          <Badge
            variant={file.match ? 'light' : 'filled'}
            color={file.match ? 'gray' : 'indigo'}
            radius="sm"
            tt="none"
          >
            {matchText(t, file.match)}
          </Badge>
        </Group>
        {file.viewedByEsp === false ? (
          <Alert color="yellow" variant="light" icon={<IconEyeOff aria-hidden />} p="xs">
            <Text size="sm" fw={600}>
              {t('files.notViewed')}
            </Text>
          </Alert>
        ) : null}
        <Group gap="md" wrap="wrap">
          {isClassification(file.classification) ? (
            <Text size="sm">
              <strong>{file.classification}</strong> — {t(`classifications.${file.classification}`)}
            </Text>
          ) : null}
          {file.match?.series ? (
            <Text size="sm">{t('files.series', { series: file.match.series })}</Text>
          ) : null}
          {file.publiclyAvailable ? <Text size="sm">{t('files.public')}</Text> : null}
        </Group>
        {file.annotations.length ? (
          <Group gap={4} role="list" aria-label={t('files.annotations')}>
            {file.annotations.map((annotation) => (
              <Badge
                key={annotation}
                size="sm"
                variant="light"
                color="orange"
                radius="sm"
                tt="none"
                role="listitem"
              >
                {isAnnotation(annotation) ? t(`reportFlags.${annotation}`) : annotation}
              </Badge>
            ))}
          </Group>
        ) : null}
        {hashes.length ? (
          <Table fz="xs" verticalSpacing={2} withRowBorders={false}>
            <Table.Caption>
              <VisuallyHidden>{t('files.hashes')}</VisuallyHidden>
            </Table.Caption>
            <Table.Tbody>
              {hashes.map((type) => (
                <Table.Tr key={type}>
                  <Table.Th w={70} fw={600}>
                    {type.toUpperCase()}
                  </Table.Th>
                  <Table.Td>
                    <CopyValue value={file[type] ?? ''} label={type.toUpperCase()} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
      </Stack>
    </Paper>
  );
}
