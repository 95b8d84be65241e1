import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Role } from '@bantay/core/access/roles';
import { Secret, TOTP } from 'otpauth';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD, demoEmail } from '../packages/server/src/demo/seed';
import { loadConfig } from '../packages/server/src/platform/config';
import { generateKey } from '../packages/server/src/platform/crypto/keys';
import { startServer } from '../packages/server/src/server';
import { testDatabase } from '../packages/server/test/helpers';

export { DEMO_PASSWORD, demoEmail };

const CHROMIUM = process.env.BANTAY_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
];

export type Bantay = { url: string; stop(): Promise<void> };

/**
 * The whole platform as a user meets it: its own database copied from the run's template,
 * demo users seeded, the built web app served, on a free port.
 */
export async function startBantay(env: Record<string, string> = {}): Promise<Bantay> {
  const database = await testDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bantay-e2e-'));
  const { id, key } = generateKey();
  const server = await startServer(
    loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      DATABASE_MIGRATION_URL: database.adminUrl,
      BANTAY_DATA_DIR: dataDir,
      BANTAY_ENCRYPTION_KEYS: `${id}:${key}`,
      BANTAY_DEMO: 'true',
      PORT: '0',
      BANTAY_LOG_LEVEL: 'silent',
      BANTAY_AUTH_RATE_LIMIT: '1000',
      ...env,
    }),
    () => {},
  );
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export const LAPTOP = { width: 1280, height: 800 } as const;
export const TABLET = { width: 768, height: 1024 } as const;

/** A browser tab plus everything it complained about: console errors, page errors, CSP refusals. */
export type Tab = { context: BrowserContext; page: Page; problems: string[] };

/**
 * A fresh context (its own cookies and storage: one user) with a watch on the console. API
 * answers of 4xx are expected (sign-in failures, ended sessions) and are not problems.
 */
export async function openTab(
  browser: Browser,
  baseURL: string,
  viewport: { width: number; height: number } = LAPTOP,
): Promise<Tab> {
  const context = await browser.newContext({ baseURL, viewport, locale: 'en-GB', timezoneId: 'Asia/Manila' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    const expectedApiAnswer =
      /^Failed to load resource: the server responded with a status of 4\d\d/.test(text) &&
      message.location().url.includes('/api/');
    if (!expectedApiAnswer) problems.push(`console: ${text} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  return { context, page, problems };
}

/** Fails the test with every problem the tab saw, so a CSP refusal is never silent. */
export function expectNoProblems(tab: Tab): void {
  expect(tab.problems, tab.problems.join('\n')).toEqual([]);
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

type AxeViolation = {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
};

/**
 * Waits until no finite animation or transition runs (a dialog or a notice fading in): axe
 * reads colours mid-fade as they are drawn, and a half-faded text fails contrast. Spinners
 * (infinite animations) are not waited for.
 */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
  await page.waitForFunction(
    () =>
      document
        .getAnimations()
        .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity),
    undefined,
    { timeout: 5_000 },
  );
}

async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await settled(page);
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, { resultTypes: ['violations'] })) as { violations: unknown[] };
    return JSON.stringify(result.violations);
  });
  return (JSON.parse(violations) as AxeViolation[]).filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
}

/**
 * axe-core on the page as it is now: no serious or critical violation allowed. The source
 * is evaluated through the DevTools protocol, which the page's CSP does not govern, so the
 * app's own policy stays untouched.
 */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  let serious = await seriousViolations(page);
  // A notification may open or fade out while axe runs (seen once: a toast caught mid-fade, its
  // text #6a6a6a on #777777). What is still wrong once the page has settled again is real.
  if (serious.length > 0) {
    await page.waitForTimeout(1_000);
    serious = await seriousViolations(page);
  }
  const report = serious
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help}\n` +
        violation.nodes
          .slice(0, 5)
          .map((node) => `    at ${JSON.stringify(node.target)} ${node.failureSummary ?? ''}`)
          .join('\n'),
    )
    .join('\n');
  expect(serious.length, `axe on ${where}:\n${report}`).toBe(0);
}

/** Signs in the way a person does: type, Tab, type, Enter. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  if (!page.url().includes('/sign-in')) await page.goto('/sign-in');
  const emailField = page.getByLabel('E-mail address');
  await emailField.waitFor();
  await emailField.fill(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

export async function signInAs(page: Page, role: Role): Promise<void> {
  await signIn(page, demoEmail(role), DEMO_PASSWORD);
  await page.getByRole('heading', { level: 1, name: HOME_HEADING }).waitFor();
}

/**
 * The code an authenticator app would show. Half a minute ahead by default: the server
 * accepts one step of drift and refuses a step already used, so a sign-in right after
 * enrolment needs the next code, as a person would wait for it.
 */
export function totpCode(secret: string, aheadMs = 30_000): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + aheadMs });
}

/** Reads the setup key off the enrolment page, as someone typing it into a phone would. */
export async function readTotpSecret(page: Page): Promise<string> {
  const text = await page.locator('#totp-secret').textContent();
  return (text ?? '').replace(/\s+/g, '');
}

/** Enrols TOTP on the enrolment page the user is on; returns the secret. */
export async function enrolTotp(page: Page): Promise<string> {
  await page.getByRole('heading', { level: 1, name: 'Set up two-step sign-in' }).waitFor();
  await page.locator('#totp-secret').waitFor();
  const secret = await readTotpSecret(page);
  await page.getByLabel('6-digit code').fill(totpCode(secret, 0));
  await page.keyboard.press('Enter');
  return secret;
}

export const HOME_HEADING = /^Good (morning|afternoon|evening)/;
