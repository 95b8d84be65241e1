import type { Instrument } from '@bantay/core/aftercare/instrument';
import type { CarePlanInput } from '@bantay/core/aftercare/schema';
import {
  ActionIcon,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { aftercareApi, useAftercareAction, usePartners } from './api';
import { FormError } from './FormError';
import { domainLabel, useChoices } from './labels';
import { SaveOrCancel } from './RecordPanel';

type Goal = CarePlanInput['goals'][number];
type Intervention = CarePlanInput['interventions'][number];

const inMonths = (months: number) => {
  const date = new Date();
  date.setMonth(date.getMonth() + months);
  return date.toISOString().slice(0, 10);
};
const newGoal = (domain: string): Goal => ({ domain, goal: '', targetDate: inMonths(3) });
const newIntervention = (): Intervention => ({
  kind: 'counselling',
  description: '',
  partnerId: null,
  targetDate: inMonths(3),
});

/** A new version of the care plan: goals per domain, interventions with who does them and by when. */
export function CarePlanForm({
  survivorId,
  instrument,
  onDone,
}: {
  survivorId: string;
  instrument: Instrument;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const choices = useChoices();
  const partners = usePartners();
  const [reviewEveryDays, setReview] = useState(90);
  const [goals, setGoals] = useState<Goal[]>(() => [newGoal(instrument.domains[0]?.key ?? '')]);
  const [interventions, setInterventions] = useState<Intervention[]>([newIntervention()]);
  const save = useAftercareAction((input: CarePlanInput) => aftercareApi.carePlan(survivorId, input), onDone);
  const editGoal = (index: number, patch: Partial<Goal>) =>
    setGoals((all) => all.map((goal, i) => (i === index ? { ...goal, ...patch } : goal)));
  const editIntervention = (index: number, patch: Partial<Intervention>) =>
    setInterventions((all) => all.map((item, i) => (i === index ? { ...item, ...patch } : item)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.run({ reviewEveryDays, goals, interventions });
  };
  const domains = instrument.domains.map((d) => ({ value: d.key, label: domainLabel(t, d.key, instrument) }));
  const partnerOptions = [
    { value: '', label: t('aftercare.plan.holder') },
    ...(partners.data ?? []).map((p) => ({ value: p.id, label: p.name })),
  ];
  return (
    <form onSubmit={submit} noValidate aria-label={t('aftercare.plan.formTitle')}>
      <Stack gap="sm">
        <FormError error={save.error} />
        <NumberInput
          label={t('aftercare.plan.reviewEveryDays')}
          min={14}
          max={365}
          value={reviewEveryDays}
          onChange={(value) => setReview(typeof value === 'number' ? value : Number(value) || 0)}
          maw={240}
        />
        <Text fw={650}>{t('aftercare.plan.goals')}</Text>
        {goals.map((goal, index) => (
          <Paper key={index} withBorder p="xs">
            <Group align="flex-end" gap="sm" wrap="wrap">
              <NativeSelect
                label={t('aftercare.plan.domainN', { n: index + 1 })}
                data={domains}
                value={goal.domain}
                onChange={(e) => editGoal(index, { domain: e.currentTarget.value })}
              />
              <TextInput
                label={t('aftercare.plan.goalN', { n: index + 1 })}
                value={goal.goal}
                maxLength={1000}
                style={{ flex: 1, minWidth: 220 }}
                onChange={(e) => editGoal(index, { goal: e.currentTarget.value })}
              />
              <TextInput
                type="date"
                label={t('aftercare.plan.goalTargetN', { n: index + 1 })}
                value={goal.targetDate}
                onChange={(e) => editGoal(index, { targetDate: e.currentTarget.value })}
              />
              {goals.length > 1 ? (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('aftercare.plan.removeGoal', { n: index + 1 })}
                  onClick={() => setGoals((all) => all.filter((_, i) => i !== index))}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              ) : null}
            </Group>
          </Paper>
        ))}
        <Button
          variant="subtle"
          className="fit-content"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => setGoals((all) => [...all, newGoal(instrument.domains[0]?.key ?? '')])}
        >
          {t('aftercare.plan.addGoal')}
        </Button>
        <Text fw={650}>{t('aftercare.plan.interventions')}</Text>
        {interventions.map((item, index) => (
          <Paper key={index} withBorder p="xs">
            <Group align="flex-end" gap="sm" wrap="wrap">
              <NativeSelect
                label={t('aftercare.plan.kindN', { n: index + 1 })}
                data={choices.interventions}
                value={item.kind}
                onChange={(e) =>
                  editIntervention(index, { kind: e.currentTarget.value as Intervention['kind'] })
                }
              />
              <TextInput
                label={t('aftercare.plan.descriptionN', { n: index + 1 })}
                value={item.description}
                maxLength={1000}
                style={{ flex: 1, minWidth: 200 }}
                onChange={(e) => editIntervention(index, { description: e.currentTarget.value })}
              />
              <NativeSelect
                label={t('aftercare.plan.partnerN', { n: index + 1 })}
                data={partnerOptions}
                value={item.partnerId ?? ''}
                onChange={(e) => editIntervention(index, { partnerId: e.currentTarget.value || null })}
              />
              <TextInput
                type="date"
                label={t('aftercare.plan.interventionTargetN', { n: index + 1 })}
                value={item.targetDate}
                onChange={(e) => editIntervention(index, { targetDate: e.currentTarget.value })}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('aftercare.plan.removeIntervention', { n: index + 1 })}
                onClick={() => setInterventions((all) => all.filter((_, i) => i !== index))}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          </Paper>
        ))}
        <Button
          variant="subtle"
          className="fit-content"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => setInterventions((all) => [...all, newIntervention()])}
        >
          {t('aftercare.plan.addIntervention')}
        </Button>
        <SaveOrCancel save={t('aftercare.plan.submit')} pending={save.pending} onCancel={onDone} />
      </Stack>
    </form>
  );
}
