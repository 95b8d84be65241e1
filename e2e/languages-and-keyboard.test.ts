import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  demoEmail,
  expectAccessible,
  expectNoProblems,
  launchBrowser,
  openTab,
  startBantay,
  TABLET,
  type Bantay,
  type Tab,
} from './harness';

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);
const activeElement = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    return { id: element?.id ?? '', text: element?.textContent?.trim() ?? '', tag: element?.tagName ?? '' };
  });

/** A triage analyst on a tablet works in Filipino, then Cebuano, with the keyboard alone. */
describe('languages and keyboard', () => {
  let bantay: Bantay;
  let browser: Browser;
  let tab: Tab;

  beforeAll(async () => {
    [bantay, browser] = await Promise.all([startBantay(), launchBrowser()]);
    tab = await openTab(browser, bantay.url, TABLET);
  });

  afterAll(async () => {
    await browser?.close();
    await bantay?.stop();
  });

  it('switches the sign-in page to Filipino, and it stays Filipino after a reload', async () => {
    const { page } = tab;
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await htmlLang(page)).toBe('en');

    await page.getByRole('button', { name: /^Language: English/ }).click();
    await page.getByRole('menuitemradio', { name: 'Filipino' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mag-sign in' }).waitFor();
    expect(await htmlLang(page)).toBe('fil');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Mag-sign in' }).waitFor();
    expect(await htmlLang(page)).toBe('fil');
    await page.getByText('E-mail address').waitFor();
    await expectAccessible(page, 'sign-in in Filipino');
  });

  it('signs in with the keyboard alone', async () => {
    const { page } = tab;
    // The e-mail field has the focus on arrival; Tab leads to the password, Enter sends.
    expect((await activeElement(page)).tag).toBe('INPUT');
    await page.keyboard.type(demoEmail('triage_analyst'));
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');

    await page
      .getByRole('heading', { level: 1, name: /^Magandang (umaga|hapon|gabi), Demo Triage Analyst$/ })
      .waitFor();
    await page.getByText('Triage analyst · National OSEC Triage Centre (demo) · Triage desk').waitFor();
    await expectAccessible(page, 'home in Filipino');
  });

  it('offers a skip link as the first stop of the keyboard', async () => {
    const { page } = tab;
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    expect(await activeElement(page)).toMatchObject({ text: 'Lumaktaw sa pangunahing nilalaman' });
    await page.keyboard.press('Enter');
    expect((await activeElement(page)).id).toBe('main-content');
  });

  it('switches to Cebuano from the header; the choice survives a reload', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: /^Wika: Filipino/ }).click();
    await page.getByRole('menuitemradio', { name: 'Cebuano' }).click();
    await page
      .getByRole('heading', { level: 1, name: /^Maayong (buntag|hapon|gabii), Demo Triage Analyst$/ })
      .waitFor();
    expect(await htmlLang(page)).toBe('ceb');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: /^Maayong / }).waitFor();
    expect(await htmlLang(page)).toBe('ceb');
    await expectAccessible(page, 'home in Cebuano');

    // On a tablet the navigation folds behind a burger, named in Cebuano too.
    await page.getByRole('button', { name: 'Ablihi ang nabigasyon' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Sinugdanan' }).waitFor();
    await expectAccessible(page, 'open navigation in Cebuano');
    expectNoProblems(tab);
  });
});
