import { CLOSE_REASONS, DECISIONS, type DecisionInput } from '@bantay/core/triage/schema';
import { Alert, Button, Radio, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecisionResult, Unit } from '../api';
import { triageApi } from '../api';
import {
  checkDraft,
  EMPTY_DRAFT,
  FIELDS_OF,
  isCloseReason,
  isDecision,
  serverProblem,
  type DecisionDraft,
  type DecisionField,
} from './decisionForm';

type DecisionFormProps = {
  reportId: string;
  units: readonly Unit[];
  onDecided: (result: DecisionResult, input: DecisionInput) => void | Promise<void>;
};

/** One form for every decision: choose what to do, and it asks for what that needs. */
export function DecisionForm({ reportId, units, onDecided }: DecisionFormProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<DecisionDraft>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<Partial<Record<DecisionField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const fields = FIELDS_OF[draft.decision];
  const change = (patch: Partial<DecisionDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setErrors((current) => {
      const next = { ...current };
      for (const key of Object.keys(patch)) delete next[key as DecisionField];
      return next;
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const checked = checkDraft(t, draft);
    if (checked.errors) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setSubmitting(true);
    try {
      const result = await triageApi.decide(reportId, checked.input);
      await onDecided(result, checked.input);
    } catch (error) {
      const problem = serverProblem(t, error, draft);
      if (problem.field) setErrors({ [problem.field]: problem.message });
      else setFormError(problem.message);
    } finally {
      setSubmitting(false);
    }
  };

  const unitData = [...new Set(units.map((unit) => unit.organisation))].map((organisation) => ({
    group: organisation,
    items: units
      .filter((unit) => unit.organisation === organisation)
      .map((unit) => ({ value: unit.id, label: unit.name })),
  }));

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label={t('decision.title')}>
      <Stack gap="sm">
        {formError ? (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        ) : null}
        <Radio.Group
          label={t('decision.choose')}
          value={draft.decision}
          onChange={(value) => {
            if (!isDecision(value)) return;
            setDraft((current) => ({ ...current, decision: value }));
            setErrors({});
            setFormError(null);
          }}
        >
          <Stack gap={6} mt={6}>
            {DECISIONS.map((decision) => (
              <Radio
                key={decision}
                value={decision}
                label={t(`decisions.${decision}.label`)}
                description={t(`decisions.${decision}.help`)}
              />
            ))}
          </Stack>
        </Radio.Group>
        {fields.includes('unitId') ? (
          <Select
            label={t('decision.unit')}
            placeholder={t('decision.chooseUnit')}
            data={unitData}
            searchable
            required
            nothingFoundMessage={t('common.nothingFound')}
            value={draft.unitId}
            error={errors.unitId}
            onChange={(value) => change({ unitId: value })}
          />
        ) : null}
        {fields.includes('caseNumber') ? (
          <TextInput
            label={t('decision.caseNumber')}
            description={t('decision.caseNumberHelp')}
            required
            value={draft.caseNumber}
            error={errors.caseNumber}
            onChange={(event) => change({ caseNumber: event.currentTarget.value })}
          />
        ) : null}
        {fields.includes('duplicateOf') ? (
          <TextInput
            label={t('decision.duplicateOf')}
            description={t('decision.duplicateOfHelp')}
            inputMode="numeric"
            required
            value={draft.duplicateOf}
            error={errors.duplicateOf}
            onChange={(event) => change({ duplicateOf: event.currentTarget.value })}
          />
        ) : null}
        {fields.includes('reason') ? (
          <Select
            label={t('decision.reason')}
            placeholder={t('decision.chooseReason')}
            data={CLOSE_REASONS.map((reason) => ({ value: reason, label: t(`closeReasons.${reason}`) }))}
            required
            value={draft.reason}
            error={errors.reason}
            onChange={(value) => change({ reason: value && isCloseReason(value) ? value : null })}
          />
        ) : null}
        <Textarea
          label={draft.decision === 'request_info' ? t('decision.infoNeeded') : t('decision.note')}
          description={
            draft.decision === 'request_info' ? t('decision.infoNeededHelp') : t('decision.noteHelp')
          }
          required={draft.decision === 'request_info'}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={4000}
          value={draft.note}
          error={errors.note}
          onChange={(event) => change({ note: event.currentTarget.value })}
        />
        <Button type="submit" loading={submitting} className="fit-content">
          {t(`decisions.${draft.decision}.submit`)}
        </Button>
      </Stack>
    </form>
  );
}
