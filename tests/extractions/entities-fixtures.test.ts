// Precision and recall of the whole pipeline over the fixture websites, crawled the way the extraction crawler does.
import { describe, expect, it } from 'vitest';
import {
  defaultRegion,
  type Entity,
  type EntityType,
  entityKey,
  extractEntities,
  mergeEntities,
  type PageType,
  pageKey,
  parsePage,
  pickContactPages,
} from '../../src/modules/extractions/parse';
import { type FixtureSite, fixtureSites } from '../fixtures/sites';
import { fixtureFetch } from '../fixtures/sites/serve';

const TYPES: EntityType[] = ['EMAIL', 'PHONE', 'PERSON', 'COMPANY_NAME', 'ADDRESS', 'VAT_ID', 'REGISTER'];

/** Home (after redirects), then breadth-first through picked pages, at most 10 pages. */
async function crawl(site: FixtureSite): Promise<{ entities: Entity[]; pages: string[] }> {
  const fetcher = fixtureFetch(fixtureSites);
  let url = `${site.origin}/`;
  let response = await fetcher(url);
  for (let hops = 0; response.status === 301 && hops < 5; hops++) {
    url = new URL(response.headers.get('location') ?? '/', url).href;
    response = await fetcher(url);
  }
  const queue: { url: string; page_type: PageType; response?: Response }[] = [
    { url, page_type: 'home', response },
  ];
  const seen = new Set<string>();
  const entities: Entity[] = [];
  let region = 'DE';
  while (queue.length && seen.size < 10) {
    const next = queue.shift();
    if (!next || seen.has(pageKey(next.url))) continue;
    seen.add(pageKey(next.url));
    const res = next.response ?? (await fetcher(next.url));
    if (!res.ok) continue;
    const page = await parsePage(next.url, res);
    if (next.page_type === 'home') region = defaultRegion(next.url, page.lang);
    entities.push(...extractEntities(page, next.page_type, region));
    queue.push(
      ...pickContactPages(page.links, site.origin, new Set([...seen, ...queue.map((q) => q.url)]), 10),
    );
  }
  return { entities: mergeEntities(entities), pages: [...seen] };
}

describe('fixture sites', () => {
  it('finds what a human reads off each site: precision and recall ≥ 0.9 per type', async () => {
    const counts = Object.fromEntries(TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
    const misses: string[] = [];
    let roles = 0;
    let rolesRight = 0;
    for (const site of fixtureSites) {
      const { entities } = await crawl(site);
      const expected = new Map(site.expected.map((e) => [`${e.type}\n${entityKey(e)}`, e]));
      const found = new Map(entities.map((e) => [`${e.type}\n${entityKey(e)}`, e]));
      for (const [key, entity] of found) {
        const want = expected.get(key);
        const c = counts[entity.type];
        if (!c) continue;
        if (want) {
          c.tp++;
          if (want.role) {
            roles++;
            if (want.role === entity.role) rolesRight++;
            else
              misses.push(`${site.name}: role of ${entity.value} is ${entity.role}, expected ${want.role}`);
          }
        } else {
          c.fp++;
          misses.push(`${site.name}: unexpected ${entity.type} ${entity.value}`);
        }
      }
      for (const [key, want] of expected) {
        if (!found.has(key)) {
          const c = counts[want.type];
          if (c) c.fn++;
          misses.push(`${site.name}: missed ${want.type} ${want.value}`);
        }
      }
    }
    const rows = TYPES.map((type) => {
      const c = counts[type] ?? { tp: 0, fp: 0, fn: 0 };
      const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
      const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
      return { type, ...c, precision: Number(precision.toFixed(3)), recall: Number(recall.toFixed(3)) };
    });
    const table = rows.map(
      (r) =>
        `${r.type.padEnd(13)} tp ${String(r.tp).padStart(3)}  fp ${r.fp}  fn ${r.fn}  P ${r.precision.toFixed(2)}  R ${r.recall.toFixed(2)}`,
    );
    console.log(`precision/recall over ${fixtureSites.length} fixture sites\n${table.join('\n')}`);
    console.log(`roles right: ${rolesRight}/${roles}`, misses);
    for (const row of rows) {
      expect(row.precision, `${row.type} precision`).toBeGreaterThanOrEqual(0.9);
      expect(row.recall, `${row.type} recall`).toBeGreaterThanOrEqual(0.9);
    }
    expect(rolesRight / Math.max(1, roles)).toBeGreaterThanOrEqual(0.9);
  });

  it('reaches a two-links-deep impressum and follows the home redirect', async () => {
    const deep = fixtureSites.find((s) => s.name.includes('two links deep'));
    const redirect = fixtureSites.find((s) => s.redirects);
    if (!deep || !redirect) throw new Error('fixture missing');
    expect((await crawl(deep)).pages).toContain('baeckerei-schmidt.de/ueber-uns/impressum');
    expect((await crawl(redirect)).pages[0]).toBe('weber-elektro.de/de');
  });

  it('serves 404 for unknown pages and an allow-all robots.txt', async () => {
    const fetcher = fixtureFetch(fixtureSites);
    expect((await fetcher('https://www.firma-mueller.de/nope')).status).toBe(404);
    const robots = await fetcher('https://www.firma-mueller.de/robots.txt');
    expect(await robots.text()).toContain('Allow: /');
  });
});
