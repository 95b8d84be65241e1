import type { Task } from '@bantay/core/aftercare/schema';
import { Anchor, Badge, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDateFormat } from '../app/format';
import { survivorPath } from './api';

/** What is due: the RA 7610 report, assessments, plan reviews, approvals, long stays. */
export function TaskTable({ tasks, withCode = false }: { tasks: readonly Task[]; withCode?: boolean }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  if (tasks.length === 0) return <Text className="dimmed">{t('aftercare.tasks.none')}</Text>;
  return (
    <Table fz="sm" verticalSpacing={4} striped>
      <Table.Caption>
        <VisuallyHidden>{t('aftercare.tasks.title')}</VisuallyHidden>
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          {withCode ? <Table.Th>{t('aftercare.fields.code')}</Table.Th> : null}
          <Table.Th>{t('aftercare.tasks.task')}</Table.Th>
          <Table.Th>{t('aftercare.tasks.due')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {tasks.map((task) => (
          <Table.Tr key={`${task.survivorId}-${task.kind}`}>
            {withCode ? (
              <Table.Td>
                <Anchor component={Link} to={survivorPath(task.survivorId)} ff="monospace">
                  {task.code}
                </Anchor>
              </Table.Td>
            ) : null}
            <Table.Td>{t(`aftercare.taskKinds.${task.kind}`)}</Table.Td>
            <Table.Td>
              {task.dueAt ? format.dateTimeShort(task.dueAt) : t('aftercare.tasks.now')}{' '}
              {task.overdue ? (
                <Badge color="red" variant="light" radius="sm">
                  {t('aftercare.tasks.overdue')}
                </Badge>
              ) : null}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
