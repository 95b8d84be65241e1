import { DEFAULT_INSTRUMENT } from '@bantay/core/aftercare/default-instrument';
import { syntheticSurvivorIdentity } from '@bantay/core/synthetic/survivors';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AFTERCARE_SUPERVISOR } from '../packages/server/src/demo/aftercare';
import {
  DEMO_PASSWORD,
  expectAccessible,
  expectNoProblems,
  HOME_HEADING,
  launchBrowser,
  openTab,
  signIn,
  signInAs,
  startBantay,
  type Bantay,
  type Tab,
} from './harness';

const identity = syntheticSurvivorIdentity('e2e-aftercare', 1);
const SHELTER = 'Haven Girls Shelter (demo)';

async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Chooses the option of a native select whose text contains `text`. */
async function chooseContaining(select: Locator, text: string): Promise<void> {
  const value = await select.locator('option', { hasText: text }).first().getAttribute('value');
  await select.selectOption(value ?? '');
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/** Fills every sub-domain of the default instrument with the same score and a reason. */
async function recordAssessment(page: Page, on: string, score: '2' | '3'): Promise<void> {
  const section = page.getByRole('region', { name: 'Outcome assessments' });
  await section.getByRole('button', { name: 'Record an assessment' }).click();
  const form = page.getByRole('form', { name: 'Outcome assessment' });
  await form.getByLabel('Assessed on', { exact: true }).fill(on);
  for (const domain of DEFAULT_INSTRUMENT.domains) {
    for (const sub of domain.subdomains) {
      await form.getByRole('combobox', { name: sub.label, exact: true }).selectOption(score);
      await form.getByRole('textbox', { name: `Reason for: ${sub.label}` }).fill('Seen at the home visit.');
    }
  }
  const saved = page.waitForResponse(
    (r) => r.url().endsWith('/assessments') && r.request().method() === 'POST',
  );
  await form.getByRole('button', { name: 'Save the assessment' }).click();
  expect((await saved).status()).toBe(201);
  await form.waitFor({ state: 'detached' });
}

/**
 * A social worker takes in a rescued girl, records consent, places her in a shelter and
 * writes a care plan; a supervisor of the office approves it; two assessments later the
 * trend shows her progress. Someone of another organisation finds nothing.
 */
describe('a survivor from intake to a care plan and two assessments', () => {
  let bantay: Bantay;
  let browser: Browser;
  let worker: Tab;
  let survivorPath = '';
  let code = '';

  beforeAll(async () => {
    [bantay, browser] = await Promise.all([startBantay(), launchBrowser()]);
    worker = await openTab(browser, bantay.url);
  });

  afterAll(async () => {
    await browser?.close();
    await bantay?.stop();
  });

  /** Another member of the office opens the survivor's record from the list, by code: no name, no identity. */
  async function openByCode(role: 'shelter_staff' | 'therapist'): Promise<Tab> {
    const tab = await openTab(browser, bantay.url);
    const { page } = tab;
    await signInAs(page, role);
    await page.getByRole('navigation').getByRole('link', { name: 'Aftercare' }).click();
    await page
      .getByRole('table', { name: 'Survivors in your care' })
      .getByRole('link', { name: code })
      .click();
    await heading(page, `Survivor ${code}`);
    expect(await page.getByText(identity.name).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Identity' }).count()).toBe(0);
    return tab;
  }

  it('the social worker takes a new intake, with the identity', async () => {
    const { page } = worker;
    await signInAs(page, 'social_worker');
    await page.getByRole('navigation').getByRole('link', { name: 'Aftercare' }).click();
    await heading(page, 'Survivors');
    await page.getByRole('table', { name: 'Survivors in your care' }).waitFor();
    await expectAccessible(page, 'survivors');

    await page.getByRole('link', { name: 'New intake' }).click();
    await heading(page, 'New intake');
    await page.getByLabel('Sex', { exact: true }).selectOption('female');
    await page.getByLabel('Age', { exact: true }).selectOption('12_14');
    await page.getByLabel('Risk level', { exact: true }).selectOption('high');
    await page
      .getByLabel('Safety plan', { exact: true })
      .fill('No contact with the uncle; the house parent escorts her to school.');
    await page.getByLabel("Child's name", { exact: true }).fill(identity.name);
    await page.getByLabel('Birth date', { exact: true }).fill(identity.birthDate ?? '2013-05-01');
    await page.getByLabel('Address', { exact: true }).fill(identity.addresses[0] ?? 'Purok 1');
    await page.getByLabel("Guardian's name", { exact: true }).fill(identity.family[0]?.name ?? 'Lola');
    await expectAccessible(page, 'intake form');
    await page.getByRole('button', { name: 'Open the record' }).click();
    await heading(page, /^Survivor AC-\d{4}-\d{5}$/);
    code = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').replace('Survivor ', '');
    survivorPath = new URL(page.url()).pathname;
    // The record itself never shows the name; the 48-hour report is the first task.
    expect(await page.getByText(identity.name).count()).toBe(0);
    await page
      .getByRole('region', { name: 'Due now and soon' })
      .getByText('Send the RA 7610 report to the social welfare office')
      .waitFor();
    await expectAccessible(page, 'survivor record');
  });

  it('shows the identity only on request', async () => {
    const { page } = worker;
    const section = page.getByRole('region', { name: 'Identity' });
    const viewed = page.waitForResponse((r) => r.url().endsWith('/identity'));
    await section.getByRole('button', { name: 'Show identity' }).click();
    expect((await viewed).status()).toBe(200);
    await section.getByText(identity.name).waitFor();
    await section.getByRole('button', { name: 'Hide identity' }).click();
    expect(await page.getByText(identity.name).count()).toBe(0);
  });

  it('records the guardian’s consent and places her in the shelter', async () => {
    const { page } = worker;
    const consent = page.getByRole('form', { name: 'Record a consent' });
    await consent.getByLabel('Consent to', { exact: true }).selectOption('services');
    await consent.getByLabel('Given by', { exact: true }).selectOption('guardian');
    await consent.getByRole('button', { name: 'Record consent' }).click();
    await page.getByRole('region', { name: 'Consent' }).getByRole('cell', { name: 'Services' }).waitFor();

    const place = page.getByRole('form', { name: 'Place or move the child' });
    await chooseContaining(place.getByLabel('Partner', { exact: true }), SHELTER);
    await place.getByLabel('Reason', { exact: true }).fill('Needs a safe place away from home.');
    await place.getByRole('button', { name: 'Place the child' }).click();
    await page.getByRole('region', { name: 'Placement' }).getByRole('cell', { name: SHELTER }).waitFor();
    expectNoProblems(worker);
  });

  it('writes a care plan and sends it for approval', async () => {
    const { page } = worker;
    await page.getByRole('button', { name: 'Write a care plan' }).click();
    const form = page.getByRole('form', { name: 'New care plan version' });
    await form.getByLabel('Domain of goal 1', { exact: true }).selectOption('safety');
    await form
      .getByLabel('Goal 1', { exact: true })
      .fill('Stays at the shelter with no contact from the suspects.');
    await form.getByRole('button', { name: 'Add a goal' }).click();
    await form.getByLabel('Domain of goal 2', { exact: true }).selectOption('economic_education');
    await form.getByLabel('Goal 2', { exact: true }).fill('Goes back to school in June.');
    await form.getByLabel('Intervention 1', { exact: true }).selectOption('counselling');
    await form
      .getByLabel('What, for intervention 1', { exact: true })
      .fill('Weekly trauma-informed counselling.');
    await chooseContaining(form.getByLabel('Responsible for intervention 1', { exact: true }), SHELTER);
    await expectAccessible(page, 'care plan form');
    await form.getByRole('button', { name: 'Send for approval' }).click();
    const plan = page.getByRole('article', { name: 'Version 1' });
    await plan.getByText('Waiting for approval').waitFor();
    // Nobody approves a plan of his own: the social worker has no such button.
    expect(await plan.getByRole('button', { name: 'Approve the plan' }).count()).toBe(0);
  });

  it('a supervisor of the office approves the plan', async () => {
    const supervisor = await openTab(browser, bantay.url);
    const { page } = supervisor;
    await signIn(page, DEMO_AFTERCARE_SUPERVISOR.email, DEMO_PASSWORD);
    await heading(page, HOME_HEADING);
    await page.getByRole('navigation').getByRole('link', { name: 'Aftercare' }).click();
    await page
      .getByRole('region', { name: 'Due now and soon' })
      .getByRole('row')
      .filter({ hasText: 'Care plan waiting for approval' })
      .getByRole('link', { name: code })
      .click();
    await heading(page, `Survivor ${code}`);
    // A supervisor without aftercare:identity is never offered the name.
    expect(await page.getByRole('region', { name: 'Identity' }).count()).toBe(0);
    const plan = page.getByRole('article', { name: 'Version 1' });
    await plan
      .getByLabel('Note for the social worker', { exact: true })
      .fill('Good plan; review in three months.');
    await plan.getByRole('button', { name: 'Approve the plan' }).click();
    await plan.getByText('Approved', { exact: true }).waitFor();
    await expectAccessible(page, 'approved plan');
    expectNoProblems(supervisor);
    await supervisor.context.close();
  });

  it('two assessments are recorded and the trend chart shows them', async () => {
    const { page } = worker;
    await page.reload();
    await heading(page, `Survivor ${code}`);
    await page.getByRole('article', { name: 'Version 1' }).getByText('Approved', { exact: true }).waitFor();
    await recordAssessment(page, daysAgo(60), '2');
    await recordAssessment(page, daysAgo(1), '3');
    const section = page.getByRole('region', { name: 'Outcome assessments' });
    await section.getByRole('img', { name: /^Domain scores over 2 assessments/ }).waitFor();
    await section.locator('canvas').first().waitFor();
    const table = section.getByRole('table', { name: 'Domain scores by assessment' });
    const safety = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Safety' }) });
    expect(await safety.getByRole('cell').allTextContents()).toEqual(['2.00', '3.00']);
    expect(await table.getByRole('columnheader').count()).toBe(3);
    await expectAccessible(page, 'assessments and trend');
    expectNoProblems(worker);
  });

  it('a user of another organisation gets 404 on the record', async () => {
    const stranger = await openTab(browser, bantay.url);
    const { page } = stranger;
    // The demo supervisor works at the national centre: supervisors may read aftercare, not this record.
    await signInAs(page, 'supervisor');
    const answer = page.waitForResponse((r) => /\/api\/aftercare\/survivors\/[0-9a-f-]+$/.test(r.url()));
    await page.goto(survivorPath);
    expect((await answer).status()).toBe(404);
    await heading(page, 'Survivor record not found');
    const identityAnswer = await page.request.get(`/api${survivorPath}/identity`);
    expect([403, 404]).toContain(identityAnswer.status());
    await expectAccessible(page, 'not found');
    expectNoProblems(stranger);
    await stranger.context.close();
  });

  it('the shelter sees its new resident by code, never her name', async () => {
    const shelter = await openByCode('shelter_staff');
    expectNoProblems(shelter);
    await shelter.context.close();
  });

  it('the office’s therapist writes and reads a therapy note, by code; the social worker may not read it', async () => {
    const therapist = await openByCode('therapist');
    const { page } = therapist;
    const notes = page.getByRole('region', { name: 'Therapy notes' });
    const form = notes.getByRole('form', { name: 'Write a therapy note' });
    await form.getByLabel('Note', { exact: true }).fill('Calm today; practised the breathing exercise.');
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/therapy-notes') && r.request().method() === 'POST',
    );
    await form.getByRole('button', { name: 'Save the note' }).click();
    expect((await saved).status()).toBe(201);
    await notes.getByRole('button', { name: 'Read the notes' }).click();
    await notes.getByText('Calm today; practised the breathing exercise.').waitFor();
    await expectAccessible(page, 'therapy notes');
    expectNoProblems(therapist);
    await therapist.context.close();

    const forWorker = await worker.page.request.get(`/api${survivorPath}/therapy-notes`);
    expect(forWorker.status()).toBe(403);
  });

  it('the partner directory shows the shelter’s occupancy, and its beds can be changed', async () => {
    const { page } = worker;
    await page.getByRole('link', { name: 'Back to the survivors' }).click();
    await page
      .getByRole('navigation', { name: 'Aftercare views' })
      .getByRole('link', { name: 'Partners' })
      .click();
    await heading(page, 'Aftercare partners');
    const row = page
      .getByRole('table', { name: 'Aftercare partners' })
      .getByRole('row')
      .filter({ hasText: SHELTER });
    // Two demo girls and the new one live there; 30 beds.
    await row.getByRole('cell', { name: '3 / 30' }).waitFor();
    await expectAccessible(page, 'partners');
    await row.getByRole('button', { name: `Change ${SHELTER}` }).click();
    const form = page.getByRole('form', { name: `Change ${SHELTER}` });
    await form.getByLabel('Beds 1: number', { exact: true }).fill('9');
    // The dialog fades in over the page: axe measures contrast once the transitions are over.
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    await expectAccessible(page, 'partner form');
    await form.getByRole('button', { name: 'Save the partner' }).click();
    await form.waitFor({ state: 'detached' });
    await row.getByRole('cell', { name: '3 / 31' }).waitFor();
    expectNoProblems(worker);
  });

  it('dashboards: the office sees its numbers; the programme manager aggregates only', async () => {
    const { page } = worker;
    await page
      .getByRole('navigation', { name: 'Aftercare views' })
      .getByRole('link', { name: 'Dashboard' })
      .click();
    await heading(page, 'Aftercare dashboard');
    await page
      .getByRole('table', { name: 'Children in care by partner' })
      .getByRole('cell', { name: SHELTER })
      .waitFor();
    await expectAccessible(page, 'aftercare dashboard');

    const manager = await openTab(browser, bantay.url);
    await signInAs(manager.page, 'programme_manager');
    await manager.page.getByRole('navigation').getByRole('link', { name: 'Aftercare programme' }).click();
    await heading(manager.page, 'Aftercare across the programme');
    await manager.page
      .getByRole('table', { name: 'Domain scores: first and latest assessment (mean)' })
      .waitFor();
    expect(await manager.page.getByText(/AC-\d{4}-\d{5}/).count()).toBe(0);
    expect(await manager.page.getByText(identity.name).count()).toBe(0);
    await expectAccessible(manager.page, 'programme dashboard');
    expectNoProblems(manager);
    await manager.context.close();
  });

  it('the social worker reads the record in Filipino, then in Cebuano', async () => {
    const { page } = worker;
    await page.goto(survivorPath);
    await heading(page, `Survivor ${code}`);
    await page.getByRole('button', { name: /^Language: English/ }).click();
    await page.getByRole('menuitemradio', { name: 'Filipino' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await page.getByRole('region', { name: 'Mga pagtatasa ng resulta' }).waitFor();
    await page
      .getByRole('region', { name: 'Pahintulot' })
      .getByRole('cell', { name: 'Mga serbisyo' })
      .waitFor();
    await expectAccessible(page, 'survivor record in Filipino');
    await page.getByRole('button', { name: /^Wika: Filipino/ }).click();
    await page.getByRole('menuitemradio', { name: 'Cebuano' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await page.getByRole('region', { name: 'Mga pagtimbang-timbang sa resulta' }).waitFor();
    await page
      .getByRole('table', { name: 'Mga marka sa domain matag pagtimbang-timbang' })
      .getByRole('rowheader', { name: 'Kaluwasan' })
      .waitFor();
    await expectAccessible(page, 'survivor record in Cebuano');
    expectNoProblems(worker);
  });
});
