import { Alert, Anchor, Group, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportProblem, UploadResult } from './api';

const HEADING = 'import-summary';
const QUEUE_PATH = '/triage';

/** What an upload did: stored, duplicates, quarantined, and where each bad document went wrong. */
export function ImportSummary({ result }: { result: UploadResult }) {
  const { t } = useTranslation();
  const problems = result.files.flatMap((file) =>
    file.problems.map((problem) => ({ ...problem, file: file.file })),
  );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={HEADING} aria-live="polite">
      <Title order={2} fz="h4" id={HEADING} mb="sm">
        {t('intake.summary.title')}
      </Title>
      <Stack gap="sm">
        <Group gap="lg">
          <Count label={t('intake.summary.stored')} value={result.stored} />
          <Count label={t('intake.summary.duplicates')} value={result.duplicates} />
          <Count label={t('intake.summary.quarantined')} value={result.quarantined} />
        </Group>
        {result.stored > 0 ? (
          <Anchor component={Link} to={QUEUE_PATH} size="sm">
            {t('intake.summary.toQueue')}
          </Anchor>
        ) : null}
        {result.files.length > 1 ? (
          <Table fz="sm" verticalSpacing={4}>
            <Table.Caption>
              <VisuallyHidden>{t('intake.summary.filesCaption')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('intake.summary.file')}</Table.Th>
                <Table.Th ta="right">{t('intake.summary.stored')}</Table.Th>
                <Table.Th ta="right">{t('intake.summary.duplicates')}</Table.Th>
                <Table.Th ta="right">{t('intake.summary.quarantined')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.files.map((file) => (
                <Table.Tr key={file.importId}>
                  <Table.Td ff="monospace">{file.file ?? t('common.none')}</Table.Td>
                  <Table.Td ta="right">{file.stored}</Table.Td>
                  <Table.Td ta="right">{file.duplicates}</Table.Td>
                  <Table.Td ta="right">{file.quarantined}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
        {problems.length ? (
          <>
            <Alert color="yellow" variant="light">
              {t('intake.summary.problemsIntro', { count: problems.length })}
            </Alert>
            <ProblemTable problems={problems} />
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}

function Count({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <Text size="xs" fw={700} className="dimmed">
        {label}
      </Text>
      <Text fz="xl" fw={700} ff="monospace">
        {value}
      </Text>
    </div>
  );
}

/** "Where": the element path or column, and the line. */
export function problemPlace(t: TFunction, problem: { path?: string | null; line?: number | null }): string {
  return [problem.path ?? null, problem.line ? t('intake.problem.line', { line: problem.line }) : null]
    .filter(Boolean)
    .join(' · ');
}

function ProblemTable({ problems }: { problems: (ImportProblem & { file: string | null })[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={720} maxHeight={420}>
      <Table fz="sm" verticalSpacing={4} striped stickyHeader>
        <Table.Caption>
          <VisuallyHidden>{t('intake.summary.problemsCaption')}</VisuallyHidden>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('intake.problem.document')}</Table.Th>
            <Table.Th>{t('intake.problem.reason')}</Table.Th>
            <Table.Th>{t('intake.problem.where')}</Table.Th>
            <Table.Th>{t('intake.problem.quarantine')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {problems.map((problem) => (
            <Table.Tr key={problem.id}>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {problem.externalId ?? t('intake.problem.number', { index: problem.index + 1 })}
                </Text>
                {problem.file ? (
                  <Text size="xs" className="dimmed">
                    {problem.file}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{problem.message}</Text>
                <Text size="xs" className="dimmed" ff="monospace">
                  {problem.code}
                </Text>
              </Table.Td>
              <Table.Td ff="monospace" fz="xs">
                {problemPlace(t, problem) || t('common.none')}
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/intake/quarantine/${problem.id}`} size="sm">
                  {t('intake.problem.open')}
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
