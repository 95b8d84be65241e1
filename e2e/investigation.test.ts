import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Organisation } from '@bantay/core/admin/schema';
import type { CaseSummary } from '@bantay/core/cases/schema';
import { syntheticPdf } from '@bantay/core/synthetic/documents';
import { goamlReport } from '@bantay/core/synthetic/goaml';
import { remittanceCsv } from '@bantay/core/synthetic/remittance';
import type { ReportDetail } from '@bantay/core/triage/schema';
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

const MANILA_SUPERVISOR = {
  email: 'elena.reyes@wcpc.example.test',
  password: 'harbour lights over Manila bay',
};
const CEBU_INVESTIGATOR = {
  email: 'jose.tan@wcpc.example.test',
  password: 'mango trees along the Cebu coast',
};
/** A date this many days from today (the warrant's dates follow the real calendar, so its return falls due). */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const APPLIED = day(-6);
const ISSUED = day(-5);
const SERVED = day(-3);
/** 48 hours after service; issuance plus 10 days. */
const RETURN_DUE = day(-1);
const VALID_UNTIL = day(5);
const FACILITATOR = 'Lorna Example Bautista';
const SOCIAL_WORKER = 'Demo Social Worker — Social Welfare Field Office (demo)';

async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Picks an option of a Mantine select by the select's name and the option's. */
async function choose(page: Page, select: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: select, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** As the administrator: a user of the demo police organisation in the named unit. */
async function createPoliceUser(
  tab: Tab,
  user: { email: string; password: string },
  role: 'supervisor' | 'investigator',
  unitName: string,
  displayName: string,
): Promise<void> {
  const { page } = tab;
  const answer = await page.request.get('/api/admin/organisations');
  const { organisations } = (await answer.json()) as { organisations: Organisation[] };
  const wcpc = organisations.find((organisation) => organisation.code === 'DEMO-WCPC');
  const unit = wcpc?.units.find((candidate) => candidate.name === unitName);
  const created = await page.request.post('/api/admin/users', {
    headers: { 'X-Bantay-Request': '1' },
    data: {
      email: user.email,
      displayName,
      role,
      organisationId: wcpc?.id,
      unitId: unit?.id,
      password: user.password,
    },
  });
  expect(created.status()).toBe(201);
}

/** Sends the form in the dialog and waits for the dialog to close (axe must not see it fading). */
async function submitDialog(page: Page, button: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** The dialog fades in over the page: axe measures contrast once the transitions are over. */
async function openTabOfCase(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
  await page.getByRole('tab', { name, exact: true, selected: true }).waitFor();
}

/**
 * The Manila investigator accepts a referral from triage as a case, names the facilitator
 * and ties him to the report by an identifier, records a WDCD, plans a rescue with a DSWD
 * social worker, has it approved by his supervisor, and records two children rescued: they
 * become pseudonymised victims and two aftercare intakes at the social worker's office.
 */
describe('an investigator takes a referral from acceptance to rescue', () => {
  let bantay: Bantay;
  let browser: Browser;
  let investigator: Tab;
  let caseId = '';
  let caseNumber = '';

  beforeAll(async () => {
    [bantay, browser] = await Promise.all([startBantay(), launchBrowser()]);
    const admin = await openTab(browser, bantay.url);
    await signInAs(admin.page, 'admin');
    await createPoliceUser(admin, MANILA_SUPERVISOR, 'supervisor', 'Anti-OSEC Unit Manila', 'Elena Reyes');
    await createPoliceUser(admin, CEBU_INVESTIGATOR, 'investigator', 'Anti-OSEC Unit Cebu', 'Jose Tan');
    await admin.context.close();
    investigator = await openTab(browser, bantay.url);
  });

  afterAll(async () => {
    await browser?.close();
    await bantay?.stop();
  });

  it('finds the referral among the unit’s cases and accepts it', async () => {
    const { page } = investigator;
    await signInAs(page, 'investigator');
    await page.getByRole('navigation').getByRole('link', { name: 'Cases', exact: true }).click();
    await heading(page, /^Cases$/);
    const listed = await page.request.get('/api/cases');
    const { cases } = (await listed.json()) as { cases: CaseSummary[] };
    const referred = cases.find((c) => c.status === 'referred');
    expect(referred, 'the demo seeds a referral waiting at the Manila unit').toBeDefined();
    caseId = referred!.id;
    caseNumber = referred!.number;
    await expectAccessible(page, 'case list');

    await page.getByRole('link', { name: caseNumber }).click();
    await heading(page, `Case ${caseNumber}`);
    await page.getByText('Referred to your unit').waitFor();
    await expectAccessible(page, 'referred case');
    await page.getByRole('button', { name: 'Accept the case' }).click();
    await page.getByText('Referral from triage').waitFor();
    await page.getByRole('tabpanel').getByText('Open', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Accept the case' }).count()).toBe(0);
    expectNoProblems(investigator);
  });

  it('adds the facilitator and links an identifier of the referred report to him', async () => {
    const { page } = investigator;
    await openTabOfCase(page, 'Reports');
    const reportLink = page.getByRole('table', { name: 'Reports in this case' }).getByRole('link').first();
    const reportId = ((await reportLink.getAttribute('href')) ?? '').split('/').pop() ?? '';
    const report = (await (await page.request.get(`/api/triage/reports/${reportId}`)).json()) as ReportDetail;
    const identifier =
      report.identifiers.find((i) => i.kind === 'email') ??
      report.identifiers.find((i) => i.kind === 'phone');
    expect(identifier, 'the report names an e-mail or a phone').toBeDefined();

    await openTabOfCase(page, 'Subjects');
    await page.getByRole('button', { name: 'Add a subject' }).click();
    const form = page.getByRole('form', { name: 'Add a subject' });
    await form.getByLabel('Full name').fill(FACILITATOR);
    await form.getByLabel('Aliases').fill('Nanay L');
    await form.getByLabel('Nationality').fill('PH');
    await form.getByLabel('PSGC code').fill('0702200000');
    await expectAccessible(page, 'subject form');
    await submitDialog(page, 'Add a subject');
    const card = page.getByRole('region', { name: FACILITATOR });
    await card.waitFor();
    await card.getByText('Cebu (0702200000)', { exact: false }).waitFor();

    await card.getByRole('button', { name: 'Link an identifier' }).click();
    const link = page.getByRole('form', { name: `Link an identifier to ${FACILITATOR}` });
    await choose(page, 'Kind', identifier!.kind === 'email' ? 'E-mail' : 'Phone');
    await link.getByLabel('Value').fill(identifier!.raw);
    await submitDialog(page, 'Link');
    const identifiers = card.getByRole('table', { name: `Identifiers and accounts of ${FACILITATOR}` });
    await identifiers.getByRole('link', { name: report.externalId }).waitFor();
    await expectAccessible(page, 'subjects');
    expectNoProblems(investigator);
  });

  it('sees the facilitator and the report joined in the link graph, and the path between them', async () => {
    const { page } = investigator;
    await openTabOfCase(page, 'Link graph');
    await page.getByRole('img', { name: /^Link graph of the case/ }).waitFor();
    const nodes = page.getByRole('table', { name: 'Entities in the graph' });
    await nodes.getByRole('cell', { name: FACILITATOR, exact: true }).waitFor();
    await expectAccessible(page, 'link graph');
    const identifierRow = nodes.getByRole('row').filter({ hasText: 'Identifier' }).first();
    await identifierRow.getByRole('button', { name: /^Expand / }).click();
    await identifierRow.getByRole('button', { name: /^Sources of the links of / }).click();
    await page
      .getByRole('region', { name: /^Links of / })
      .getByText(/^report /)
      .first()
      .waitFor();
    await choose(page, 'Shortest path from', `${FACILITATOR} (Person)`);
    await page.getByRole('combobox', { name: 'to', exact: true }).click();
    await page
      .getByRole('option', { name: /\(Report\)$/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Find the path' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^2 links: / })
      .waitFor();
    expectNoProblems(investigator);
  });

  it('imports a goAML file and sees the flagged recipient with its reasons', async () => {
    const { page } = investigator;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bantay-e2e-goaml-'));
    const file = path.join(dir, 'amlc-str.xml');
    fs.writeFileSync(
      file,
      goamlReport({
        seed: 'e2e-investigation',
        flagged: { firstName: 'Lorna', lastName: 'Bautista', account: '09179876543', institution: 'GCash' },
        ordinary: { firstName: 'Ana', lastName: 'Sample', account: '1234-5678-90', institution: 'Demo Bank' },
        end: new Date(),
      }),
    );
    await openTabOfCase(page, 'Money trail');
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: '16 stored, 0 already in the case, 0 quarantined.' })
      .waitFor();
    fs.rmSync(dir, { recursive: true, force: true });
    const recipients = page.getByRole('table', {
      name: 'Recipients of money in this case, most flagged first',
    });
    await recipients.getByRole('button', { name: 'Open the recipient Lorna Bautista' }).click();
    const panel = page.getByRole('region', { name: 'Recipient: Lorna Bautista' });
    await panel.getByText('Many foreign senders').waitFor();
    await panel.getByText(/payments between 1000 and 3000 PHP/).waitFor();
    await panel.getByText('Typical purposes').waitFor();
    await panel.locator('.chart-loading').waitFor({ state: 'detached' });
    await expectAccessible(page, 'money trail');
    expectNoProblems(investigator);
  });

  it('imports a remittance company CSV export beside the goAML file', async () => {
    const { page } = investigator;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bantay-e2e-remit-'));
    const file = path.join(dir, 'remit-export.csv');
    fs.writeFileSync(
      file,
      remittanceCsv({
        seed: 'e2e-remittance',
        recipient: { firstName: 'Lorna', lastName: 'Bautista', account: '09179876543', institution: 'GCash' },
        count: 6,
        end: new Date(),
      }),
    );
    await page
      .locator('label')
      .filter({ hasText: /^Remittance CSV$/ })
      .click();
    await page.getByRole('radio', { name: 'Remittance CSV', checked: true }).waitFor({ state: 'attached' });
    await page.getByRole('textbox', { name: 'Remittance company' }).fill('Demo Remit');
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page
      .getByRole('status')
      // This file's own summary: the goAML one before it reads "16 stored, …".
      .filter({ hasText: 'remit-export.csv imported' })
      .filter({ hasText: /(^|\D)6 stored, 0 already in the case, 0 quarantined\./ })
      .waitFor();
    fs.rmSync(dir, { recursive: true, force: true });
    await expectAccessible(page, 'money trail with a remittance CSV');
    expectNoProblems(investigator);
  });

  it('records a WDCD served on the provider; its return date is worked out', async () => {
    const { page } = investigator;
    await openTabOfCase(page, 'Legal process');
    await page.getByRole('button', { name: 'Record a warrant or request' }).click();
    const form = page.getByRole('form', { name: 'Record a warrant or request' });
    await choose(page, 'Status', 'Served');
    await form.getByLabel('Docket or reference number').fill('CC-2026-0142');
    await form.getByLabel('Court').fill('Regional Trial Court, Manila, Branch 24 (cybercrime court)');
    await form.getByLabel('Judge').fill('Hon. Example Judge');
    await form.getByLabel('Provider or authority').fill('Example Telco');
    await form.getByLabel('Applied on').fill(APPLIED);
    await form.getByLabel('Issued on').fill(ISSUED);
    await form.getByLabel('Served on').fill(SERVED);
    await expectAccessible(page, 'warrant form');
    await submitDialog(page, 'Record a warrant or request');
    const table = page.getByRole('table', { name: 'Warrants and requests of this case' });
    const row = table.getByRole('row').filter({ hasText: 'CC-2026-0142' });
    await row.getByText('WDCD', { exact: true }).waitFor();
    await row.getByText(RETURN_DUE).waitFor();
    await row.getByText(VALID_UNTIL).waitFor();
    await expectAccessible(page, 'legal process');
    expectNoProblems(investigator);
  });

  it('files the served warrant as a case paper (a generated PDF); an image named .pdf is refused', async () => {
    const { page } = investigator;
    await openTabOfCase(page, 'Documents');
    await page.getByRole('button', { name: 'Upload a case paper' }).click();
    const form = page.getByRole('form', { name: 'Upload a case paper' });
    await form.getByLabel('Title').fill('WDCD CC-2026-0142 as served');
    await choose(page, 'Kind of paper', 'Warrant');
    const file = form.locator('input[type="file"]');
    // A JPEG signature under a PDF name: told from its bytes, refused on the file field.
    await file.setInputFiles({
      name: 'warrant.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...new Array<number>(60).fill(0)]),
    });
    await form.getByRole('button', { name: 'Upload a case paper', exact: true }).click();
    await form.getByText(/This file is not a case paper/).waitFor();
    await file.setInputFiles({
      name: 'warrant.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(syntheticPdf(['SYNTHETIC WARRANT FOR A TEST', 'WDCD CC-2026-0142'])),
    });
    await expectAccessible(page, 'document form');
    await submitDialog(page, 'Upload a case paper');
    const papers = page.getByRole('table', { name: 'Papers of this case' });
    const row = papers.getByRole('row').filter({ hasText: 'WDCD CC-2026-0142 as served' });
    await row.getByText('PDF ·').waitFor();
    await row.getByRole('link', { name: 'Download WDCD CC-2026-0142 as served' }).waitFor();
    await expectAccessible(page, 'documents');
    expectNoProblems(investigator);
  });

  it('sees the overdue WDCD return among his reminders, counted in the navigation', async () => {
    const { page } = investigator;
    const navigation = page.getByRole('navigation', { name: 'Main navigation' });
    await navigation.getByText(/reminders waiting/).waitFor();
    await navigation.getByRole('link', { name: /My reminders/ }).click();
    await heading(page, 'My reminders');
    const reminders = page.getByRole('table', { name: 'Your reminders, earliest first' });
    const row = reminders
      .getByRole('row')
      .filter({ hasText: caseNumber })
      .filter({ hasText: 'Return due: WDCD' });
    await row.getByText('Overdue').waitFor();
    await expectAccessible(page, 'reminders');
    await row.getByRole('link', { name: caseNumber }).click();
    await page.getByRole('tab', { name: 'Legal process', exact: true, selected: true }).waitFor();
    expectNoProblems(investigator);
  });

  it('plans an operation with a DSWD social worker on the team', async () => {
    const { page } = investigator;
    await openTabOfCase(page, 'Operations');
    await page.getByRole('button', { name: 'Plan an operation' }).click();
    const form = page.getByRole('form', { name: 'Plan an operation' });
    await form.getByLabel('Operation name').fill('Operation Sagip Tondo');
    await form.getByLabel('Date and time').fill(`${day(2)}T04:30`);
    await form.getByLabel('Children expected').fill('2');
    await form.getByLabel('Target address 1').fill('Purok 5, Barangay Example, Tondo');
    await form.getByLabel('PSGC code of target 1').fill('1380600000');
    await choose(page, 'Team lead', 'Demo Investigator');
    await choose(page, 'Social worker (DSWD or partner)', SOCIAL_WORKER);
    await expectAccessible(page, 'operation plan');
    await submitDialog(page, 'Plan an operation');
    const card = page.getByRole('region', { name: 'Operation Sagip Tondo' });
    await card.getByText('Planned', { exact: true }).waitFor();
    await card.getByText(/Demo Social Worker — Social worker \(DSWD or partner\)/).waitFor();
    expectNoProblems(investigator);
  });

  it('his supervisor approves it', async () => {
    const supervisor = await openTab(browser, bantay.url);
    await signIn(supervisor.page, MANILA_SUPERVISOR.email, MANILA_SUPERVISOR.password);
    await heading(supervisor.page, HOME_HEADING);
    await supervisor.page.goto(`/cases/${caseId}?tab=operations`);
    const card = supervisor.page.getByRole('region', { name: 'Operation Sagip Tondo' });
    await card.getByRole('button', { name: 'Approve the operation' }).click();
    await card.getByText('Approved', { exact: true }).waitFor();
    await expectAccessible(supervisor.page, 'approved operation');
    expectNoProblems(supervisor);
    await supervisor.context.close();
  });

  it('records the outcome: two children rescued, the facilitator arrested', async () => {
    const { page } = investigator;
    await page.reload();
    const card = page.getByRole('region', { name: 'Operation Sagip Tondo' });
    await card.getByRole('button', { name: 'Record the outcome' }).click();
    const form = page.getByRole('form', { name: 'Outcome' });
    expect(await form.getByLabel('Children rescued').inputValue()).toBe('2');
    await choose(page, 'Age band 1', '9–12 years');
    await choose(page, 'Sex 1', 'Female');
    await choose(page, 'Relationship to the facilitator 1', 'Parent');
    await choose(page, 'Age band 2', '5–8 years');
    await choose(page, 'Sex 2', 'Male');
    await choose(page, 'Relationship to the facilitator 2', 'Parent');
    await form.getByText('Subjects arrested', { exact: true }).click();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('option', { name: FACILITATOR }).click();
    await page.keyboard.press('Escape');
    await form
      .getByLabel('After-action notes')
      .fill('Both children safe with the social worker; facilitator arrested.');
    await expectAccessible(page, 'outcome form');
    await submitDialog(page, 'Record the outcome');
    await card.getByText('Completed', { exact: true }).waitFor();
    await card.getByText('2 intakes waiting at Social Welfare Field Office (demo)').waitFor();

    await openTabOfCase(page, 'Victims');
    const victims = page.getByRole('table', { name: 'Victims in this case, by pseudonym code' });
    const rescued = victims.getByRole('row').filter({ hasText: 'Social Welfare Field Office (demo)' });
    expect(await rescued.count()).toBe(2);
    await rescued
      .first()
      .getByText(new RegExp(`^${caseNumber}-V\\d{2}$`))
      .waitFor();
    await openTabOfCase(page, 'Subjects');
    await page.getByRole('region', { name: FACILITATOR }).getByText('Arrested · for prosecution').waitFor();
    await openTabOfCase(page, 'Timeline');
    await page
      .getByRole('table', { name: /Everything that happened/ })
      .getByText('Rescue outcome recorded')
      .waitFor();
    await expectAccessible(page, 'timeline');
    expectNoProblems(investigator);
  });

  it('the social worker’s office sees the two children waiting to be taken in, by pseudonym', async () => {
    const welfare = await openTab(browser, bantay.url);
    await signInAs(welfare.page, 'social_worker');
    await welfare.page.goto('/aftercare');
    const waiting = welfare.page.getByRole('region', { name: '2 rescued children waiting to be taken in' });
    await waiting.waitFor();
    const rows = waiting
      .getByRole('table', { name: /Children rescued in operations/ })
      .getByRole('row')
      .filter({ hasText: caseNumber });
    expect(await rows.count()).toBe(2);
    await rows
      .first()
      .getByText(new RegExp(`^${caseNumber}-V\\d{2}$`))
      .waitFor();
    await expectAccessible(welfare.page, 'rescued children waiting');
    expectNoProblems(welfare);
    await welfare.context.close();
  });

  it('registers the seized phone and hands it to the supervisor, who confirms with her password', async () => {
    const { page } = investigator;
    await openTabOfCase(page, 'Evidence');
    await page.getByRole('button', { name: 'Register an item' }).click();
    const form = page.getByRole('form', { name: 'Register an item' });
    await form.getByLabel('Description').fill('Android phone of the facilitator, seized at the target');
    await form.getByLabel('SHA-256').fill('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08');
    await form.getByLabel('Acquired by').fill('PCpl Example, badge 4411');
    await form.getByLabel('Acquired at').fill(`${day(2)}T05:10`);
    await form.getByLabel('Acquired where').fill('Purok 5, Barangay Example, Tondo');
    await form.getByLabel('Legal basis').fill('Seized on arrest in flagrante; WSSECD to follow');
    await form.getByLabel('Storage location').fill('Forensic store, Manila, locker 7');
    await expectAccessible(page, 'evidence form');
    await submitDialog(page, 'Register an item');
    const item = page.getByRole('region', { name: /^E-001 · Android phone/ });
    await item.waitFor();

    await item.getByRole('button', { name: 'Transfer custody of E-001' }).click();
    await choose(page, 'Receiver', 'Elena Reyes');
    const transfer = page.getByRole('form', { name: 'Transfer custody of E-001' });
    await transfer.getByLabel('Purpose').fill('Forensic examination');
    await transfer.getByLabel("Receiver's password").fill('not her password at all');
    await transfer.getByRole('button', { name: 'Transfer custody' }).click();
    await transfer.getByText(/password is not right/).waitFor();
    await transfer.getByLabel("Receiver's password").fill(MANILA_SUPERVISOR.password);
    await submitDialog(page, 'Transfer custody');
    await item
      .getByRole('table', { name: 'Chain of custody of E-001' })
      .getByText('Forensic examination')
      .waitFor();

    await page.getByRole('button', { name: 'Verify the custody chain' }).click();
    await page.getByRole('status').filter({ hasText: 'The chain verifies' }).waitFor();
    await expectAccessible(page, 'evidence');
    expectNoProblems(investigator);
  });

  it('the unit calendar shows the WDCD return as overdue', async () => {
    const { page } = investigator;
    await page.goto('/cases');
    await page
      .getByRole('navigation', { name: 'Investigation views' })
      .getByRole('link', { name: 'Unit calendar' })
      .click();
    await heading(page, 'Unit calendar');
    const row = page
      .getByRole('table', { name: "Due dates of the unit's cases" })
      .getByRole('row')
      .filter({ hasText: 'WDCD' })
      .filter({ hasText: caseNumber });
    await row.getByText(RETURN_DUE).waitFor();
    await row.getByText('Overdue').waitFor();
    await expectAccessible(page, 'calendar');
    expectNoProblems(investigator);
  });

  it('an investigator of the Cebu unit cannot open the Manila case: not found', async () => {
    const cebu = await openTab(browser, bantay.url);
    await signIn(cebu.page, CEBU_INVESTIGATOR.email, CEBU_INVESTIGATOR.password);
    await heading(cebu.page, HOME_HEADING);
    const answer = cebu.page.waitForResponse((response) => response.url().endsWith(`/api/cases/${caseId}`));
    await cebu.page.goto(`/cases/${caseId}`);
    expect((await answer).status()).toBe(404);
    await heading(cebu.page, 'Case not found');
    expect((await cebu.page.request.get(`/api/cases/${caseId}/evidence`)).status()).toBe(404);
    expectNoProblems(cebu);
    await cebu.context.close();
  });
});
