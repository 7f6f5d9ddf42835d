// Every page of every role, as people will use them — the navigation's pages and the detail pages reached by
// clicking through from their lists, plus sign-in and sign-up — in English and German, each light and dark,
// at desktop and phone widths (screenshots of each in tests/e2e/screenshots/tour-*), with the network outside Engage
// blocked — no page may even try to reach another host — axe-core checking each page for serious
// accessibility violations (WCAG 2 A/AA, colour contrast included), every labelled control checked for its
// visible text in its accessible name, and no page wider than the phone.
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseUrl,
  launch,
  resetDemoLocales,
  SCREENSHOTS,
  screenshot,
  settled,
  signIn,
} from './support/browser';
import { axeViolations, labelNotInName, type Violation } from './support/page-checks';
import { ACME_ANNA } from './support/tasks';
import { arrangeTourData } from './support/tour-data';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
  await arrangeTourData();
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await resetDemoLocales();
});

/** A detail page, reached by clicking the first link matching `link` in the main area of its list page. */
interface Detail {
  from: string;
  link: string;
  slug: string;
}

const ROLES: { role: string; email: string; details: Detail[] }[] = [
  {
    role: 'company',
    email: 'ops@acme.test',
    details: [
      { from: '/engagements', link: 'a[href="/engagements/new"]', slug: 'engagements-new' },
      { from: '/engagements', link: `a[href="/engagements/${ACME_ANNA}"]`, slug: 'engagement' },
      { from: '/extractions', link: 'a[href^="/extractions/ext_"]', slug: 'extraction' },
      { from: '/extraction-batches', link: 'a[href^="/extraction-batches/"]', slug: 'extraction-batch' },
    ],
  },
  {
    role: 'expert',
    email: 'anna@experts.test',
    details: [
      { from: '/engagements', link: `a[href="/engagements/${ACME_ANNA}"]`, slug: 'engagement' },
      { from: '/reviews', link: 'a[href^="/reviews/tsk_"]', slug: 'review' },
      { from: '/payouts', link: 'a[href^="/payouts/po_"]', slug: 'payout' },
    ],
  },
  {
    role: 'admin',
    email: 'admin@engage.test',
    details: [
      { from: '/admin/emails', link: 'a[href^="/admin/emails/eml_"]', slug: 'email' },
      { from: '/payouts', link: 'a[href^="/payouts/po_"]', slug: 'payout' },
      { from: '/engagements', link: 'a[href^="/engagements/eng_"]', slug: 'engagement' },
    ],
  },
];

// All four combinations of language and theme, every page in each. Affordable because the tour clicks
// through the dashboard as a person does rather than reloading it, so axe is injected once per tour.
const VARIANTS = [
  { locale: 'en', theme: 'light', nav: 'Main', menu: 'Menu' },
  { locale: 'de', theme: 'dark', nav: 'Hauptmenü', menu: 'Menü' },
  { locale: 'en', theme: 'dark', nav: 'Main', menu: 'Menu' },
  { locale: 'de', theme: 'light', nav: 'Hauptmenü', menu: 'Menü' },
] as const;
type Variant = (typeof VARIANTS)[number];

/** Aborts (and records) every request that leaves Engage's origin. */
async function blockNetwork(context: BrowserContext): Promise<string[]> {
  const origin = new URL(baseUrl()).origin;
  const external: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    external.push(url);
    return route.abort();
  });
  return external;
}

/** The page's first heading, nothing left loading, and two frames drawn (resize observers have run). */
async function ready(page: Page) {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await settled(page);
  await page.evaluate(
    () => new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn))),
  );
}

/**
 * Clicks a link as a person would (the dashboard routes in the page, so axe stays loaded) unless already at
 * `path`, and waits for the new page: the old one stays on screen until the next (perhaps a chunk of its own)
 * has rendered, so its heading must change.
 */
async function follow(page: Page, link: Locator, path?: string) {
  if (path === undefined || new URL(page.url()).pathname !== path) {
    const heading = page.getByRole('heading', { level: 1 }).first();
    const before = await heading.textContent();
    await link.click();
    await expect.poll(() => heading.textContent(), { timeout: 15_000 }).not.toBe(before);
  }
  await ready(page);
}

