import type { Instrument } from '@bantay/core/aftercare/instrument';
import type { CarePlan, SurvivorDetail } from '@bantay/core/aftercare/schema';
import { Badge, Button, Group, List, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../app/format';
import { Section } from '../triage/report/Section';
import { aftercareApi, useAftercareAction } from './api';
import { CarePlanForm } from './CarePlanForm';
import { FormError } from './FormError';
import { domainLabel } from './labels';
import { FormBehindButton } from './RecordPanel';

const STATUS_COLOURS: Record<CarePlan['status'], string> = {
  draft: 'gray',
  submitted: 'orange',
  approved: 'teal',
  returned: 'red',
  superseded: 'gray',
};

/** The individual care plan: its versions, the supervisor's decision, and a new version. */
export function CarePlanPanel({ survivor }: { survivor: SurvivorDetail }) {
  const { t } = useTranslation();
  const shown = survivor.carePlans.filter((plan) => plan.status !== 'superseded');
  return (
    <Section id="survivor-care-plan" title={t('aftercare.plan.title')}>
      <Stack gap="sm">
        {shown.length === 0 ? (
          <Text size="sm" className="dimmed">
            {t('aftercare.plan.none')}
          </Text>
        ) : (
          shown.map((plan) => <PlanView key={plan.id} plan={plan} instrument={survivor.instrument} />)
        )}
        <FormBehindButton
          allowed={survivor.abilities.planCare}
          label={t('aftercare.plan.write')}
          form={(close) => (
            <CarePlanForm survivorId={survivor.id} instrument={survivor.instrument} onDone={close} />
          )}
        />
      </Stack>
    </Section>
  );
}

function PlanView({ plan, instrument }: { plan: CarePlan; instrument: Instrument }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  return (
    <Paper
      withBorder
      p="sm"
      component="article"
      aria-label={t('aftercare.plan.version', { version: plan.version })}
    >
      <Stack gap="xs">
        <Group gap="xs">
          <Text fw={650}>{t('aftercare.plan.version', { version: plan.version })}</Text>
          <Badge color={STATUS_COLOURS[plan.status]} variant="light" radius="sm">
            {t(`aftercare.planStatuses.${plan.status}`)}
          </Badge>
        </Group>
        <Text size="sm" className="dimmed">
          {t('aftercare.plan.byline', {
            by: plan.createdBy,
            at: format.dateTimeShort(plan.createdAt),
            days: plan.reviewEveryDays,
          })}
        </Text>
        {plan.decidedBy && plan.decidedAt ? (
          <Text size="sm">
            {t('aftercare.plan.decided', { by: plan.decidedBy, at: format.dateTimeShort(plan.decidedAt) })}
            {plan.decisionNote ? ` — ${plan.decisionNote}` : ''}
          </Text>
        ) : null}
        {plan.nextReviewOn ? (
          <Text size="sm">{t('aftercare.plan.nextReview', { on: format.date(plan.nextReviewOn) })}</Text>
        ) : null}
        <Text size="sm" fw={650}>
          {t('aftercare.plan.goals')}
        </Text>
        <List size="sm">
          {plan.goals.map((goal, index) => (
            <List.Item key={index}>
              {t('aftercare.plan.goalLine', {
                domain: domainLabel(t, goal.domain, instrument),
                goal: goal.goal,
                on: format.date(goal.targetDate),
              })}
            </List.Item>
          ))}
        </List>
        {plan.interventions.length ? (
          <>
            <Text size="sm" fw={650}>
              {t('aftercare.plan.interventions')}
            </Text>
            <List size="sm">
              {plan.interventions.map((intervention, index) => (
                <List.Item key={index}>
                  {t('aftercare.plan.interventionLine', {
                    kind: t(`aftercare.interventions.${intervention.kind}`),
                    description: intervention.description,
                    partner: intervention.partner ?? t('aftercare.plan.holder'),
                    on: format.date(intervention.targetDate),
                  })}
                </List.Item>
              ))}
            </List>
          </>
        ) : null}
        {plan.reviews.length ? (
          <>
            <Text size="sm" fw={650}>
              {t('aftercare.plan.reviews')}
            </Text>
            <List size="sm">
              {plan.reviews.map((review) => (
                <List.Item key={`${review.reviewedOn}-${review.note}`}>
                  {t('aftercare.plan.reviewLine', {
                    on: format.date(review.reviewedOn),
                    by: review.reviewedBy,
                    note: review.note,
                  })}
                </List.Item>
              ))}
            </List>
          </>
        ) : null}
        {plan.canReview ? <PlanReview planId={plan.id} /> : null}
        {plan.canDecide ? <PlanDecision planId={plan.id} /> : null}
      </Stack>
    </Paper>
  );
}

function PlanReview({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const review = useAftercareAction(
    () => aftercareApi.reviewPlan(planId, { note }),
    () => setNote(''),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    review.run(undefined);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('aftercare.plan.reviewTitle')}>
      <Stack gap="xs">
        <FormError error={review.error} />
        <Textarea
          label={t('aftercare.plan.reviewNote')}
          autosize
          minRows={1}
          maxLength={4000}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        <Button type="submit" variant="light" className="fit-content" loading={review.pending}>
          {t('aftercare.plan.reviewSubmit')}
        </Button>
      </Stack>
    </form>
  );
}

function PlanDecision({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const decide = useAftercareAction((outcome: 'approve' | 'return') =>
    aftercareApi.decidePlan(planId, { outcome, note: note.trim() || undefined }),
  );
  return (
    <Stack gap="xs">
      <FormError error={decide.error} />
      <Textarea
        label={t('aftercare.plan.decisionNote')}
        autosize
        minRows={1}
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
      <Group gap="sm">
        <Button onClick={() => decide.run('approve')} loading={decide.pending}>
          {t('aftercare.plan.approve')}
        </Button>
        <Button variant="subtle" color="red" onClick={() => decide.run('return')} disabled={decide.pending}>
          {t('aftercare.plan.return')}
        </Button>
      </Group>
    </Stack>
  );
}
