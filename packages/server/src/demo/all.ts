import { intakeServices } from '../intake/services';
import type { AppDeps } from '../platform/deps';
import { seedDemoAftercare } from './aftercare';
import { seedDemoCasePapers, seedDemoCases } from './cases';
import { seedDemoProsecution } from './prosecution';
import { seedDemoReports } from './reports';
import { seedDemo } from './seed';

export type DemoCounts = {
  accounts: number;
  reports: number;
  cases: number;
  survivors: number;
  courtReady: number;
};

/**
 * Every module's synthetic demo data, in the order they build on each other: accounts and
 * organisations, reports, cases (from referred reports) and their papers, aftercare, an investigation ready
 * for court. Each step adds only
 * what is missing, so a second run creates nothing.
 */
export async function seedDemoData(deps: AppDeps): Promise<DemoCounts> {
  const { created } = await seedDemo(deps);
  const { reports } = await seedDemoReports(deps, await intakeServices(deps));
  const { cases } = await seedDemoCases(deps);
  await seedDemoCasePapers(deps);
  const { survivors } = await seedDemoAftercare(deps);
  const { cases: courtReady } = await seedDemoProsecution(deps);
  return { accounts: created, reports, cases, survivors, courtReady };
}
