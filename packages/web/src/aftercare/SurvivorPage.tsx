import type { SurvivorDetail } from '@bantay/core/aftercare/schema';
import { Alert, Anchor, Badge, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { errorText } from '../app/errors';
import { Fact } from '../app/Fact';
import { useDateFormat } from '../app/format';
import { Page } from '../app/Page';
import { Section } from '../triage/report/Section';
import { AFTERCARE_PATH, useSurvivor } from './api';
import { AssessmentPanel } from './AssessmentPanel';
import { CarePlanPanel } from './CarePlanPanel';
import { ClosurePanel } from './ClosurePanel';
import { ConferencePanel } from './ConferencePanel';
import { ConsentPanel } from './ConsentPanel';
import { CourtSupportPanel } from './CourtSupportPanel';
import { EducationPanel } from './EducationPanel';
import { IdentityPanel } from './IdentityPanel';
import { PlacementPanel } from './PlacementPanel';
import { ReportForm } from './ReportForm';
import { ServicesPanel } from './ServicesPanel';
import { TaskTable } from './TaskTable';
import { TherapyNotesPanel } from './TherapyNotesPanel';

/** One survivor's record, by pseudonym; the identity only on request, and audited. */
export function SurvivorPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const found = useSurvivor(id);
  const back = (
    <Anchor component={Link} to={AFTERCARE_PATH} size="sm">
      <Group gap={4} wrap="nowrap">
        <IconArrowLeft size={16} aria-hidden />
        {t('aftercare.back')}
      </Group>
    </Anchor>
  );
  if (found.isPending)
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  if (found.isError) {
    // Another organisation's survivor answers 404 like one that does not exist.
    const missing = isApiError(found.error) && found.error.status === 404;
    return (
      <Page title={missing ? t('aftercare.notFoundTitle') : t('aftercare.title')} actions={back}>
        <Alert color={missing ? 'gray' : 'red'}>
          {missing ? t('aftercare.notFound') : errorText(t, found.error)}
        </Alert>
      </Page>
    );
  }
  const survivor = found.data;
  return (
    <Page
      title={t('aftercare.survivorHeading', { code: survivor.code })}
      description={t('aftercare.survivorLine', {
        sex: t(`aftercare.sexes.${survivor.sex}`),
        age: t(`aftercare.ageBands.${survivor.ageBand}`),
        organisation: survivor.organisation,
      })}
      actions={back}
    >
      {survivor.restorationSuggested ? (
        <Alert color="teal" title={t('aftercare.restoration.title')}>
          {t('aftercare.restoration.body')}
        </Alert>
      ) : null}
      <Stack gap="md">
        <Section id="survivor-tasks" title={t('aftercare.tasks.title')}>
          <TaskTable tasks={survivor.tasks} />
        </Section>
        <IntakeFacts survivor={survivor} />
        {survivor.abilities.viewIdentity ? (
          <IdentityPanel survivorId={survivor.id} hasIdentity={survivor.hasIdentity} />
        ) : null}
        <ConsentPanel survivor={survivor} />
        <PlacementPanel survivor={survivor} />
        <CarePlanPanel survivor={survivor} />
        <AssessmentPanel survivor={survivor} />
        <ServicesPanel survivor={survivor} />
        {survivor.abilities.therapyNotes ? <TherapyNotesPanel survivorId={survivor.id} /> : null}
        <EducationPanel survivor={survivor} />
        <ConferencePanel survivor={survivor} />
        <CourtSupportPanel survivor={survivor} />
        <ClosurePanel survivor={survivor} />
      </Stack>
    </Page>
  );
}

function IntakeFacts({ survivor }: { survivor: SurvivorDetail }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const overdue = survivor.tasks.some((task) => task.kind === 'report_due' && task.overdue);
  return (
    <Section id="survivor-intake" title={t('aftercare.intake.sectionTitle')}>
      <Stack gap="sm">
        <dl className="facts facts-dense">
          <Fact label={t('aftercare.fields.status')}>{t(`aftercare.statuses.${survivor.status}`)}</Fact>
          <Fact label={t('aftercare.fields.riskLevel')}>
            {t(`aftercare.riskLevels.${survivor.riskLevel}`)}
          </Fact>
          <Fact label={t('aftercare.fields.intakeAt')}>{format.dateTime(survivor.intakeAt)}</Fact>
          <Fact label={t('aftercare.fields.source')}>{t(`aftercare.sources.${survivor.source}`)}</Fact>
          <Fact label={t('aftercare.fields.reportDue')}>
            {survivor.reportFiledAt ? (
              t('aftercare.report.filed', {
                at: format.dateTimeShort(survivor.reportFiledAt),
                reference: survivor.reportReference ?? '',
              })
            ) : (
              <>
                {format.dateTimeShort(survivor.reportDueAt)}{' '}
                {overdue ? (
                  <Badge color="red" variant="light" radius="sm">
                    {t('aftercare.tasks.overdue')}
                  </Badge>
                ) : null}
              </>
            )}
          </Fact>
        </dl>
        <div>
          <Text size="xs" fw={700} className="dimmed">
            {t('aftercare.fields.safetyPlan')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {survivor.safetyPlan || t('common.none')}
          </Text>
        </div>
        {survivor.abilities.edit && !survivor.reportFiledAt ? <ReportForm survivorId={survivor.id} /> : null}
      </Stack>
    </Section>
  );
}
