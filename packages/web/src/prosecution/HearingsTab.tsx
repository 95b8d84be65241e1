import { CHILD_PROTECTIONS, type ChildProtection } from '@bantay/core/prosecution/schema';
import { Anchor, Group, MultiSelect, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../app/format';
import { CaseForm, given } from '../cases/CaseForm';
import { localToIso, prosecutionApi, type CourtCaseDetail } from './api';
import { DataTable } from '../app/DataTable';
import { BadgeList, DialogButton } from './CaseTable';

function HearingForm({ item, onDone }: { item: CourtCaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const [at, setAt] = useState('');
  const [purpose, setPurpose] = useState('');
  const [court, setCourt] = useState(item.courtName);
  const [child, setChild] = useState<string | null>(null);
  const [asked, setAsked] = useState<string[]>([]);
  const [granted, setGranted] = useState<string[]>([]);
  const protections = CHILD_PROTECTIONS.map((value) => ({
    value,
    label: t(`prosecution.protections.${value}`),
  }));
  return (
    <CaseForm
      label={t('prosecution.hearings.add')}
      fields={
        ['at', 'purpose', 'court', 'childWitnessCode', 'protectionsAsked', 'protectionsGranted'] as const
      }
      submitLabel={t('prosecution.hearings.submit')}
      doneMessage={t('prosecution.hearings.done')}
      check={() => (localToIso(at) ? {} : { at: t('investigation.form.time') })}
      send={() =>
        prosecutionApi.hearing(item.id, {
          at: localToIso(at),
          purpose,
          court: given(court),
          childWitnessCode: child ?? undefined,
          protectionsAsked: asked as ChildProtection[],
          protectionsGranted: granted as ChildProtection[],
        })
      }
      onDone={onDone}
    >
      {(errors) => (
        <>
          <TextInput
            type="datetime-local"
            label={t('prosecution.hearings.at')}
            required
            value={at}
            onChange={(e) => setAt(e.currentTarget.value)}
            error={errors.at}
            data-autofocus
          />
          <TextInput
            label={t('prosecution.hearings.purpose')}
            required
            value={purpose}
            onChange={(e) => setPurpose(e.currentTarget.value)}
            error={errors.purpose}
          />
          <TextInput
            label={t('prosecution.courtName')}
            value={court}
            onChange={(e) => setCourt(e.currentTarget.value)}
            error={errors.court}
          />
          <Select
            label={t('prosecution.hearings.child')}
            description={t('prosecution.hearings.childHelp')}
            clearable
            data={item.victims.map((v) => ({ value: v.code, label: v.code }))}
            value={child}
            onChange={setChild}
            error={errors.childWitnessCode}
          />
          {child ? (
            <>
              <MultiSelect
                searchable
                label={t('prosecution.hearings.asked')}
                data={protections}
                value={asked}
                onChange={setAsked}
                error={errors.protectionsAsked}
              />
              <MultiSelect
                searchable
                label={t('prosecution.hearings.granted')}
                data={protections}
                value={granted}
                onChange={setGranted}
                error={errors.protectionsGranted}
              />
            </>
          ) : null}
        </>
      )}
    </CaseForm>
  );
}

/** Hearings of the case; a child witness by pseudonym with the protections asked and granted. */
export function HearingsTab({ item }: { item: CourtCaseDetail }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  return (
    <Stack gap="md">
      <Group>
        {item.abilities.write ? (
          <DialogButton
            label={t('prosecution.hearings.add')}
            form={(close) => <HearingForm item={item} onDone={close} />}
          />
        ) : null}
        <Anchor href={prosecutionApi.icsUrl(item.id)} download size="sm">
          {t('prosecution.hearings.ics')}
        </Anchor>
      </Group>
      <DataTable
        rows={item.hearings}
        rowKey={(h) => h.id}
        none={t('prosecution.hearings.none')}
        columns={[
          { label: t('prosecution.hearings.at'), cell: (h) => format.dateTimeShort(h.at) },
          { label: t('prosecution.hearings.purpose'), cell: (h) => h.purpose },
          { label: t('prosecution.courtName'), cell: (h) => h.court },
          {
            label: t('prosecution.hearings.child'),
            cell: (h) => (
              <>
                {h.childWitnessCode ?? t('common.none')}
                {h.socialWorkerNotified ? <Text size="xs">{t('prosecution.hearings.notified')}</Text> : null}
              </>
            ),
          },
          {
            label: t('prosecution.hearings.granted'),
            cell: (h) => (
              <BadgeList labels={h.protectionsGranted.map((p) => t(`prosecution.protections.${p}`))} />
            ),
          },
        ]}
      />
    </Stack>
  );
}
