import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  demoEmail,
  expectAccessible,
  expectNoProblems,
  launchBrowser,
  openTab,
  signIn,
  signInAs,
  startBantay,
  type Bantay,
  type Tab,
} from './harness';

describe('an administrator disables an account that is in use', () => {
  let bantay: Bantay;
  let browser: Browser;
  let admin: Tab;
  let investigator: Tab;

  beforeAll(async () => {
    [bantay, browser] = await Promise.all([startBantay(), launchBrowser()]);
    [admin, investigator] = await Promise.all([openTab(browser, bantay.url), openTab(browser, bantay.url)]);
  });

  afterAll(async () => {
    await browser?.close();
    await bantay?.stop();
  });

  it('the investigator is at work on his account page', async () => {
    await signInAs(investigator.page, 'investigator');
    await investigator.page.getByRole('button', { name: 'Demo Investigator' }).click();
    await investigator.page.getByRole('menuitem', { name: 'My account' }).click();
    await investigator.page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
  });

  it('the administrator disables him, after confirming', async () => {
    const { page } = admin;
    await signInAs(page, 'admin');
    await page.getByRole('navigation').getByRole('link', { name: 'Users' }).click();
    await page.getByRole('button', { name: 'Actions for Demo Investigator' }).click();
    await page.getByRole('menuitem', { name: 'Disable account' }).click();

    const dialog = page.getByRole('dialog', { name: 'Disable Demo Investigator?' });
    await dialog.waitFor();
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await expectAccessible(page, 'disable confirmation');
    await dialog.getByRole('button', { name: 'Disable account' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.getByRole('row', { name: /investigator@demo\.bantay\.local/ });
    await row.getByText('Disabled').waitFor();
    expectNoProblems(admin);
  });

  it('his next click ends on the sign-in page, which says his session ended', async () => {
    const { page } = investigator;
    await page.getByRole('navigation').getByRole('link', { name: 'Home' }).click();

    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByText('Your session ended').waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe('/sign-in');
    expect(url.searchParams.get('ended')).toBe('1');
    await expectAccessible(page, 'sign-in after the session ended');

    // And he cannot come back in: the answer is the same as for a wrong password.
    await signIn(page, demoEmail('investigator'), DEMO_PASSWORD);
    await page.getByText(/^Sign-in failed\. Check your e-mail address/).waitFor();
    expectNoProblems(investigator);
  });
});
