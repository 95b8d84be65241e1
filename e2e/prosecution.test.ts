import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectAccessible,
  expectNoProblems,
  launchBrowser,
  openTab,
  signInAs,
  startBantay,
  type Bantay,
  type Tab,
} from './harness';

const INVESTIGATION = /Livestreamed abuse by a facilitator, Lapu-Lapu/;
const FACILITATOR = 'Dario Facilitator (synthetic)';
const DOCKET = 'CRIM-2026-0777';
const COURT = 'RTC Branch 12 (Family Court), Lapu-Lapu City';

async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

async function choose(
  page: Page,
  scope: ReturnType<Page['getByRole']>,
  label: string | RegExp,
  option: string | RegExp,
) {
  await scope
    .getByRole('textbox', { name: label })
    .or(scope.getByRole('combobox', { name: label }))
    .filter({ visible: true })
    .first()
    .click();
  await page.getByRole('option', { name: option }).first().click();
}

async function openDialog(page: Page, button: string) {
  await page.getByRole('button', { name: button }).click();
  const form = page.getByRole('form', { name: button });
  await form.waitFor();
  return form;
}

async function submit(form: ReturnType<Page['getByRole']>, label: string) {
  await form.getByRole('button', { name: label }).click();
  // A refused form stays open: fail with what it says rather than a bare timeout.
  await form.waitFor({ state: 'detached', timeout: 10_000 }).catch(async () => {
    throw new Error(`the form stayed open: ${(await form.textContent()) ?? ''}`);
  });
  // The dialog fades out: axe would read its half-transparent title.
  await form.page().getByRole('dialog').waitFor({ state: 'detached' });
}

async function openTabNamed(page: Page, name: string) {
  await page.getByRole('tab', { name }).click();
}

/**
 * A prosecutor opens a court case from the demo investigation, charges the facilitator twice
 * under RA 11930, records the stages to a plea agreement and a conviction, and schedules a
 * hearing with live-link testimony that reaches the child's social worker by pseudonym.
 */
