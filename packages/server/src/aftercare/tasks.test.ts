import { DEFAULT_INSTRUMENT } from '@bantay/core/aftercare/default-instrument';
import { describe, expect, it } from 'vitest';
import { tasksOf, type TaskFacts } from './tasks';

const now = new Date('2026-11-29T08:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const facts = (patch: Partial<TaskFacts>): TaskFacts => ({
  id: '00000000-0000-4000-8000-000000000001',
  code: 'AC-2026-00001',
  status: 'active',
  intakeAt: daysAgo(1),
  reportDueAt: new Date(daysAgo(1).getTime() + 48 * 3_600_000),
  reportFiledAt: null,
  assessmentsDone: 0,
  nextReviewOn: null,
  planAwaitingApproval: false,
  placementStartedAt: null,
  ...patch,
});
const kinds = (patch: Partial<TaskFacts>) =>
  tasksOf(facts(patch), DEFAULT_INSTRUMENT, now).map((t) => `${t.kind}${t.overdue ? '!' : ''}`);

describe('what is due on a survivor', () => {
  it.each([
    ['a new intake: report and first assessment', {}, ['report_due', 'assessment_due!']],
    [
      'report overdue after 48 hours',
      { intakeAt: daysAgo(3), reportDueAt: daysAgo(1) },
      ['report_due!', 'assessment_due!'],
    ],
    ['report sent, intake assessment done', { reportFiledAt: daysAgo(1), assessmentsDone: 1 }, []],
    [
      'the 6-month assessment within a month',
      { reportFiledAt: daysAgo(170), intakeAt: daysAgo(170), assessmentsDone: 1 },
      ['assessment_due'],
    ],
    [
      'the yearly one overdue',
      { reportFiledAt: daysAgo(600), intakeAt: daysAgo(600), assessmentsDone: 2 },
      ['assessment_due!'],
    ],
    [
      'a plan review soon, a plan waiting',
      { reportFiledAt: now, assessmentsDone: 1, nextReviewOn: '2026-12-10', planAwaitingApproval: true },
      ['plan_review_due', 'plan_approval'],
    ],
    [
      'a long stay in one placement',
      { reportFiledAt: now, assessmentsDone: 1, placementStartedAt: daysAgo(400) },
      ['long_stay!'],
    ],
    [
      'closure waiting',
      { reportFiledAt: now, assessmentsDone: 1, status: 'closure_requested' as const },
      ['closure_approval'],
    ],
    ['nothing once closed', { status: 'closed' as const }, []],
  ] as const)('%s', (_name, patch, expected) => {
    expect(kinds(patch)).toEqual(expected);
  });
});
