import { nextAssessmentDue, type Instrument } from '@bantay/core/aftercare/instrument';
import { LENGTH_OF_STAY_ALERT_DAYS, type Task } from '@bantay/core/aftercare/schema';

const DAY = 86_400_000;
/** A scheduled assessment or review shows as a task this many days before it is due. */
export const TASK_LEAD_DAYS = 30;

export type TaskFacts = {
  id: string;
  code: string;
  status: 'active' | 'closure_requested' | 'closed';
  intakeAt: Date;
  reportDueAt: Date;
  reportFiledAt: Date | null;
  assessmentsDone: number;
  /** The approved plan's next review day, if any. */
  nextReviewOn: string | null;
  planAwaitingApproval: boolean;
  placementStartedAt: Date | null;
};

export const daysBetween = (from: Date, to: Date) => Math.floor((to.getTime() - from.getTime()) / DAY);

/**
 * What is due on one survivor: the RA 7610 report, the next scheduled assessment, the care
 * plan's review, approvals waiting, and a stay in one place past the alert.
 */
export function tasksOf(facts: TaskFacts, instrument: Instrument, now: Date): Task[] {
  if (facts.status === 'closed') return [];
  const tasks: Task[] = [];
  const base = { survivorId: facts.id, code: facts.code };
  if (!facts.reportFiledAt)
    tasks.push({
      ...base,
      kind: 'report_due',
      dueAt: facts.reportDueAt.toISOString(),
      overdue: facts.reportDueAt < now,
    });
  const assessment = nextAssessmentDue(instrument, facts.intakeAt, facts.assessmentsDone);
  if (assessment.getTime() - now.getTime() < TASK_LEAD_DAYS * DAY)
    tasks.push({
      ...base,
      kind: 'assessment_due',
      dueAt: assessment.toISOString(),
      overdue: assessment < now,
    });
  if (facts.nextReviewOn) {
    const review = new Date(`${facts.nextReviewOn}T00:00:00Z`);
    if (review.getTime() - now.getTime() < TASK_LEAD_DAYS * DAY)
      tasks.push({ ...base, kind: 'plan_review_due', dueAt: review.toISOString(), overdue: review < now });
  }
  if (facts.planAwaitingApproval) tasks.push({ ...base, kind: 'plan_approval', dueAt: null, overdue: false });
  if (facts.status === 'closure_requested')
    tasks.push({ ...base, kind: 'closure_approval', dueAt: null, overdue: false });
  if (facts.placementStartedAt && daysBetween(facts.placementStartedAt, now) > LENGTH_OF_STAY_ALERT_DAYS)
    tasks.push({ ...base, kind: 'long_stay', dueAt: null, overdue: true });
  return tasks;
}
