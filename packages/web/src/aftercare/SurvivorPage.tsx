import type { SurvivorDetail } from '@bantay/core/aftercare/schema';
import { Alert, Badge, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Fact } from '../app/Fact';
import { useDateFormat } from '../app/format';
import { Page } from '../app/Page';
import { BackLink, RecordPage } from '../app/RecordPage';
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
  const back = <BackLink to={AFTERCARE_PATH} label={t('aftercare.back')} />;
  // Another organisation's survivor answers 404 like one that does not exist.
  return (
    <RecordPage
      found={found}
      back={back}
      errorTitle={(missing) => (missing ? t('aftercare.notFoundTitle') : t('aftercare.title'))}
      notFound={t('aftercare.notFound')}
    >
      {(survivor) => <SurvivorRecord survivor={survivor} back={back} />}
    </RecordPage>
  );
}

function SurvivorRecord({ survivor, back }: { survivor: SurvivorDetail; back: ReactNode }) {
  const { t } = useTranslation();
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
