import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Organisation } from '@bantay/core/admin/schema';
import { xmlDocument } from '@bantay/core/synthetic/files';
import { generateReports } from '@bantay/core/synthetic/reports';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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

const CEBU_UNIT = 'Anti-OSEC Unit Cebu';
const CEBU_INVESTIGATOR = {
  email: 'ramon.cruz@wcpc.example.test',
  password: 'mango trees along the Cebu coast',
};

/** A fresh synthetic CyberTipline file: its report ids (from position 50 000) never meet the demo's. */
function syntheticFile(): string {
  const now = new Date();
  const reports = [
    ...generateReports({
      seed: 'e2e-triage-referral',
      count: 60,
      startIndex: 50_000,
      startDate: new Date(now.getTime() - 2 * 86_400_000),
      endDate: now,
    }),
  ];
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bantay-e2e-xml-')), 'ncmec-batch.xml');
  fs.writeFileSync(file, [...xmlDocument(reports.map((report) => report.xml))].join(''));
  return file;
}

/** The datetime-local value of a moment, in the browser's time zone (Asia/Manila, +08:00). */
function manilaLocal(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
}

/** Creates an investigator of the Cebu unit through the admin API, as the administrator. */
async function createCebuInvestigator(tab: Tab): Promise<void> {
  const { page } = tab;
  await signInAs(page, 'admin');
  const headers = { 'X-Bantay-Request': '1' };
  const answer = await page.request.get('/api/admin/organisations');
  const { organisations } = (await answer.json()) as { organisations: Organisation[] };
  const wcpc = organisations.find((organisation) => organisation.code === 'DEMO-WCPC');
  const unit = wcpc?.units.find((candidate) => candidate.name === CEBU_UNIT);
  expect(unit, 'the demo police organisation has a Cebu unit').toBeDefined();
  const created = await page.request.post('/api/admin/users', {
    headers,
    data: {
      email: CEBU_INVESTIGATOR.email,
      displayName: 'Ramon Cruz',
      role: 'investigator',
      organisationId: wcpc?.id,
      unitId: unit?.id,
      password: CEBU_INVESTIGATOR.password,
    },
  });
  expect(created.status()).toBe(201);
}

async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/**
 * The analyst at the national centre imports a batch of platform reports, finds a P1 in the
 * queue, reads why it is P1, and refers it to the Cebu unit. The case that opens there is
 * out of reach for an investigator of the Manila unit, and within reach for one of Cebu.
 */