describe('a prosecutor carries an investigation to judgment', () => {
  let bantay: Bantay;
  let browser: Browser;
  let prosecutor: Tab;
  let childCode = '';

  beforeAll(async () => {
    [bantay, browser] = await Promise.all([startBantay(), launchBrowser()]);
    prosecutor = await openTab(browser, bantay.url);
  });

  afterAll(async () => {
    await browser?.close();
    await bantay?.stop();
  });

  it('opens a court case from the investigation: the facilitator becomes the accused', async () => {
    const { page } = prosecutor;
    await signInAs(page, 'prosecutor');
    await page.getByRole('navigation').getByRole('link', { name: 'Prosecution' }).click();
    await heading(page, 'Court cases');
    await expectAccessible(page, 'court cases');
    const form = await openDialog(page, 'Open a court case');
    await choose(page, form, 'From investigation case', INVESTIGATION);
    await form.getByLabel('Docket number').fill(DOCKET);
    await form.getByLabel(/^Title/).fill(`People v. ${FACILITATOR}`);
    await choose(page, form, /^Court( \*)?$/, 'Family court');
    await form.getByLabel('Court and branch').fill(COURT);
    await form.getByRole('button', { name: 'Open' }).click();
    await heading(page, `Court case ${DOCKET}`);
    await page.getByText(FACILITATOR).first().waitFor();
    childCode = (await page.getByText(/-V01/).first().textContent())?.match(/\S+-V01/)?.[0] ?? '';
    expect(childCode).toMatch(/^DEMO-WCPC-\d{4}-\d{6}-V01$/);
    await expectAccessible(page, 'court case summary');
  });

  it('files two charges under RA 11930 against the facilitator', async () => {
    const { page } = prosecutor;
    await openTabNamed(page, 'Charges');
    for (const section of ['4(a)', '4(b)']) {
      const form = await openDialog(page, 'File a charge');
      await choose(page, form, 'Offence (statute and section)', `RA 11930 s. ${section}`);
      await choose(page, form, 'Qualifying circumstances', 'Victim under 12');
      await page.keyboard.press('Escape');
      await submit(form, 'File');
    }
    const rows = page.getByRole('tabpanel').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByText('RA 11930 s. 4(b)').waitFor();
    await expectAccessible(page, 'charges');
  });

  it('records the stages to a plea agreement and a conviction, with the clocks', async () => {
    const { page } = prosecutor;
    await openTabNamed(page, 'Stages and clocks');
    await page.getByText(/Inquest \(Art\. 125\): /).waitFor();
    const stages: [string, string][] = [
      ['Inquest', '2026-11-28T10:00'],
      ['Information filed', '2026-11-29T09:00'],
      ['Arraignment', '2026-12-10T09:00'],
    ];
    for (const [stage, at] of stages) {
      const form = await openDialog(page, 'Record a stage');
      await choose(page, form, 'Stage', stage);
      await form.getByLabel('Date and time').fill(at);
      await submit(form, 'Record');
    }
    await page.getByText(/Pre-trial: /).waitFor();
    const plea = await openDialog(page, 'Record a plea agreement');
    await choose(page, plea, 'Charge', /RA 11930 s\. 4\(b\)/);
    await choose(page, plea, 'Lesser offence pleaded to', /RA 11930 s\. 4\(l\)/);
    await plea.getByLabel('Agreed on').fill('2026-12-15');
    await plea
      .getByLabel('Agreement as recorded')
      .fill(
        'Plea to the lesser offence on the second charge, with the consent of the offended party and the court.',
      );
    await submit(plea, 'Record');
    await page.getByText(/→ RA 11930 s\. 4\(l\)/).waitFor();
    const promulgation = await openDialog(page, 'Record a stage');
    await choose(page, promulgation, 'Stage', 'Promulgation of judgment');
    await promulgation.getByLabel('Date and time').fill('2027-02-01T09:00');
    await submit(promulgation, 'Record');
    await page.getByText(/Notice of appeal: /).waitFor();
    await expectAccessible(page, 'stages');

    await openTabNamed(page, 'Outcomes');
    const outcome = await openDialog(page, 'Record an outcome');
    await choose(page, outcome, 'Charge', /RA 11930 s\. 4\(a\)/);
    await outcome.getByLabel('Decided on').fill('2027-02-01');
    await outcome.getByLabel('Imprisonment').fill('Life imprisonment');
    await submit(outcome, 'Record');
    await page.getByRole('cell', { name: 'Conviction' }).waitFor();
    await expectAccessible(page, 'outcomes');
  });

  it('schedules a hearing with live-link testimony for the child, by pseudonym', async () => {
    const { page } = prosecutor;
    await openTabNamed(page, 'Hearings');
    const form = await openDialog(page, 'Schedule a hearing');
    await form.getByLabel('When').fill('2027-01-20T09:00');
    await form.getByLabel('Purpose').fill('Testimony of the child');
    await choose(page, form, 'Child witness (pseudonym)', childCode);
    await choose(page, form, 'Protections asked', 'Live-link testimony');
    await page.keyboard.press('Escape');
    await choose(page, form, 'Protections granted', 'Live-link testimony');
    await page.keyboard.press('Escape');
    await submit(form, 'Schedule');
    await page.getByText('Social worker notified').waitFor();
    await expectAccessible(page, 'hearings');
    expectNoProblems(prosecutor);
  });

  it('the child’s social worker sees the hearing on her court calendar, by pseudonym only', async () => {
    const worker = await openTab(browser, bantay.url);
    const { page } = worker;
    await signInAs(page, 'social_worker');
    await page.getByRole('navigation').getByRole('link', { name: 'Court dates' }).click();
    await heading(page, 'Court dates');
    const row = page.getByRole('row').filter({ hasText: childCode });
    await row.waitFor();
    await row.getByText('Live-link testimony').waitFor();
    await row.getByText(COURT).waitFor();
    expect(await page.getByText(FACILITATOR).count()).toBe(0);
    await expectAccessible(page, 'court dates');
    expectNoProblems(worker);
  });
});