/** Axe and label-in-name on the page as loaded, then screenshots at both widths (failing if wider). */
async function check(page: Page, name: string): Promise<Violation[]> {
  const where = new URL(page.url()).pathname;
  const violations = [...(await axeViolations(page, where)), ...(await labelNotInName(page, where))];
  await screenshot(page, name);
  return violations;
}

type Stop = { href: string; slug: string } | Detail;

describe('a tour of every page', () => {
  for (const { role, email, details } of ROLES) {
    for (const variant of VARIANTS) {
      it(`${role}, ${variant.locale}, ${variant.theme}`, async () => {
        const { page, context, problems } = await signIn(browser, email);
        const external = await blockNetwork(context);
        await page.evaluate(
          ({ locale, theme }) => {
            localStorage.setItem('engage.locale', locale);
            localStorage.setItem('engage.theme', theme);
          },
          { locale: variant.locale, theme: variant.theme },
        );
        await page.reload();
        const nav = page.getByRole('navigation', { name: variant.nav });
        await nav.waitFor();
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(variant.locale);
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(variant.theme);

        const links = await nav
          .getByRole('link')
          .evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href') ?? '' })));
        expect(links.length).toBeGreaterThan(2);
        // Each list page followed by the detail pages reached from it.
        const stops: Stop[] = links.flatMap(({ href }) => [
          { href, slug: href.replace(/^\//, '').replaceAll('/', '-') || 'home' },
          ...details.filter((d) => d.from === href),
        ]);
        expect(stops.length).toBe(links.length + details.length);

        const prefix = `tour-${role}-${variant.locale}-${variant.theme}`;
        const violations: Violation[] = [];
        for (const stop of stops) {
          if ('href' in stop) {
            await follow(page, nav.locator(`a[href="${stop.href}"]`), stop.href);
          } else {
            await follow(page, nav.locator(`a[href="${stop.from}"]`), stop.from);
            await follow(page, page.locator('main').locator(stop.link).first());
          }
          violations.push(...(await check(page, `${prefix}-${stop.slug}`)));
        }
        await phoneMenu(page, variant, prefix);
        expect(violations).toEqual([]);
        expect(external).toEqual([]);
        expect(problems).toEqual([]);
        await context.close();
      });
    }
  }

  for (const variant of VARIANTS) {
    it(`signed out: sign-in and sign-up, ${variant.locale}, ${variant.theme}`, async () => {
      const context = await browser.newContext({
        baseURL: baseUrl(),
        viewport: { width: 1280, height: 800 },
      });
      await context.addInitScript(
        ({ locale, theme }) => {
          localStorage.setItem('engage.locale', locale);
          localStorage.setItem('engage.theme', theme);
        },
        { locale: variant.locale, theme: variant.theme },
      );
      const external = await blockNetwork(context);
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
      const prefix = `tour-signed-out-${variant.locale}-${variant.theme}`;

      await page.goto('/login');
      await ready(page);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(variant.locale);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(variant.theme);
      const violations = await check(page, `${prefix}-login`);
      await page.locator('main a[href="/signup"]').click();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/signup');
      await ready(page);
      violations.push(...(await check(page, `${prefix}-signup`)));
      expect(violations).toEqual([]);
      expect(external).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it('the API docs load with the network blocked and reach for nothing outside Engage', async () => {
    const context = await browser.newContext({ baseURL: baseUrl() });
    const external = await blockNetwork(context);
    const page = await context.newPage();
    await page.goto('/docs');
    await page.getByText('Idempotency-Key header', { exact: false }).first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(external).toEqual([]);
    await context.close();
  });
});

/** The phone menu, open: every page one tap away. */
async function phoneMenu(page: Page, variant: Variant, prefix: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: variant.menu }).click();
  await page.getByRole('navigation', { name: variant.nav }).waitFor();
  await page.screenshot({ path: path.join(SCREENSHOTS, `${prefix}-menu-phone.png`) });
}
