import { COURT_KINDS } from '@bantay/core/prosecution/schema';
import { Alert, Anchor, Loader, Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { errorText } from '../app/errors';
import { useDateFormat } from '../app/format';
import { Page } from '../app/Page';
import { useMe } from '../auth/session';
import { useCases } from '../cases/api';
import { CaseForm, FormDialog, given } from '../cases/CaseForm';
import { PROSECUTION_PATH, courtCasePath, prosecutionApi, useCourtCases } from './api';
import { DataTable } from '../app/DataTable';

const FIELDS = [
  'investigationCaseId',
  'docketNumber',
  'title',
  'courtKind',
  'courtName',
  'judge',
  'accused',
] as const;

/** Opens a court case from an investigation case the prosecutor was added to, or by hand with named accused. */
function OpenCourtCaseForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const investigations = useCases();
  const [investigationCaseId, setInvestigation] = useState<string | null>(null);
  const [docketNumber, setDocket] = useState('');
  const [title, setTitle] = useState('');
  const [courtKind, setCourtKind] = useState<string | null>('rtc');
  const [courtName, setCourtName] = useState('');
  const [judge, setJudge] = useState('');
  const [accused, setAccused] = useState('');
  return (
    <CaseForm
      label={t('prosecution.open.title')}
      fields={FIELDS}
      submitLabel={t('prosecution.open.submit')}
      doneMessage={t('prosecution.open.done')}
      send={async () => {
        const opened = await prosecutionApi.open({
          investigationCaseId: investigationCaseId ?? undefined,
          docketNumber,
          title,
          courtKind: (courtKind ?? 'rtc') as (typeof COURT_KINDS)[number],
          courtName,
          judge: given(judge),
          accused: given(accused) ? [accused.trim()] : [],
        });
        await navigate(courtCasePath(opened.id));
      }}
      onDone={onDone}
    >
      {(errors) => (
        <>
          <Select
            label={t('prosecution.open.investigation')}
            description={t('prosecution.open.investigationHelp')}
            data={(investigations.data ?? []).map((c) => ({
              value: c.id,
              label: `${c.number} — ${c.title}`,
            }))}
            value={investigationCaseId}
            onChange={setInvestigation}
            clearable
            searchable
            data-autofocus
            error={errors.investigationCaseId}
          />
          <TextInput
            label={t('prosecution.docketNumber')}
            required
            value={docketNumber}
            error={errors.docketNumber}
            onChange={(e) => setDocket(e.currentTarget.value)}
          />
          <TextInput
            label={t('prosecution.caseTitle')}
            required
            value={title}
            error={errors.title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <Select
            label={t('prosecution.courtKind')}
            required
            allowDeselect={false}
            data={COURT_KINDS.map((value) => ({ value, label: t(`prosecution.courtKinds.${value}`) }))}
            value={courtKind}
            onChange={setCourtKind}
            error={errors.courtKind}
          />
          <TextInput
            label={t('prosecution.courtName')}
            required
            value={courtName}
            error={errors.courtName}
            onChange={(e) => setCourtName(e.currentTarget.value)}
          />
          <TextInput
            label={t('prosecution.judge')}
            value={judge}
            error={errors.judge}
            onChange={(e) => setJudge(e.currentTarget.value)}
          />
          {investigationCaseId ? null : (
            <TextInput
              label={t('prosecution.open.accusedByHand')}
              value={accused}
              error={errors.accused}
              onChange={(e) => setAccused(e.currentTarget.value)}
            />
          )}
        </>
      )}
    </CaseForm>
  );
}

/** The court cases of the office: docket, court, stage, next hearing. */
export function CourtCasesPage() {
  const { t } = useTranslation();
  const format = useDateFormat();
  const me = useMe();
  const list = useCourtCases();
  return (
    <Page
      title={t('prosecution.title')}
      description={t('prosecution.intro')}
      actions={
        <>
          <Anchor component={Link} to={`${PROSECUTION_PATH}/dashboard`} size="sm">
            {t('prosecutionDashboard.title')}
          </Anchor>
          {me.permissions.includes('prosecution:write') ? (
            <FormDialog
              buttonLabel={t('prosecution.open.button')}
              title={t('prosecution.open.title')}
              variant="filled"
            >
              {(close) => <OpenCourtCaseForm onDone={close} />}
            </FormDialog>
          ) : null}
        </>
      }
    >
      {list.isError ? <Alert color="red">{errorText(t, list.error)}</Alert> : null}
      {list.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {list.data ? (
        <DataTable
          rows={list.data}
          rowKey={(row) => row.id}
          none={t('prosecution.none')}
          caption={t('prosecution.caption')}
          highlightOnHover
          verticalSpacing="xs"
          columns={[
            {
              label: t('prosecution.docketNumber'),
              cell: (row) => (
                <Anchor component={Link} to={courtCasePath(row.id)} ff="monospace" fw={600}>
                  {row.docketNumber}
                </Anchor>
              ),
            },
            { label: t('prosecution.caseTitle'), cell: (row) => row.title },
            { label: t('prosecution.courtName'), cell: (row) => row.courtName },
            {
              label: t('prosecution.stage'),
              cell: (row) => (row.stage ? t(`prosecution.stages.${row.stage}`) : t('common.none')),
            },
            {
              label: t('prosecution.nextHearing'),
              cell: (row) => (row.nextHearingAt ? format.dateTimeShort(row.nextHearingAt) : t('common.none')),
            },
          ]}
        />
      ) : null}
    </Page>
  );
}
