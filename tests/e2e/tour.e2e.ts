// Every page of every role, as people will use them: in English with the light theme and in German with the
// dark one, at desktop and phone widths (screenshots of each in tests/e2e/screenshots/tour-*), with the
// network outside Engage blocked — no page may even try to reach another host — and axe-core checking each
// page for serious accessibility violations (WCAG 2 A/AA, colour contrast included) in both themes, and
// every labelled control for its visible text in its accessible name.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
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

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await resetDemoLocales();
});

interface Violation {
  page: string;
  rule: string;
  impact: string;
  targets: string[];
}

async function axeViolations(page: Page, name: string): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  const results = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page at run time
    const axe = (window as any).axe;
    const run = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return run.violations.map((v: { id: string; impact: string; nodes: { target: string[] }[] }) => ({
      rule: v.id,
      impact: v.impact,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  return (results as Omit<Violation, 'page'>[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ page: name, ...v }));
}

/**
 * WCAG 2.5.3 (label in name), which axe checks only experimentally: a control whose accessible name is set
 * with aria-label must contain its visible text, so a person who says what they see (voice control) reaches
 * it. Case and spacing are ignored.
 */
async function labelNotInName(page: Page, name: string): Promise<Violation[]> {
  const offenders = await page.evaluate(() => {
    const norm = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
    const controls = document.querySelectorAll<HTMLElement>(
      'a[aria-label], button[aria-label], [role="button"][aria-label], [role="link"][aria-label], summary[aria-label]',
    );
    return (
      Array.from(controls)
        .filter((el) => el.offsetParent !== null)
        // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered (hidden parts left out)
        .map((el) => ({ label: norm(el.getAttribute('aria-label') ?? ''), text: norm(el.innerText) }))
        .filter(({ label, text }) => text !== '' && !label.includes(text))
        .map(({ label, text }) => `“${text}” not in “${label}”`)
    );
  });
  return offenders.length
    ? [{ page: name, rule: 'label-in-name', impact: 'serious', targets: offenders.slice(0, 5) }]
    : [];
}

const ROLES = [
  ['company', 'ops@acme.test'],
  ['expert', 'anna@experts.test'],
  ['admin', 'admin@engage.test'],
] as const;
const VARIANTS = [
  { locale: 'en', theme: 'light', nav: 'Main', menu: 'Menu' },
  { locale: 'de', theme: 'dark', nav: 'Hauptmenü', menu: 'Menü' },
] as const;

describe('a tour of every page', () => {
  for (const [role, email] of ROLES) {
    for (const variant of VARIANTS) {
      it(`${role}, ${variant.locale}, ${variant.theme}`, async () => {
        const { page, context, problems } = await signIn(browser, email);
        const origin = new URL(baseUrl()).origin;
        const external: string[] = [];
        await context.route('**/*', (route) => {
          const url = route.request().url();
          if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:'))
            return route.continue();
          external.push(url);
          return route.abort();
        });
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
          .evaluateAll((as) =>
            as.map((a) => ({ href: a.getAttribute('href') ?? '', text: a.textContent?.trim() ?? '' })),
          );
        expect(links.length).toBeGreaterThan(2);
        const violations: Violation[] = [];
        for (const link of links) {
          await page.goto(link.href);
          await page.getByRole('heading', { level: 1 }).first().waitFor();
          await settled(page);
          const slug = link.href.replace(/^\//, '').replaceAll('/', '-') || 'home';
          await screenshot(page, `tour-${role}-${variant.locale}-${variant.theme}-${slug}`);
          violations.push(...(await axeViolations(page, link.href)));
          violations.push(...(await labelNotInName(page, link.href)));
        }
        // The phone menu, open: every page one tap away.
        await page.setViewportSize({ width: 390, height: 844 });
        await page.getByRole('button', { name: variant.menu }).click();
        await nav.waitFor();
        await page.screenshot({
          path: path.join(SCREENSHOTS, `tour-${role}-${variant.locale}-${variant.theme}-menu-phone.png`),
        });
        expect(violations).toEqual([]);
        expect(external).toEqual([]);
        expect(problems).toEqual([]);
        await context.close();
      });
    }
  }

  it('the API docs load with the network blocked and reach for nothing outside Engage', async () => {
    const context = await browser.newContext({ baseURL: baseUrl() });
    const origin = new URL(baseUrl()).origin;
    const external: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:'))
        return route.continue();
      external.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    await page.goto('/docs');
    await page.getByText('Idempotency-Key header', { exact: false }).first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(external).toEqual([]);
    await context.close();
  });
});
