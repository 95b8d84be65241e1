import type { CalendarEntry, CourtSupportInput } from '@bantay/core/aftercare/schema';
import type { RequestContext } from '../access/request';
import { survivorScope } from './scope';

const DAY = 86_400_000;

/**
 * The social worker's calendar: hearings where her survivors testify (with the
 * accommodations asked), follow-ups not yet done and care plan reviews, from yesterday
 * for the next `days` days. By pseudonym code only.
 */
export async function aftercareCalendar(ctx: RequestContext, days = 90): Promise<CalendarEntry[]> {
  const db = ctx.deps.db;
  const from = new Date(ctx.audit.now.getTime() - DAY);
  const to = new Date(ctx.audit.now.getTime() + days * DAY);
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const scope = survivorScope(ctx.actor);
  const [hearings, followUps, reviews] = await Promise.all([
    db
      .selectFrom('court_support as c')
      .innerJoin('survivor as s', 's.id', 'c.survivor_id')
      .select(['c.hearing_at', 'c.court', 'c.purpose', 'c.accommodations', 's.id', 's.code'])
      .where(scope)
      .where('c.hearing_at', '>=', from)
      .where('c.hearing_at', '<', to)
      .execute(),
    db
      .selectFrom('follow_up as f')
      .innerJoin('survivor as s', 's.id', 'f.survivor_id')
      .select(['f.due_on', 'f.kind', 's.id', 's.code'])
      .where(scope)
      .where('f.done_on', 'is', null)
      .where('f.due_on', '<', day(to))
      .execute(),
    db
      .selectFrom('care_plan as p')
      .innerJoin('survivor as s', 's.id', 'p.survivor_id')
      .select(['p.next_review_on', 's.id', 's.code'])
      .where(scope)
      .where('p.status', '=', 'approved')
      .where('p.next_review_on', '<', day(to))
      .execute(),
  ]);
  const entries: CalendarEntry[] = [
    ...hearings.map((h) => ({
      kind: 'hearing' as const,
      at: h.hearing_at.toISOString(),
      survivorId: h.id,
      code: h.code,
      title: h.purpose ? `${h.court} — ${h.purpose}` : h.court,
      accommodations: h.accommodations as CourtSupportInput['accommodations'],
    })),
    ...followUps.map((f) => ({
      kind: 'follow_up' as const,
      at: `${f.due_on}T00:00:00.000Z`,
      survivorId: f.id,
      code: f.code,
      title: f.kind,
      accommodations: [],
    })),
    ...reviews
      .filter((r) => r.next_review_on)
      .map((r) => ({
        kind: 'plan_review' as const,
        at: `${r.next_review_on}T00:00:00.000Z`,
        survivorId: r.id,
        code: r.code,
        title: '',
        accommodations: [],
      })),
  ];
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}
