import type { Operation } from '@bantay/core/cases/operations';
import { Alert, MultiSelect, NumberInput, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { casesApi, type CaseDetail } from '../api';
import { CaseForm } from '../CaseForm';
import { ChildFields } from '../VictimsTab';

type Child = {
  ageBand: CaseDetail['victims'][number]['ageBand'] | null;
  sex: CaseDetail['victims'][number]['sex'] | null;
  relationship: CaseDetail['victims'][number]['relationship'] | null;
};
const EMPTY: Child = { ageBand: null, sex: null, relationship: null };

/** Records what the rescue found: children rescued, suspects arrested, what was learnt. */
export function OutcomeForm({
  item,
  operation,
  onDone,
}: {
  item: CaseDetail;
  operation: Operation;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [children, setChildren] = useState<Child[]>(
    Array.from({ length: operation.expectedChildren }, () => EMPTY),
  );
  const [arrested, setArrested] = useState<string[]>([]);
  const [afterAction, setAfterAction] = useState('');
  const socialWorker = operation.team.find((member) => member.role === 'social_worker');
  const resize = (count: number) =>
    setChildren((current) =>
      Array.from({ length: Math.max(0, Math.min(100, count)) }, (_, i) => current[i] ?? EMPTY),
    );
  return (
    <CaseForm
      label={t('investigation.operations.outcome')}
      fields={['children', 'arrestedSubjectIds', 'afterAction'] as const}
      submitLabel={t('investigation.operations.recordOutcome')}
      doneMessage={t('investigation.operations.outcomeRecorded')}
      check={() => {
        const required = t('investigation.form.required');
        const incomplete = children.some((child) => !child.ageBand || !child.sex || !child.relationship);
        return {
          ...(incomplete ? { children: t('investigation.operations.childrenIncomplete') } : {}),
          ...(afterAction.trim() ? {} : { afterAction: required }),
        };
      }}
      send={() =>
        casesApi.recordOutcome(item.id, operation.id, {
          children: children.map((child) => ({
            ageBand: child.ageBand ?? 'unknown',
            sex: child.sex ?? 'unknown',
            relationship: child.relationship ?? 'unknown',
          })),
          arrestedSubjectIds: arrested,
          afterAction,
        })
      }
      onDone={onDone}
    >
      {(errors) => (
        <>
          <NumberInput
            label={t('investigation.operations.childrenRescued')}
            min={0}
            max={100}
            value={children.length}
            error={errors.children}
            onChange={(value) => resize(typeof value === 'number' ? value : Number(value) || 0)}
          />
          {children.length > 0 && socialWorker ? (
            <Alert color="blue">
              {t('investigation.operations.aftercareNote', {
                name: socialWorker.name,
                organisation: socialWorker.organisation,
              })}
            </Alert>
          ) : null}
          <Stack gap="xs">
            {children.map((child, index) => (
              <ChildFields
                key={index}
                index={index}
                value={child}
                onChange={(patch) =>
                  setChildren((current) => current.map((c, at) => (at === index ? { ...c, ...patch } : c)))
                }
              />
            ))}
          </Stack>
          <MultiSelect
            label={t('investigation.operations.arrested')}
            description={t('investigation.operations.arrestedHelp')}
            data={item.subjects.map((subject) => ({ value: subject.id, label: subject.fullName }))}
            value={arrested}
            error={errors.arrestedSubjectIds}
            onChange={setArrested}
          />
          <Textarea
            label={t('investigation.operations.afterAction')}
            required
            autosize
            minRows={3}
            value={afterAction}
            error={errors.afterAction}
            onChange={(e) => setAfterAction(e.currentTarget.value)}
          />
        </>
      )}
    </CaseForm>
  );
}
