import { CaseOpenInput } from '@bantay/core/cases/schema';
import {
  Alert,
  Anchor,
  Group,
  Loader,
  Table,
  Text,
  Textarea,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate } from 'react-router';
import { errorText, schemaErrors } from '../app/errors';
import { NotFoundPage } from '../app/guards';
import { Page } from '../app/Page';
import { RelativeTime } from '../app/RelativeTime';
import { useMe } from '../auth/session';
import { casesApi, useCases } from './api';
import { CalendarPage } from './CalendarPage';
import { CaseForm, FormDialog, given } from './CaseForm';
import { CasePage } from './CasePage';
import { CasesNav } from './CasesNav';
import { CaseStatus } from './labels';

const CALENDAR_ROUTE = 'calendar';
const CASE_ROUTE = ':id';

/** The cases of the user's unit and those he is a member of; each case with its tabs; the unit calendar. */
export default function CasesPage() {
  return (
    <Routes>
      <Route index element={<CaseList />} />
      <Route path={CALENDAR_ROUTE} element={<CalendarPage />} />
      <Route path={CASE_ROUTE} element={<CasePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function OpenCaseForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const input = { title, summary: given(summary) };
  return (
    <CaseForm
      label={t('investigation.open.title')}
      fields={['title', 'summary'] as const}
      submitLabel={t('investigation.open.submit')}
      doneMessage={t('investigation.open.done')}
      check={() =>
        schemaErrors(t, CaseOpenInput.safeParse(input), {
          title: 'investigation.form.required',
          summary: 'investigation.form.tooLong',
        })
      }
      send={async () => {
        const opened = await casesApi.open(input);
        await navigate(`/cases/${opened.id}`);
      }}
      onDone={onDone}
    >
      {(errors) => (
        <>
          <TextInput
            label={t('cases.caseTitle')}
            required
            data-autofocus
            value={title}
            error={errors.title}
            onChange={(event) => setTitle(event.currentTarget.value)}
          />
          <Textarea
            label={t('investigation.summary.text')}
            autosize
            minRows={3}
            value={summary}
            error={errors.summary}
            onChange={(event) => setSummary(event.currentTarget.value)}
          />
        </>
      )}
    </CaseForm>
  );
}

function CaseList() {
  const { t } = useTranslation();
  const me = useMe();
  const cases = useCases();
  const canOpen = me.permissions.includes('cases:write') && Boolean(me.user.unit);
  return (
    <Page
      title={t('cases.title')}
      description={me.user.unit ? t('cases.introUnit', { unit: me.user.unit.name }) : t('cases.introNoUnit')}
      actions={
        canOpen ? (
          <FormDialog
            buttonLabel={t('investigation.open.button')}
            title={t('investigation.open.title')}
            variant="filled"
          >
            {(close) => <OpenCaseForm onDone={close} />}
          </FormDialog>
        ) : null
      }
    >
      <CasesNav />
      {cases.isError ? <Alert color="red">{errorText(t, cases.error)}</Alert> : null}
      {cases.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {cases.data?.length === 0 ? <Text className="dimmed">{t('cases.none')}</Text> : null}
      {cases.data?.length ? (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover fz="sm" verticalSpacing="xs">
            <Table.Caption>
              <VisuallyHidden>{t('cases.caption')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cases.number')}</Table.Th>
                <Table.Th>{t('cases.caseTitle')}</Table.Th>
                <Table.Th>{t('cases.status')}</Table.Th>
                <Table.Th>{t('investigation.lead')}</Table.Th>
                <Table.Th ta="right">{t('cases.reports')}</Table.Th>
                <Table.Th>{t('cases.opened')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cases.data.map((row) => (
                <Table.Tr key={row.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/cases/${row.id}`} ff="monospace" fw={600}>
                      {row.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{row.title}</Table.Td>
                  <Table.Td>
                    <CaseStatus status={row.status} />
                  </Table.Td>
                  <Table.Td>{row.lead ?? t('common.none')}</Table.Td>
                  <Table.Td ta="right" ff="monospace">
                    {row.reportCount}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <RelativeTime iso={row.createdAt} />
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Page>
  );
}
