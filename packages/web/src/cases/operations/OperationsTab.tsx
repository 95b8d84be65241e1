import type { Operation } from '@bantay/core/cases/operations';
import { Alert, Badge, Button, Group, List, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errors';
import { Fact } from '../../app/Fact';
import { useDateFormat } from '../../app/format';
import { notify } from '../../app/notify';
import { CASES_KEY, casesApi, useOperations, type CaseDetail } from '../api';
import { FormDialog } from '../CaseForm';
import { OutcomeForm } from './OutcomeForm';
import { PlanForm } from './PlanForm';

const STATUS_COLOURS: Record<Operation['status'], string> = {
  planned: 'orange',
  approved: 'blue',
  completed: 'teal',
  cancelled: 'gray',
};

function ApproveButton({ item, operation }: { item: CaseDetail; operation: Operation }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const approve = async () => {
    setBusy(true);
    try {
      await casesApi.approveOperation(item.id, operation.id);
      await queryClient.invalidateQueries({ queryKey: [CASES_KEY] });
      notify.success({ message: t('investigation.operations.approved', { name: operation.name }) });
    } catch (error) {
      notify.failure({ message: errorText(t, error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button onClick={() => void approve()} loading={busy}>
      {t('investigation.operations.approve')}
    </Button>
  );
}

function OperationCard({ item, operation }: { item: CaseDetail; operation: Operation }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const headingId = `operation-${operation.id}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Title order={2} fz="h4" id={headingId}>
            {operation.name}
          </Title>
          <Badge color={STATUS_COLOURS[operation.status]} variant="light" radius="sm">
            {t(`investigation.operationStatuses.${operation.status}`)}
          </Badge>
        </Group>
        <Group gap="xs">
          {operation.status === 'planned' && item.abilities.supervise && !operation.approvalProblem ? (
            <ApproveButton item={item} operation={operation} />
          ) : null}
          {operation.status === 'approved' && item.abilities.write ? (
            <FormDialog
              buttonLabel={t('investigation.operations.recordOutcome')}
              title={t('investigation.operations.outcomeOf', { name: operation.name })}
              variant="filled"
            >
              {(close) => <OutcomeForm item={item} operation={operation} onDone={close} />}
            </FormDialog>
          ) : null}
        </Group>
      </Group>
      {operation.approvalProblem ? (
        <Alert color="orange" mb="sm">
          {t('investigation.operations.needsSocialWorker')}
        </Alert>
      ) : null}
      <dl className="facts facts-dense">
        <Fact label={t('investigation.operations.plannedAt')}>{format.dateTime(operation.plannedAt)}</Fact>
        <Fact label={t('investigation.operations.expectedChildren')}>{operation.expectedChildren}</Fact>
        <Fact label={t('investigation.operations.approvedBy')}>
          {operation.approvedBy
            ? `${operation.approvedBy} · ${format.dateTime(operation.approvedAt ?? '')}`
            : t('common.none')}
        </Fact>
        {operation.status === 'completed' ? (
          <>
            <Fact label={t('investigation.operations.childrenRescued')}>{operation.rescuedCount}</Fact>
            <Fact label={t('investigation.operations.arrestedCount')}>{operation.arrestedCount}</Fact>
          </>
        ) : null}
      </dl>
      <Text fw={600} size="sm" mt="sm">
        {t('investigation.operations.targets')}
      </Text>
      <List size="sm">
        {operation.targets.map((target, index) => (
          <List.Item key={index}>
            {target.address}
            {target.place ? ` · ${target.place} (${target.psgcCode ?? ''})` : ''}
          </List.Item>
        ))}
      </List>
      <Text fw={600} size="sm" mt="sm">
        {t('investigation.operations.team')}
      </Text>
      <List size="sm">
        {operation.team.map((member) => (
          <List.Item key={member.userId}>
            {member.name} — {t(`investigation.teamRoles.${member.role}`)} ({member.organisation})
          </List.Item>
        ))}
      </List>
      {operation.aftercare.length ? (
        <Alert color="teal" mt="sm" title={t('investigation.operations.aftercareTitle')}>
          {operation.aftercare.map((referral) => (
            <Text key={referral.organisation} size="sm">
              {t('investigation.operations.aftercarePending', {
                count: referral.count,
                organisation: referral.organisation,
              })}
            </Text>
          ))}
        </Alert>
      ) : null}
      {operation.afterAction ? (
        <>
          <Text fw={600} size="sm" mt="sm">
            {t('investigation.operations.afterAction')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {operation.afterAction}
          </Text>
        </>
      ) : null}
    </Paper>
  );
}

/** Rescue operations: plan, approval (only with a social worker on the team), outcome. */
export function OperationsTab({ item }: { item: CaseDetail }) {
  const { t } = useTranslation();
  const operations = useOperations(item.id);
  return (
    <Stack gap="md">
      {item.abilities.write ? (
        <div>
          <FormDialog
            buttonLabel={t('investigation.operations.plan')}
            title={t('investigation.operations.plan')}
          >
            {(close) => <PlanForm item={item} onDone={close} />}
          </FormDialog>
        </div>
      ) : null}
      {operations.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {operations.isError ? <Alert color="red">{errorText(t, operations.error)}</Alert> : null}
      {operations.data?.length === 0 ? (
        <Text className="dimmed">{t('investigation.operations.none')}</Text>
      ) : null}
      {operations.data?.map((operation) => (
        <OperationCard key={operation.id} item={item} operation={operation} />
      ))}
    </Stack>
  );
}
