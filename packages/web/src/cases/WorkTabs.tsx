import { TaskInput } from '@bantay/core/cases/schema';
import {
  Badge,
  Button,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, schemaErrors } from '../app/errors';
import { useDateFormat } from '../app/format';
import { notify } from '../app/notify';
import { CASES_KEY, casesApi, useTeamOptions, type CaseDetail } from './api';
import { CaseForm, FormDialog, given } from './CaseForm';

function TaskForm({ item, onDone }: { item: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const team = useTeamOptions(true);
  const [title, setTitle] = useState('');
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const [dueOn, setDueOn] = useState('');
  const [remindOn, setRemindOn] = useState('');
  const input = {
    title,
    assigneeId: assigneeId ?? undefined,
    dueOn: given(dueOn),
    remindOn: given(remindOn),
  };
  return (
    <CaseForm
      label={t('investigation.tasks.add')}
      fields={['title', 'assigneeId', 'dueOn', 'remindOn'] as const}
      submitLabel={t('investigation.tasks.add')}
      doneMessage={t('investigation.tasks.added')}
      check={() =>
        schemaErrors(t, TaskInput.safeParse(input), {
          title: 'investigation.form.required',
          assigneeId: 'investigation.form.required',
          dueOn: 'investigation.form.date',
          remindOn: 'investigation.form.date',
        })
      }
      send={() => casesApi.addTask(item.id, input)}
      onDone={onDone}
    >
      {(errors) => (
        <>
          <TextInput
            label={t('investigation.tasks.task')}
            required
            data-autofocus
            value={title}
            error={errors.title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <Select
            label={t('investigation.tasks.assignee')}
            data={(team.data?.colleagues ?? []).map((person) => ({ value: person.id, label: person.name }))}
            searchable
            clearable
            nothingFoundMessage={t('common.nothingFound')}
            value={assigneeId}
            error={errors.assigneeId}
            onChange={setAssigneeId}
          />
          <TextInput
            label={t('investigation.tasks.due')}
            type="date"
            value={dueOn}
            error={errors.dueOn}
            onChange={(e) => setDueOn(e.currentTarget.value)}
          />
          <TextInput
            label={t('investigation.tasks.remindOn')}
            description={t('investigation.tasks.remindHelp')}
            type="date"
            value={remindOn}
            error={errors.remindOn}
            onChange={(e) => setRemindOn(e.currentTarget.value)}
          />
        </>
      )}
    </CaseForm>
  );
}

function DoneButton({ item, task }: { item: CaseDetail; task: CaseDetail['tasks'][number] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const done = async () => {
    setBusy(true);
    try {
      await casesApi.completeTask(item.id, task.id);
      await queryClient.invalidateQueries({ queryKey: [CASES_KEY] });
      notify.success({ message: t('investigation.tasks.doneMessage', { title: task.title }) });
    } catch (error) {
      notify.failure({ message: errorText(t, error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size="xs"
      variant="light"
      loading={busy}
      onClick={() => void done()}
      aria-label={t('investigation.tasks.markDoneNamed', { title: task.title })}
    >
      {t('investigation.tasks.markDone')}
    </Button>
  );
}

/** What has to be done on the case, by whom and by when. */
export function TasksTab({ item }: { item: CaseDetail }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  return (
    <Stack gap="md">
      {item.abilities.write ? (
        <div>
          <FormDialog buttonLabel={t('investigation.tasks.add')} title={t('investigation.tasks.add')} compact>
            {(close) => <TaskForm item={item} onDone={close} />}
          </FormDialog>
        </div>
      ) : null}
      {item.tasks.length === 0 ? (
        <Text className="dimmed">{t('investigation.tasks.none')}</Text>
      ) : (
        <Table fz="sm" striped verticalSpacing={4}>
          <Table.Caption>
            <VisuallyHidden>{t('investigation.tasks.caption')}</VisuallyHidden>
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('investigation.tasks.task')}</Table.Th>
              <Table.Th>{t('investigation.tasks.assignee')}</Table.Th>
              <Table.Th>{t('investigation.tasks.due')}</Table.Th>
              <Table.Th>{t('cases.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {item.tasks.map((task) => (
              <Table.Tr key={task.id}>
                <Table.Td>{task.title}</Table.Td>
                <Table.Td>{task.assignee?.name ?? t('common.none')}</Table.Td>
                <Table.Td>
                  {task.dueOn ?? t('common.none')}{' '}
                  {task.overdue ? (
                    <Badge color="red" variant="light" size="sm" radius="sm">
                      {t('investigation.overdue')}
                    </Badge>
                  ) : null}
                  {task.remindOn && !task.doneAt ? (
                    <Text size="xs" className="dimmed">
                      {t('investigation.tasks.remindLine', { date: task.remindOn })}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  {task.doneAt ? (
                    t('investigation.tasks.doneAt', { time: format.dateTime(task.doneAt) })
                  ) : item.abilities.write ? (
                    <DoneButton item={item} task={task} />
                  ) : (
                    t('investigation.tasks.open')
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** Notes of the team, newest first. */
export function NotesTab({ item }: { item: CaseDetail }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const [body, setBody] = useState('');
  return (
    <Stack gap="md">
      {item.abilities.write ? (
        <CaseForm
          label={t('investigation.notes.add')}
          fields={['body'] as const}
          submitLabel={t('investigation.notes.add')}
          doneMessage={t('investigation.notes.added')}
          check={() => (body.trim() ? {} : { body: t('investigation.form.required') })}
          send={() => casesApi.addNote(item.id, body)}
          onDone={() => setBody('')}
        >
          {(errors) => (
            <Textarea
              label={t('investigation.notes.note')}
              autosize
              minRows={3}
              value={body}
              error={errors.body}
              onChange={(e) => setBody(e.currentTarget.value)}
            />
          )}
        </CaseForm>
      ) : null}
      {item.notes.length === 0 ? <Text className="dimmed">{t('investigation.notes.none')}</Text> : null}
      {item.notes.map((note) => (
        <Paper key={note.id} withBorder p="sm" component="article">
          <Text size="xs" className="dimmed">
            {note.author} · {format.dateTime(note.createdAt)}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {note.body}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}
