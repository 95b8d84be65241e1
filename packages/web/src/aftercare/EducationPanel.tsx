import type { EnrolmentInput, SurvivorDetail } from '@bantay/core/aftercare/schema';
import {
  Button,
  Group,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../app/format';
import { Section } from '../triage/report/Section';
import { aftercareApi, useAftercareAction } from './api';
import { FormError } from './FormError';
import { today, useChoices } from './labels';

/** School, alternative learning and vocational courses, with attendance by month. */
export function EducationPanel({ survivor }: { survivor: SurvivorDetail }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const rate = (present: number, expected: number) => `${Math.round((100 * present) / expected)}%`;
  return (
    <Section id="survivor-education" title={t('aftercare.education.title')}>
      <Stack gap="sm">
        {survivor.enrolments.length === 0 ? (
          <Text size="sm" className="dimmed">
            {t('aftercare.education.none')}
          </Text>
        ) : (
          <Table fz="sm" verticalSpacing={4} striped>
            <Table.Caption>
              <VisuallyHidden>{t('aftercare.education.title')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('aftercare.education.institution')}</Table.Th>
                <Table.Th>{t('aftercare.education.level')}</Table.Th>
                <Table.Th>{t('aftercare.education.startedOn')}</Table.Th>
                <Table.Th>{t('aftercare.education.attendance')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {survivor.enrolments.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    {e.institution} · {t(`aftercare.enrolmentKinds.${e.kind}`)}
                  </Table.Td>
                  <Table.Td>{e.level}</Table.Td>
                  <Table.Td>{format.date(e.startedOn)}</Table.Td>
                  <Table.Td>
                    {e.attendance
                      .map(
                        (a) =>
                          `${a.month}: ${a.daysPresent}/${a.daysExpected} (${rate(a.daysPresent, a.daysExpected)})`,
                      )
                      .join('; ') || t('common.none')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
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
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.run(draft);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('aftercare.education.formTitle')}>
      <Stack gap="sm">
        <FormError error={save.error} />
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
        <Group>
          <Button type="submit" variant="light" loading={save.pending}>
            {t('aftercare.education.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
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
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.run(undefined);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('aftercare.education.attendanceTitle')}>
      <Stack gap="sm">
        <FormError error={save.error} />
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
        <Group>
          <Button type="submit" variant="light" loading={save.pending}>
            {t('aftercare.education.attendanceSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
