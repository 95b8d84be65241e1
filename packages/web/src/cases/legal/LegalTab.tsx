import { LEGAL_PERIODS, type LegalRequest } from '@bantay/core/cases/legal';
import { Alert, Badge, Group, Loader, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errors';
import { useLegalRequests, type CaseDetail } from '../api';
import { FormDialog } from '../CaseForm';
import { LegalForm } from './LegalForm';

function Due({ request }: { request: LegalRequest }) {
  const { t } = useTranslation();
  if (!request.returnDueOn) return <>{t('common.none')}</>;
  return (
    <Group gap={4} wrap="nowrap">
      <span>{request.returnDueOn}</span>
      {request.overdue ? (
        <Badge color="red" variant="light" size="sm" radius="sm">
          {t('investigation.overdue')}
        </Badge>
      ) : null}
    </Group>
  );
}

/** Warrants and requests of the case with the dates that matter and what is due next. */
export function LegalTab({ item }: { item: CaseDetail }) {
  const { t } = useTranslation();
  const requests = useLegalRequests(item.id);
  return (
    <Stack gap="md">
      <Text size="sm" className="dimmed">
        {t('investigation.legal.intro', {
          valid: LEGAL_PERIODS.warrantValidDays,
          examination: LEGAL_PERIODS.examinationDays,
          extension: LEGAL_PERIODS.maxExtensionDays,
        })}
      </Text>
      {item.abilities.write ? (
        <div>
          <FormDialog buttonLabel={t('investigation.legal.add')} title={t('investigation.legal.add')}>
            {(close) => <LegalForm caseId={item.id} onDone={close} />}
          </FormDialog>
        </div>
      ) : null}
      {requests.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {requests.isError ? <Alert color="red">{errorText(t, requests.error)}</Alert> : null}
      {requests.data?.length === 0 ? <Text className="dimmed">{t('investigation.legal.none')}</Text> : null}
      {requests.data?.length ? (
        <Table.ScrollContainer minWidth={820}>
          <Table fz="sm" striped verticalSpacing={4}>
            <Table.Caption>
              <VisuallyHidden>{t('investigation.legal.caption')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('investigation.legal.kind')}</Table.Th>
                <Table.Th>{t('cases.status')}</Table.Th>
                <Table.Th>{t('investigation.legal.courtOrRecipient')}</Table.Th>
                <Table.Th>{t('investigation.legal.issuedOn')}</Table.Th>
                <Table.Th>{t('investigation.legal.servedOn')}</Table.Th>
                <Table.Th>{t('investigation.legal.validUntil')}</Table.Th>
                <Table.Th>{t('investigation.legal.returnDue')}</Table.Th>
                <Table.Th>{t('investigation.legal.hashes')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('investigation.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {requests.data.map((request) => (
                <Table.Tr key={request.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {t(`investigation.legalKindsShort.${request.kind}`)}
                    </Text>
                    <Text size="xs" className="dimmed">
                      {request.reference ?? ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`investigation.legalStatuses.${request.status}`)}</Table.Td>
                  <Table.Td>{request.court ?? request.recipient ?? t('common.none')}</Table.Td>
                  <Table.Td>{request.issuedOn ?? t('common.none')}</Table.Td>
                  <Table.Td>{request.servedOn ?? t('common.none')}</Table.Td>
                  <Table.Td>{request.validUntil ?? t('common.none')}</Table.Td>
                  <Table.Td>
                    <Due request={request} />
                  </Table.Td>
                  <Table.Td>{request.returnHashes.length}</Table.Td>
                  <Table.Td>
                    {item.abilities.write ? (
                      <FormDialog
                        buttonLabel={t('investigation.legal.update')}
                        buttonAriaLabel={t('investigation.legal.updateNamed', {
                          kind: t(`investigation.legalKindsShort.${request.kind}`),
                          reference: request.reference ?? '',
                        })}
                        title={t(`investigation.legalKinds.${request.kind}`)}
                        variant="default"
                      >
                        {(close) => <LegalForm caseId={item.id} request={request} onDone={close} />}
                      </FormDialog>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  );
}
