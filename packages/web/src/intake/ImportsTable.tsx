import { Alert, Loader, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorText } from '../app/errors';
import { RelativeTime } from '../app/RelativeTime';
import { ScrollTable } from '../app/ScrollTable';
import { useImports } from './api';

/** An upload is stored as uploads/<uuid>-<name>; the person uploaded <name>. */
export function displayName(file: string): string {
  return file.replace(/^uploads\/[0-9a-f-]{36}-/, '');
}

/** The last hundred imports, newest first, from any channel (upload, command line, API). */
export function ImportsTable() {
  const { t } = useTranslation();
  const imports = useImports();
  return (
    <section aria-labelledby="intake-imports">
      <Title order={2} fz="h4" id="intake-imports" mb="sm">
        {t('intake.imports.title')}
      </Title>
      {imports.isError ? <Alert color="red">{errorText(t, imports.error)}</Alert> : null}
      {imports.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {imports.data?.length === 0 ? (
        <Text size="sm" className="dimmed">
          {t('intake.imports.none')}
        </Text>
      ) : null}
      {imports.data?.length ? (
        <ScrollTable minWidth={820} label={t('intake.imports.caption')}>
          <Table fz="sm" verticalSpacing={4} striped>
            <Table.Caption>
              <VisuallyHidden>{t('intake.imports.caption')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('intake.imports.when')}</Table.Th>
                <Table.Th miw={200}>{t('intake.imports.file')}</Table.Th>
                <Table.Th>{t('intake.imports.source')}</Table.Th>
                <Table.Th>{t('intake.imports.by')}</Table.Th>
                <Table.Th ta="right">{t('intake.summary.stored')}</Table.Th>
                <Table.Th ta="right">{t('intake.summary.duplicates')}</Table.Th>
                <Table.Th ta="right">{t('intake.summary.quarantined')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {imports.data.map((row) => (
                <Table.Tr key={row.id}>
                  <Table.Td>
                    <RelativeTime iso={row.startedAt} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace" className="file-name">
                      {row.file ? displayName(row.file) : t('common.none')}
                    </Text>
                    <Text size="xs" className="dimmed">
                      {row.format} · {row.channel} · {row.status}
                    </Text>
                  </Table.Td>
                  <Table.Td>{row.source}</Table.Td>
                  <Table.Td>{row.by ?? t('audit.system')}</Table.Td>
                  <Table.Td ta="right" ff="monospace">
                    {row.stored}
                  </Table.Td>
                  <Table.Td ta="right" ff="monospace">
                    {row.duplicates}
                  </Table.Td>
                  <Table.Td ta="right" ff="monospace">
                    {row.quarantined}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      ) : null}
    </section>
  );
}