describe('a P1 report goes from intake to a case at the Cebu unit', () => {
  let bantay: Bantay;
  let browser: Browser;
  let analyst: Tab;
  let xmlFile: string;
  let importedFrom: Date;
  let caseId = '';
  let caseNumber = '';
  let reportPath = '';

  beforeAll(async () => {
    xmlFile = syntheticFile();
    [bantay, browser] = await Promise.all([startBantay(), launchBrowser()]);
    analyst = await openTab(browser, bantay.url);
  });

  afterAll(async () => {
    await browser?.close();
    await bantay?.stop();
    if (xmlFile) fs.rmSync(path.dirname(xmlFile), { recursive: true, force: true });
  });

  it('the analyst uploads the file on the Intake screen and reads the summary', async () => {
    const { page } = analyst;
    await signInAs(page, 'triage_analyst');
    await page.getByRole('navigation').getByRole('link', { name: 'Intake' }).click();
    await heading(page, 'Intake');
    await page.getByRole('cell', { name: /demo/ }).first().waitFor();
    await expectAccessible(page, 'intake');

    importedFrom = new Date(Date.now() - 60_000);
    await page.locator('input[type="file"]').setInputFiles(xmlFile);
    await page.getByText(/^ncmec-batch\.xml, /).waitFor();
    await page.getByRole('button', { name: 'Upload and import' }).click();

    const summary = page.getByRole('region', { name: 'Import summary' });
    await summary.waitFor();
    const stored = Number(
      await summary.getByText('Stored').locator('xpath=following-sibling::*[1]').textContent(),
    );
    expect(stored).toBe(60);
    await expectAccessible(page, 'import summary');
    expectNoProblems(analyst);
  });

  it('opens the queue by priority, narrows it to the new P1s, and opens one with the keyboard', async () => {
    const { page } = analyst;
    await page.getByRole('link', { name: 'Open the queue' }).click();
    await heading(page, 'Triage queue');
    expect(await page.getByRole('radio', { name: 'Priority' }).isChecked()).toBe(true);
    await page.getByRole('table', { name: 'Reports in the queue' }).waitFor();
    await expectAccessible(page, 'queue');

    await page.getByRole('button', { name: /^P1 immediate/ }).click();
    await page.getByRole('button', { name: 'More filters' }).click();
    await page.getByLabel('Received from (your local time)').fill(manilaLocal(importedFrom));
    await page.waitForURL(/levels=1.*receivedFrom=/);
    // Out of the date field, so that the queue's keys work again.
    await page.getByRole('heading', { level: 1 }).click();
    const rows = page.getByRole('table', { name: 'Reports in the queue' }).locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    await expect.poll(() => rows.first().textContent()).toMatch(/^P1/);

    await page.keyboard.press('j');
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
    await page.keyboard.press('Enter');
    await heading(page, `Report ${focused}`);
    reportPath = new URL(page.url()).pathname;
  });

  it('reads why the report is P1', async () => {
    const { page } = analyst;
    const reasons = page.getByRole('region', { name: 'Why this priority' });
    await reasons.getByText('Score').first().waitFor();
    const lines = reasons.getByRole('table').locator('tbody tr');
    expect(await lines.count()).toBeGreaterThanOrEqual(1);
    await reasons.getByText('P1', { exact: true }).waitFor();
    await page
      .getByRole('region', { name: /^\d+ files?$/ })
      .getByText(/Metadata and hashes only/)
      .waitFor();
    await expectAccessible(page, 'report');
  });

  it('refers it to the Cebu unit and sees the number of the case that opened', async () => {
    const { page } = analyst;
    const form = page.getByRole('form', { name: 'Decision' });
    expect(await form.getByRole('radio', { name: 'Refer to a unit' }).isChecked()).toBe(true);
    await form.getByRole('combobox', { name: 'Unit' }).click();
    await page.getByRole('option', { name: CEBU_UNIT }).click();
    const answer = page.waitForResponse((response) => response.url().endsWith('/decision'));
    await form.getByRole('button', { name: 'Refer to this unit' }).click();
    const decided = (await (await answer).json()) as { caseId: string; caseNumber: string };
    caseId = decided.caseId;
    caseNumber = decided.caseNumber;
    expect(caseNumber).toMatch(/^DEMO-WCPC-\d{4}-\d{6}$/);

    const status = page.getByRole('status').filter({ hasText: 'Referred' });
    await status.getByText(caseNumber).waitFor();
    await page.getByRole('region', { name: 'Decisions' }).getByText(`to ${CEBU_UNIT}`).waitFor();
    expect(await page.getByRole('form', { name: 'Decision' }).count()).toBe(0);
    expectNoProblems(analyst);
  });

  it('shows the open reports on the map, with the same numbers in a table', async () => {
    const { page } = analyst;
    await page.getByRole('navigation').getByRole('link', { name: 'Triage', exact: true }).click();
    await page.getByRole('navigation', { name: 'Triage views' }).getByRole('link', { name: 'Map' }).click();
    await heading(page, 'Map of open reports');
    const map = page.locator('canvas').first();
    await map.waitFor();
    // A tooltip over the map is drawn as HTML: it must not trip the content security policy.
    const box = await map.boundingBox();
    if (box) await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.45);
    await page.getByRole('table', { name: 'Open reports by place' }).getByRole('link').first().waitFor();
    await expectAccessible(page, 'map');
    await page
      .getByRole('table', { name: 'Open reports by place' })
      .getByRole('link', { name: 'Cebu' })
      .click();
    await page.waitForURL(/\/triage\?province=0702200000$/);
    await page.getByRole('table', { name: 'Reports in the queue' }).waitFor();
    expectNoProblems(analyst);
  });

  it('the investigator of the Manila unit cannot open the Cebu case: not found', async () => {
    const manila = await openTab(browser, bantay.url);
    await signInAs(manila.page, 'investigator');
    const answer = manila.page.waitForResponse((response) => response.url().endsWith(`/api/cases/${caseId}`));
    await manila.page.goto(`/cases/${caseId}`);
    expect((await answer).status()).toBe(404);
    await heading(manila.page, 'Case not found');
    await manila.page.getByRole('navigation').getByRole('link', { name: 'Cases', exact: true }).click();
    await heading(manila.page, /^Cases$/);
    expect(await manila.page.getByText(caseNumber).count()).toBe(0);
    expectNoProblems(manila);
    await manila.context.close();
  });

  it('an investigator of the Cebu unit finds the case and opens the referred report', async () => {
    const admin = await openTab(browser, bantay.url);
    await createCebuInvestigator(admin);
    await admin.context.close();

    const cebu = await openTab(browser, bantay.url);
    await signIn(cebu.page, CEBU_INVESTIGATOR.email, CEBU_INVESTIGATOR.password);
    await heading(cebu.page, HOME_HEADING);
    await cebu.page.getByRole('navigation').getByRole('link', { name: 'Cases', exact: true }).click();
    await cebu.page.getByRole('link', { name: caseNumber }).click();
    await heading(cebu.page, `Case ${caseNumber}`);
    await cebu.page.getByRole('tab', { name: 'Reports', exact: true }).click();
    await cebu.page.getByRole('table', { name: 'Reports in this case' }).getByRole('link').click();
    await cebu.page.waitForURL(`**${reportPath}`);
    await cebu.page.getByRole('region', { name: 'Why this priority' }).waitFor();
    // Decisions belong to the national centre: the unit reads, it does not decide.
    expect(await cebu.page.getByRole('form', { name: 'Decision' }).count()).toBe(0);
    expectNoProblems(cebu);
    await cebu.context.close();
  });
});
