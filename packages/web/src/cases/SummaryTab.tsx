import { Anchor, Badge, List, Select, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import type { ParseKeys } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Fact } from '../app/Fact';
import { useDateFormat } from '../app/format';
import { PriorityBadge } from '../triage/PriorityBadge';
import { Section } from '../triage/report/Section';
import { casesApi, useTeamOptions, type CaseDetail } from './api';
import { CaseForm, FormDialog } from './CaseForm';
import { CaseStatus } from './labels';

function AddMemberForm({ item, onDone }: { item: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const team = useTeamOptions(true);
  const [userId, setUserId] = useState<string | null>(null);
  const present = new Set(item.members.map((m) => m.id));
  return (
    <CaseForm
      label={t('investigation.members.add')}
      fields={['userId'] as const}
      submitLabel={t('investigation.members.add')}
      doneMessage={t('investigation.members.added')}
      check={() => (userId ? {} : { userId: t('investigation.form.required') })}
      send={() => casesApi.addMember(item.id, userId ?? '')}
      onDone={onDone}
    >
      {(errors) => (
        <Select
          label={t('investigation.members.person')}
          data={(team.data?.colleagues ?? [])
            .filter((person) => !present.has(person.id))
            .map((person) => ({
              value: person.id,
              label: `${person.name} (${t(`roles.${person.role}` as ParseKeys)})`,
            }))}
          searchable
          required
          data-autofocus
          nothingFoundMessage={t('common.nothingFound')}
          value={userId}
          error={errors.userId}
          onChange={setUserId}
        />
      )}
    </CaseForm>
  );
}

/** What the case is, who works on it, and where it came from. */
export function SummaryTab({ item }: { item: CaseDetail }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  return (
    <Stack gap="md">
      <dl className="facts facts-dense">
        <Fact label={t('cases.status')}>
          <CaseStatus status={item.status} />
        </Fact>
        <Fact label={t('cases.unit')}>{item.unit ?? t('common.none')}</Fact>
        <Fact label={t('investigation.lead')}>{item.lead ?? t('common.none')}</Fact>
        <Fact label={t('cases.opened')}>{format.dateTime(item.createdAt)}</Fact>
        <Fact label={t('investigation.origin.label')}>{t(`investigation.origin.${item.origin}`)}</Fact>
        <Fact label={t('cases.reports')}>{item.reportCount}</Fact>
        <Fact label={t('investigation.tabs.subjects')}>{item.subjects.length}</Fact>
        <Fact label={t('investigation.tabs.victims')}>{item.victims.length}</Fact>
      </dl>
      <Section id="case-summary-text" title={t('investigation.summary.text')}>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {item.summary || t('investigation.summary.none')}
        </Text>
      </Section>
      <Section id="case-members" title={t('investigation.members.title')}>
        <Stack gap="xs">
          <List size="sm">
            {item.members.map((person) => (
              <List.Item key={person.id}>
                {person.name}{' '}
                <Badge variant="light" size="sm" radius="sm">
                  {person.role === 'lead' ? t('investigation.lead') : t(`roles.${person.role}` as ParseKeys)}
                </Badge>
              </List.Item>
            ))}
          </List>
          {item.members.length === 0 ? (
            <Text className="dimmed">{t('investigation.members.none')}</Text>
          ) : null}
          {item.abilities.write ? (
            <div>
              <FormDialog
                buttonLabel={t('investigation.members.add')}
                title={t('investigation.members.add')}
                compact
              >
                {(close) => <AddMemberForm item={item} onDone={close} />}
              </FormDialog>
            </div>
          ) : null}
        </Stack>
      </Section>
    </Stack>
  );
}

/** The reports of the case with the cluster each belongs to. */
export function ReportsTab({ item }: { item: CaseDetail }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  if (item.reports.length === 0) return <Text className="dimmed">{t('cases.noReports')}</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table fz="sm" verticalSpacing={4} striped>
        <Table.Caption>
          <VisuallyHidden>{t('cases.reportsCaption')}</VisuallyHidden>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('triage.table.priority')}</Table.Th>
            <Table.Th>{t('triage.table.report')}</Table.Th>
            <Table.Th>{t('investigation.reports.type')}</Table.Th>
            <Table.Th>{t('investigation.reports.received')}</Table.Th>
            <Table.Th>{t('investigation.reports.cluster')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {item.reports.map((report) => (
            <Table.Tr key={report.id}>
              <Table.Td>
                <PriorityBadge level={report.priorityLevel} />
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/triage/reports/${report.id}`} ff="monospace">
                  {report.externalId}
                </Anchor>
              </Table.Td>
              <Table.Td>
                {t(`incidentTypes.${report.incidentType}` as ParseKeys, {
                  defaultValue: report.incidentType,
                })}
              </Table.Td>
              <Table.Td>{format.dateTime(report.receivedAt)}</Table.Td>
              <Table.Td>
                {t('investigation.reports.clusterSize', { id: report.clusterId, count: report.clusterSize })}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
