import { OperationPlanInput, type TeamRole } from '@bantay/core/cases/operations';
import {
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { casesApi, useTeamOptions, type CaseDetail } from '../api';
import { CaseForm, given } from '../CaseForm';

const FIELDS = ['name', 'plannedAt', 'targets', 'expectedChildren', 'team', 'briefing'] as const;
type Field = (typeof FIELDS)[number];
type Target = { address: string; psgcCode: string };

/** A datetime-local value (the browser's time) as an ISO instant, or '' when not a time. */
function instant(local: string): string {
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? '' : at.toISOString();
}

/** Plans a rescue: when, where, how many children, who goes, including the social worker. */
export function PlanForm({ item, onDone }: { item: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const team = useTeamOptions(true);
  const [name, setName] = useState('');
  const [plannedAt, setPlannedAt] = useState('');
  const [targets, setTargets] = useState<Target[]>([{ address: '', psgcCode: '' }]);
  const [expectedChildren, setExpectedChildren] = useState<number>(1);
  const [lead, setLead] = useState<string | null>(null);
  const [members, setMembers] = useState<string[]>([]);
  const [socialWorker, setSocialWorker] = useState<string | null>(null);
  const [briefing, setBriefing] = useState('');
  const roster: { userId: string; role: TeamRole }[] = [
    ...(lead ? [{ userId: lead, role: 'team_lead' as const }] : []),
    ...members.filter((id) => id !== lead).map((userId) => ({ userId, role: 'investigator' as const })),
    ...(socialWorker ? [{ userId: socialWorker, role: 'social_worker' as const }] : []),
  ];
  const input = {
    name,
    plannedAt: instant(plannedAt),
    targets: targets.map((target) => ({ address: target.address, psgcCode: given(target.psgcCode) })),
    expectedChildren,
    team: roster,
    briefing: given(briefing),
  };
  const colleagues = (team.data?.colleagues ?? []).map((person) => ({
    value: person.id,
    label: person.name,
  }));
  const check = () => {
    const result = OperationPlanInput.safeParse(input);
    const errors: Partial<Record<Field, string>> = {};
    if (!result.success)
      for (const issue of result.error.issues) {
        const field = String(issue.path[0] ?? '') as Field;
        if (FIELDS.includes(field))
          errors[field] ??= t(
            field === 'plannedAt' ? 'investigation.form.time' : 'investigation.form.required',
          );
      }
    return errors;
  };
  const setTarget = (index: number, patch: Partial<Target>) =>
    setTargets((current) => current.map((target, at) => (at === index ? { ...target, ...patch } : target)));
  return (
    <CaseForm
      label={t('investigation.operations.plan')}
      fields={FIELDS}
      submitLabel={t('investigation.operations.plan')}
      doneMessage={t('investigation.operations.planned')}
      check={check}
      send={() => casesApi.planOperation(item.id, input)}
      onDone={onDone}
    >
      {(errors) => (
        <>
          <TextInput
            label={t('investigation.operations.name')}
            required
            data-autofocus
            value={name}
            error={errors.name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              type="datetime-local"
              label={t('investigation.operations.plannedAt')}
              required
              value={plannedAt}
              error={errors.plannedAt}
              onChange={(e) => setPlannedAt(e.currentTarget.value)}
            />
            <NumberInput
              label={t('investigation.operations.expectedChildren')}
              min={0}
              max={100}
              required
              value={expectedChildren}
              error={errors.expectedChildren}
              onChange={(value) =>
                setExpectedChildren(typeof value === 'number' ? value : Number(value) || 0)
              }
            />
          </SimpleGrid>
          <Stack gap="xs">
            {targets.map((target, index) => (
              <SimpleGrid key={index} cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('investigation.operations.targetAddress', { n: index + 1 })}
                  required
                  value={target.address}
                  error={index === 0 ? errors.targets : undefined}
                  onChange={(e) => setTarget(index, { address: e.currentTarget.value })}
                />
                <TextInput
                  label={t('investigation.operations.targetPsgc', { n: index + 1 })}
                  description={t('investigation.form.psgcHelp')}
                  inputMode="numeric"
                  maxLength={10}
                  value={target.psgcCode}
                  onChange={(e) => setTarget(index, { psgcCode: e.currentTarget.value })}
                />
              </SimpleGrid>
            ))}
            <Group>
              <Button
                variant="subtle"
                size="xs"
                onClick={() => setTargets((current) => [...current, { address: '', psgcCode: '' }])}
              >
                {t('investigation.operations.addTarget')}
              </Button>
            </Group>
          </Stack>
          <Select
            label={t('investigation.teamRoles.team_lead')}
            data={colleagues}
            searchable
            required
            value={lead}
            error={errors.team}
            onChange={setLead}
            nothingFoundMessage={t('common.nothingFound')}
          />
          <MultiSelect
            label={t('investigation.operations.members')}
            data={colleagues}
            searchable
            value={members}
            onChange={setMembers}
            nothingFoundMessage={t('common.nothingFound')}
          />
          <Select
            label={t('investigation.teamRoles.social_worker')}
            description={t('investigation.operations.socialWorkerHelp')}
            data={(team.data?.socialWorkers ?? []).map((person) => ({
              value: person.id,
              label: `${person.name} — ${person.organisation}`,
            }))}
            searchable
            clearable
            value={socialWorker}
            onChange={setSocialWorker}
            nothingFoundMessage={t('common.nothingFound')}
          />
          <Textarea
            label={t('investigation.operations.briefing')}
            autosize
            minRows={2}
            value={briefing}
            error={errors.briefing}
            onChange={(e) => setBriefing(e.currentTarget.value)}
          />
        </>
      )}
    </CaseForm>
  );
}
