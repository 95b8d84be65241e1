import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  demoEmail,
  enrolTotp,
  expectAccessible,
  expectNoProblems,
  HOME_HEADING,
  launchBrowser,
  openTab,
  startBantay,
  totpCode,
  type Bantay,
  type Tab,
} from './harness';

/**
 * The platform requires two-step sign-in here (as in production), so both the administrator
 * and the person he adds go through the forced enrolment before anything else.
 */
describe('an administrator onboards a new investigator', () => {
  let bantay: Bantay;
  let browser: Browser;
  let admin: Tab;
  let newcomer: Tab;
  const email = 'maria.reyes@wcpc.example.test';
  const password = 'sampaguita at dawn over Cebu';

  beforeAll(async () => {
    [bantay, browser] = await Promise.all([startBantay({ BANTAY_REQUIRE_MFA: 'true' }), launchBrowser()]);
    admin = await openTab(browser, bantay.url);
    newcomer = await openTab(browser, bantay.url);
  });

  afterAll(async () => {
    await browser?.close();
    await bantay?.stop();
  });

  it('the administrator signs in with the keyboard and must set up two-step sign-in first', async () => {
    const { page } = admin;
    await page.goto('/');
    await page.waitForURL('**/sign-in');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await expectAccessible(page, 'sign-in');

    // The e-mail field has the focus on arrival.
    await page.keyboard.type(demoEmail('admin'));
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');

    await page.waitForURL('**/account/two-step');
    await page.getByText(/Bantay requires two-step sign-in\./).waitFor();
    await page.locator('#totp-secret').waitFor();
    await expectAccessible(page, 'forced enrolment');
    await enrolTotp(page);

    await page.getByRole('heading', { level: 1, name: HOME_HEADING }).waitFor();
    await expectAccessible(page, 'home');
    expectNoProblems(admin);
  });

  it('creates the user in an existing organisation and unit', async () => {
    const { page } = admin;
    await page.getByRole('navigation').getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await page.getByRole('cell', { name: /admin@demo\.bantay\.local/ }).waitFor();
    await expectAccessible(page, 'users');

    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog', { name: 'New user' });
    await dialog.getByLabel('E-mail address').fill(email);
    await dialog.getByLabel('Full name').fill('Maria Reyes');
    await dialog.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: 'Investigator' }).click();
    await dialog.getByRole('combobox', { name: 'Organisation' }).fill('Women and Children');
    await page.getByRole('option', { name: /Police Women and Children Protection Center/ }).click();
    await dialog.getByRole('combobox', { name: 'Unit' }).click();
    await page.getByRole('option', { name: 'Anti-OSEC Unit Cebu' }).click();
    await dialog.getByLabel('Initial password').fill(password);
    await expectAccessible(page, 'create-user form');
    await dialog.getByRole('button', { name: 'Create user' }).click();

    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row', { name: new RegExp(email.replaceAll('.', '\\.')) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Anti-OSEC Unit Cebu');
    expect(await row.textContent()).toContain('Investigator');
    expectNoProblems(admin);
  });

  it('the new user signs in, enrols TOTP, signs out and signs in again with a code', async () => {
    const { page } = newcomer;
    await page.goto('/sign-in');
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel(/^Password/).fill(password);
    await page.keyboard.press('Enter');

    await page.waitForURL('**/account/two-step');
    const secret = await enrolTotp(page);
    await page.getByRole('heading', { level: 1, name: /Maria Reyes$/ }).waitFor();
    await page
      .getByText('Investigator · Police Women and Children Protection Center (demo) · Anti-OSEC Unit Cebu')
      .waitFor();

    await page.getByRole('button', { name: 'Maria Reyes' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();

    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel(/^Password/).fill(password);
    await page.keyboard.press('Enter');
    const code = page.getByLabel('6-digit code');
    await code.waitFor();
    await expectAccessible(page, 'sign-in code step');
    await code.fill(totpCode(secret));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /Maria Reyes$/ }).waitFor();
    expectNoProblems(newcomer);
  });
});
