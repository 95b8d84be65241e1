import { Alert, Anchor, Loader, SegmentedControl, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorText } from '../app/errors';
import { RelativeTime } from '../app/RelativeTime';
import { QUARANTINE_STATUSES, useQuarantine, type QuarantineStatus } from './api';
import { problemPlace } from './ImportSummary';

const isStatus = (value: string | null): value is QuarantineStatus =>
  value !== null && (QUARANTINE_STATUSES as readonly string[]).includes(value);

/** Documents that could not become reports, each with its reason and the place it went wrong. */
export function QuarantineList() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status: QuarantineStatus = isStatus(raw) ? raw : 'open';
  const items = useQuarantine(status);
  return (
    <Stack gap="sm">
      <Text size="sm" className="dimmed">
        {t('quarantine.intro')}
      </Text>
      <SegmentedControl
        className="fit-content"
        aria-label={t('quarantine.statusLabel')}
        value={status}
        onChange={(value) => setParams(value === 'open' ? {} : { status: value }, { replace: true })}
        data={QUARANTINE_STATUSES.map((value) => ({ value, label: t(`quarantine.statuses.${value}`) }))}
      />
      {items.isError ? <Alert color="red">{errorText(t, items.error)}</Alert> : null}
      {items.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {items.data?.length === 0 ? (
        <Text size="sm" className="dimmed">
          {t('quarantine.none')}
        </Text>
      ) : null}
      {items.data?.length ? (
        <Table.ScrollContainer minWidth={820}>
          <Table fz="sm" verticalSpacing={4} striped>
            <Table.Caption>
              <VisuallyHidden>{t('quarantine.caption')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('quarantine.document')}</Table.Th>
                <Table.Th>{t('intake.problem.reason')}</Table.Th>
                <Table.Th>{t('intake.problem.where')}</Table.Th>
                <Table.Th>{t('quarantine.arrived')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.data.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/intake/quarantine/${item.id}`} size="sm" ff="monospace">
                      {item.externalId ?? t('quarantine.noReference')}
                    </Anchor>
                    <Text size="xs" className="dimmed">
                      {item.source} · {item.format}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{item.message}</Text>
                    <Text size="xs" className="dimmed" ff="monospace">
                      {item.code}
                    </Text>
                  </Table.Td>
                  <Table.Td ff="monospace" fz="xs">
                    {problemPlace(t, item) || t('common.none')}
                  </Table.Td>
                  <Table.Td>
                    <RelativeTime iso={item.createdAt} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <Text size="xs" className="dimmed">
        {t('quarantine.recorded')}
      </Text>
    </Stack>
  );
}
