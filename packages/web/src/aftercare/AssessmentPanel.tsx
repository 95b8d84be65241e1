import type { Instrument } from '@bantay/core/aftercare/instrument';
import type { AssessmentInput, SurvivorDetail } from '@bantay/core/aftercare/schema';
import { NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Section } from '../triage/report/Section';
import { aftercareApi, useAftercareAction } from './api';
import { FormError } from './FormError';
import { domainLabel, subdomainLabel, today } from './labels';
import { TrendChart } from './TrendChart';
import { FormBehindButton, SaveOrCancel } from './RecordPanel';

/** Outcome assessments in the six domains: the trend, and a new assessment. */
export function AssessmentPanel({ survivor }: { survivor: SurvivorDetail }) {
  const { t } = useTranslation();
  return (
    <Section id="survivor-assessments" title={t('aftercare.assessment.title')}>
      <Stack gap="sm">
        <Text size="sm" className="dimmed">
          {t('aftercare.assessment.intro', { threshold: survivor.instrument.threshold.toFixed(1) })}
        </Text>
        {survivor.assessments.length === 0 ? (
          <Text size="sm">{t('aftercare.assessment.none')}</Text>
        ) : (
          <TrendChart assessments={survivor.assessments} instrument={survivor.instrument} />
        )}
        <FormBehindButton
          allowed={survivor.abilities.assess}
          label={t('aftercare.assessment.write')}
          form={(close) => (
            <AssessmentForm survivorId={survivor.id} instrument={survivor.instrument} onDone={close} />
          )}
        />
      </Stack>
    </Section>
  );
}

type Score = AssessmentInput['scores'][number];
const SCORES = ['1', '2', '3', '4'] as const;

function AssessmentForm({
  survivorId,
  instrument,
  onDone,
}: {
  survivorId: string;
  instrument: Instrument;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [assessedOn, setAssessedOn] = useState(today());
  const [scores, setScores] = useState<Score[]>(() =>
    instrument.domains.flatMap((d) =>
      d.subdomains.map((s) => ({ domain: d.key, subdomain: s.key, score: 0, reason: '' })),
    ),
  );
  const save = useAftercareAction((input: AssessmentInput) => aftercareApi.assess(survivorId, input), onDone);
  const edit = (domain: string, subdomain: string, patch: Partial<Score>) =>
    setScores((all) =>
      all.map((s) => (s.domain === domain && s.subdomain === subdomain ? { ...s, ...patch } : s)),
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.run({ assessedOn, scores });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('aftercare.assessment.formTitle')}>
      <Stack gap="sm">
        <TextInput
          type="date"
          label={t('aftercare.assessment.date')}
          value={assessedOn}
          maw={220}
          onChange={(e) => setAssessedOn(e.currentTarget.value)}
        />
        <Text size="sm" className="dimmed">
          {t('aftercare.assessment.scale')}
        </Text>
        {instrument.domains.map((domain) => (
          <Paper key={domain.key} withBorder p="sm" component="fieldset" className="plain-fieldset">
            <Text component="legend" fw={650} px={4}>
              {domainLabel(t, domain.key, instrument)}
            </Text>
            <Stack gap="xs">
              {domain.subdomains.map((sub) => {
                const current = scores.find((s) => s.domain === domain.key && s.subdomain === sub.key);
                const label = subdomainLabel(t, instrument, domain.key, sub.key);
                return (
                  <SimpleGrid key={sub.key} cols={{ base: 1, sm: 2 }} spacing="sm">
                    <NativeSelect
                      label={label}
                      data={[
                        { value: '0', label: t('aftercare.choose') },
                        ...SCORES.map((value) => ({
                          value,
                          label: t(`aftercare.assessment.scores.${value}`),
                        })),
                      ]}
                      value={String(current?.score ?? 0)}
                      onChange={(e) => edit(domain.key, sub.key, { score: Number(e.currentTarget.value) })}
                    />
                    <TextInput
                      label={t('aftercare.assessment.reason')}
                      aria-label={t('aftercare.assessment.reasonFor', { subdomain: label })}
                      value={current?.reason ?? ''}
                      maxLength={500}
                      onChange={(e) => edit(domain.key, sub.key, { reason: e.currentTarget.value })}
                    />
                  </SimpleGrid>
                );
              })}
            </Stack>
          </Paper>
        ))}
        <FormError error={save.error} />
        <SaveOrCancel save={t('aftercare.assessment.submit')} pending={save.pending} onCancel={onDone} />
      </Stack>
    </form>
  );
}
