// One headless Chromium per test file, a signed-in page per demo user, and what every flow asserts at the
// end: no console errors and no uncaught exceptions. Screenshots of each main page go to
// tests/e2e/screenshots/ (desktop and phone widths).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
export const SCREENSHOTS = path.resolve(import.meta.dirname, '../screenshots');
export const DEMO_PASSWORD = 'demo-password';

export const baseUrl = () => inject('baseUrl');

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}

export interface UserPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions seen so far. */
  problems: string[];
}

/** A fresh browser context (its own storage) signed in through the sign-in form. */
export async function signIn(browser: Browser, email: string): Promise<UserPage> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport: { width: 1280, height: 800 },
    hasTouch: true,
  });
  // An explicit English choice unless the test makes another: the dashboard then keeps (and saves to the
  // account) English, whatever an earlier German test left on the shared demo account.
  await context.addInitScript(() => {
    try {
      if (!localStorage.getItem('engage.locale')) localStorage.setItem('engage.locale', 'en');
    } catch {
      // a sandboxed frame (an email's preview) has no storage, and needs no language
    }
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  return { page, context, problems };
}

/** Waits until no loading indicator is left on the page. */
export async function settled(page: Page) {
  await page.waitForFunction(() => document.querySelectorAll('.loading').length === 0);
}

const PHONE = { width: 390, height: 844 };

/**
 * Saves the page at desktop and phone widths as <name>.png and <name>-phone.png, and fails if the page is
 * wider than the phone (wide tables must scroll inside their own box, not drag the page sideways).
 */
export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const size = page.viewportSize();
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-phone.png`), fullPage: true });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (size) await page.setViewportSize(size);
  if (width > PHONE.width) throw new Error(`${name} is ${width} px wide on a ${PHONE.width} px phone`);
}

/** A session token for arranging data through the API (what the page under test then shows). */
export async function apiToken(email: string): Promise<string> {
  const response = await fetch(`${baseUrl()}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login ${email}: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

export const DEMO_USERS = ['ops@acme.test', 'anna@experts.test', 'admin@engage.test'] as const;

/**
 * Sets the demo accounts back to English. A test that uses the dashboard in German saves that language to the
 * shared demo account (as the dashboard should), so it calls this when done and later files start in English.
 */
export async function resetDemoLocales() {
  for (const email of DEMO_USERS) {
    const token = await apiToken(email);
    const response = await fetch(`${baseUrl()}/v1/me`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ locale: 'en' }),
    });
    if (!response.ok) throw new Error(`PATCH /v1/me ${email}: ${response.status}`);
  }
}

export async function apiGet<T>(token: string, pathname: string): Promise<T> {
  const response = await fetch(`${baseUrl()}${pathname}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${pathname}: ${response.status}`);
  return (await response.json()) as T;
}
