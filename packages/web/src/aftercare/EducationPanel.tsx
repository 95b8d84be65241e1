import type { EnrolmentInput, SurvivorDetail } from '@bantay/core/aftercare/schema';
import { NativeSelect, NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../app/format';
import { Section } from '../triage/report/Section';
import { aftercareApi, useAftercareAction } from './api';
import { today, useChoices } from './labels';
import { RecordForm, RecordTable } from './RecordPanel';

/** School, alternative learning and vocational courses, with attendance by month. */
export function EducationPanel({ survivor }: { survivor: SurvivorDetail }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const rate = (present: number, expected: number) => `${Math.round((100 * present) / expected)}%`;
  return (
    <Section id="survivor-education" title={t('aftercare.education.title')}>
      <Stack gap="sm">
        <RecordTable
          caption={t('aftercare.education.title')}
          none={t('aftercare.education.none')}
          rows={survivor.enrolments}
          columns={[
            {
              label: t('aftercare.education.institution'),
              cell: (e) => `${e.institution} · ${t(`aftercare.enrolmentKinds.${e.kind}`)}`,
            },
            { label: t('aftercare.education.level'), cell: (e) => e.level },
            { label: t('aftercare.education.startedOn'), cell: (e) => format.date(e.startedOn) },
            {
              label: t('aftercare.education.attendance'),
              cell: (e) =>
                e.attendance
                  .map(
                    (a) =>
                      `${a.month}: ${a.daysPresent}/${a.daysExpected} (${rate(a.daysPresent, a.daysExpected)})`,
                  )
                  .join('; ') || t('common.none'),
            },
          ]}
        />
        {survivor.abilities.recordService ? (
          <>
            <EnrolmentForm survivorId={survivor.id} />
            {survivor.enrolments.length ? <AttendanceForm enrolments={survivor.enrolments} /> : null}
          </>
        ) : null}
      </Stack>
    </Section>
  );
}

function EnrolmentForm({ survivorId }: { survivorId: string }) {
  const { t } = useTranslation();
  const choices = useChoices();
  const [draft, setDraft] = useState<EnrolmentInput>({
    kind: 'school',
    institution: '',
    level: '',
    startedOn: today(),
  });
  const save = useAftercareAction((input: EnrolmentInput) => aftercareApi.enrol(survivorId, input));
  const set = (patch: Partial<EnrolmentInput>) => setDraft((d) => ({ ...d, ...patch }));
  return (
    <RecordForm
      label={t('aftercare.education.formTitle')}
      submit={t('aftercare.education.submit')}
      action={save}
      onSubmit={() => save.run(draft)}
    >
      <SimpleGrid cols={{ base: 1, sm: 4 }}>
        <NativeSelect
          label={t('aftercare.education.kind')}
          data={choices.enrolmentKinds}
          value={draft.kind}
          onChange={(e) => set({ kind: e.currentTarget.value as EnrolmentInput['kind'] })}
        />
        <TextInput
          label={t('aftercare.education.institution')}
          value={draft.institution}
          maxLength={200}
          onChange={(e) => set({ institution: e.currentTarget.value })}
        />
        <TextInput
          label={t('aftercare.education.level')}
          value={draft.level}
          maxLength={200}
          onChange={(e) => set({ level: e.currentTarget.value })}
        />
        <TextInput
          type="date"
          label={t('aftercare.education.startedOn')}
          value={draft.startedOn}
          onChange={(e) => set({ startedOn: e.currentTarget.value })}
        />
      </SimpleGrid>
    </RecordForm>
  );
}

function AttendanceForm({ enrolments }: { enrolments: SurvivorDetail['enrolments'] }) {
  const { t } = useTranslation();
  const [enrolmentId, setEnrolmentId] = useState(enrolments[0]?.id ?? '');
  const [month, setMonth] = useState(today().slice(0, 7));
  const [present, setPresent] = useState(0);
  const [expected, setExpected] = useState(20);
  const save = useAftercareAction(() =>
    aftercareApi.attendance(enrolmentId, { month, daysPresent: present, daysExpected: expected }),
  );
  return (
    <RecordForm
      label={t('aftercare.education.attendanceTitle')}
      submit={t('aftercare.education.attendanceSubmit')}
      action={save}
      onSubmit={() => save.run(undefined)}
    >
      <SimpleGrid cols={{ base: 1, sm: 4 }}>
        <NativeSelect
          label={t('aftercare.education.enrolment')}
          data={enrolments.map((e) => ({ value: e.id, label: `${e.institution} (${e.level})` }))}
          value={enrolmentId}
          onChange={(e) => setEnrolmentId(e.currentTarget.value)}
        />
        <TextInput
          type="month"
          label={t('aftercare.education.month')}
          value={month}
          onChange={(e) => setMonth(e.currentTarget.value)}
        />
        <NumberInput
          label={t('aftercare.education.daysPresent')}
          min={0}
          max={31}
          value={present}
          onChange={(v) => setPresent(typeof v === 'number' ? v : 0)}
        />
        <NumberInput
          label={t('aftercare.education.daysExpected')}
          min={1}
          max={31}
          value={expected}
          onChange={(v) => setExpected(typeof v === 'number' ? v : 0)}
        />
      </SimpleGrid>
    </RecordForm>
  );
}
