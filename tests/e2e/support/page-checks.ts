// What the tour asks of every page: axe-core's serious and critical WCAG 2 A/AA violations (colour contrast
// included), and WCAG 2.5.3 label-in-name, which axe checks only experimentally.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface Violation {
  page: string;
  rule: string;
  impact: string;
  targets: string[];
}

export async function axeViolations(page: Page, name: string): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  const results = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page at run time
    const axe = (window as any).axe;
    const run = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] },
      // Only what failed: collecting the passes for every node doubles the time on a long page.
      resultTypes: ['violations'],
    });
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
 * WCAG 2.5.3 (label in name): a control whose accessible name is set with aria-label must contain its
 * visible text, so a person who says what they see (voice control) reaches it. Case and spacing are ignored;
 * so are glyphs marked aria-hidden (× for remove, + and − for zoom), which are icons, not words to say.
 */
export async function labelNotInName(page: Page, name: string): Promise<Violation[]> {
  const offenders = await page.evaluate(() => {
    const norm = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
    const spoken = (control: HTMLElement) => {
      const walker = document.createTreeWalker(control, NodeFilter.SHOW_TEXT);
      let text = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (parent?.checkVisibility() && !parent.closest('[aria-hidden="true"]')) text += node.nodeValue;
      }
      return norm(text);
    };
    const controls = document.querySelectorAll<HTMLElement>(
      'a[aria-label], button[aria-label], [role="button"][aria-label], [role="link"][aria-label], summary[aria-label]',
    );
    return Array.from(controls)
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ label: norm(el.getAttribute('aria-label') ?? ''), text: spoken(el) }))
      .filter(({ label, text }) => text !== '' && !label.includes(text))
      .map(({ label, text }) => `“${text}” not in “${label}”`);
  });
  return offenders.length
    ? [{ page: name, rule: 'label-in-name', impact: 'serious', targets: offenders.slice(0, 5) }]
    : [];
}
