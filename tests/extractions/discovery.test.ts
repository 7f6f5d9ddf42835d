// Deeper discovery by the crawler (issue 16 item 1): fixture sites in six languages, contact pages two clicks deep,
// sitemaps, JSON-LD and email obfuscations, served at the fetch boundary and crawled by crawlSite.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { crawlSite, MAX_PAGES } from '../../src/modules/extractions/crawl';
import { type Entity, entityKey } from '../../src/modules/extractions/parse';
import { muellerMaschinenbau } from '../fixtures/sites';
import {
  elektroVogt,
  fotostudioLange,
  kanzleiBrandt,
  languageSites,
  sanitaerKrause,
  weingutAlbrecht,
  zahnarztWeber,
} from '../fixtures/sites/discovery';
import type { FixtureSite } from '../fixtures/sites/types';
import { installNetwork, PUBLIC_IP } from './network';

afterEach(() => vi.restoreAllMocks());

const limiter = { limit: async () => ({ success: true }) } as unknown as RateLimit;

async function crawl(site: FixtureSite) {
  const network = installNetwork([site]);
  const result = await crawlSite(
    `${site.origin}/`,
    {
      fetch: (input, init) => fetch(input, init),
      resolve: async () => [PUBLIC_IP],
      allowedHosts: [],
      limiter,
      sleep: async () => {},
    },
    async () => {},
  );
  const paths = network.fetched.map((url) => new URL(url).pathname);
  return { ...result, paths, types: result.pages.map((p) => `${p.pageType} ${new URL(p.url).pathname}`) };
}

const key = (e: Pick<Entity, 'type' | 'value'>) => `${e.type}\n${entityKey(e)}`;

/** Every expected lead entity found (with its role), and no email that is not on the site. */
function expectLeads(site: FixtureSite, entities: Entity[]) {
  const found = new Map(entities.map((e) => [key(e), e]));
  for (const want of site.expected) {
    const got = found.get(key(want));
    expect(got, `${want.type} ${want.value}`).toBeDefined();
    if (want.role) expect(got?.role, `role of ${want.value}`).toBe(want.role);
  }
  const emails = (list: { type: string; value: string }[]) =>
    list
      .filter((e) => e.type === 'EMAIL')
      .map((e) => e.value)
      .sort();
  expect(emails(entities)).toEqual(emails(site.expected));
}

describe('link texts and paths in six languages', () => {
  it.each(languageSites.map((site) => [site.name, site] as const))('%s', async (_name, site) => {
    const { entities, pages } = await crawl(site);
    expect(pages.map((p) => p.pageType)).toEqual(
      expect.arrayContaining(['home', 'impressum', 'contact', 'about', 'legal']),
    );
    expectLeads(site, entities);
  });
});

describe('pages two clicks deep', () => {
  it('finds contact and impressum under a "Service" menu entry, through that hub first, the rest of the menu after them', async () => {
    const { entities, types } = await crawl(sanitaerKrause);
    expect(types).toEqual([
      'home /',
      'other /service',
      'impressum /service/impressum',
      'contact /service/kontakt',
      'legal /service/datenschutz',
      // What is left of the budget goes to the menu's other pages, after every contact-data page.
      'other /leistungen',
      'other /referenzen',
    ]);
    expectLeads(sanitaerKrause, entities);
  });

  it('takes a menu entry without a telling name by its place in the menu (home → Betrieb → Anfahrt)', async () => {
    const { entities, types } = await crawl(elektroVogt);
    expect(types.slice(0, 2)).toEqual(['home /', 'other /betrieb.html']);
    expect(types).toContain('contact /betrieb/anfahrt.html');
    // The gallery is read only after the contact page the menu led to.
    expect(types.indexOf('other /galerie.html')).toBeGreaterThan(
      types.indexOf('contact /betrieb/anfahrt.html'),
    );
    expectLeads(elektroVogt, entities);
  });

  it('looks for no sitemap when the home page links impressum and contact, and reads the menu only after them', async () => {
    const { types, paths } = await crawl(muellerMaschinenbau);
    expect(paths.filter((p) => p.endsWith('.xml'))).toEqual([]);
    const firstMenuPage = types.findIndex((t) => t.startsWith('other'));
    expect(firstMenuPage).toBeGreaterThan(types.findLastIndex((t) => !t.startsWith('other')));
  });

  it('reads a page titled as a legal notice as one, whatever the link to it said', async () => {
    const site: FixtureSite = {
      name: 'titled',
      origin: 'https://titled-beispiel.de',
      pages: {
        '/': '<html><body><footer><a href="/rechtliches">Rechtliches</a></footer></body></html>',
        '/rechtliches':
          '<html><head><title>Impressum | Titled Beispiel GmbH</title></head><body><p>Titled Beispiel GmbH</p></body></html>',
      },
      expected: [],
    };
    const { types } = await crawl(site);
    expect(types).toContain('impressum /rechtliches');
  });

  it("reads the address a services page's quote button mails to, found nowhere else", async () => {
    const site: FixtureSite = {
      name: 'quote button',
      origin: 'https://fliesen-beispiel.de',
      pages: {
        '/': '<html><body><nav><a href="/leistungen/">Leistungen</a><a href="/kontakt/">Kontakt</a></nav><main><h1>Fliesen Beispiel</h1></main><footer><a href="/impressum/">Impressum</a></footer></body></html>',
        '/leistungen/':
          '<html><body><nav><a href="/leistungen/">Leistungen</a></nav><main><h1>Bad und Küche</h1><a class="button" href="mailto:angebot@fliesen-beispiel.de?subject=Angebotsanfrage%20Bad&amp;body=Hallo">Angebot anfordern</a></main></body></html>',
        '/kontakt/': '<p>Telefon 0231 9854127, E-Mail info@fliesen-beispiel.de</p>',
        '/impressum/': '<p>Fliesen Beispiel GmbH, Hauptstraße 3, 44287 Dortmund</p>',
      },
      expected: [
        { type: 'EMAIL', value: 'angebot@fliesen-beispiel.de' },
        { type: 'EMAIL', value: 'info@fliesen-beispiel.de' },
      ],
    };
    const { entities, types } = await crawl(site);
    expect(types).toEqual(['home /', 'impressum /impressum/', 'contact /kontakt/', 'other /leistungen/']);
    expectLeads(site, entities);
  });

  it('fetches at most MAX_PAGES pages, the best first, however many candidates a site offers', async () => {
    const links = Array.from({ length: 30 }, (_, i) => `<a href="/team-${i}">Team ${i}</a>`).join(' ');
    const hubs = Array.from({ length: 10 }, (_, i) => `<a href="/bereich-${i}">Bereich ${i}</a>`).join(' ');
    const crowded: FixtureSite = {
      name: 'crowded',
      origin: 'https://crowded.de',
      pages: {
        '/': `<html><body><nav>${hubs}</nav><main>${links}</main><footer><a href="/impressum">Impressum</a></footer></body></html>`,
        '/impressum': '<p>Crowded GmbH</p>',
      },
      expected: [],
    };
    const { pages, paths, types } = await crawl(crowded);
    expect(pages).toHaveLength(MAX_PAGES);
    expect(paths.filter((p) => !p.endsWith('.txt') && !p.endsWith('.xml'))).toHaveLength(MAX_PAGES);
    expect(types[1]).toBe('impressum /impressum');
  });
});

describe('sitemaps', () => {
  it('reads the sitemap index robots.txt names, its page sitemap first, and counts no sitemap as a page', async () => {
    const { entities, pages, paths } = await crawl(weingutAlbrecht);
    expect(paths).toContain('/sitemap_index.xml');
    expect(paths).toContain('/page-sitemap.xml');
    expect(paths.filter((p) => p.endsWith('.xml')).length).toBeLessThanOrEqual(3);
    expect(paths).not.toContain('/sitemap.xml');
    expect(pages.map((p) => p.url).filter((u) => u.endsWith('.xml'))).toEqual([]);
    expectLeads(weingutAlbrecht, entities);
  });

  it('falls back to /sitemap.xml, reading CDATA and escaped URLs', async () => {
    const { entities, types } = await crawl(fotostudioLange);
    expect(types).toEqual(['home /', 'impressum /imprint.html', 'contact /contact.html']);
    expectLeads(fotostudioLange, entities);
  });
});

describe('structured data and obfuscations', () => {
  it("reads contact data stated only in JSON-LD, not a brand's, ignoring a broken block", async () => {
    const { entities } = await crawl(zahnarztWeber);
    expectLeads(zahnarztWeber, entities);
    const values = entities.map((e) => e.value);
    expect(values).not.toContain('+493099999999');
    expect(values).not.toContain('Broken');
    // The layout's untyped block ({"telephone": …}) says nothing about whose number it is.
    expect(values).not.toContain('+49890000000');
    const structured = entities.find((e) => e.type === 'EMAIL');
    expect(structured?.confidence).toBeGreaterThanOrEqual(70);
  });

  it('reads every obfuscated address of a contact page and invents none from look-alike prose', async () => {
    const { entities } = await crawl(kanzleiBrandt);
    expectLeads(kanzleiBrandt, entities);
    const emails = entities.filter((e) => e.type === 'EMAIL');
    // Reconstructed from "{at}"/"(punkt)" or "at": kept below what a mailto link earns.
    const presse = emails.find((e) => e.value === 'presse@kanzlei-brandt.de');
    const anfrage = emails.find((e) => e.value === 'anfrage@kanzlei-brandt.de');
    expect(presse?.confidence).toBeLessThan(anfrage?.confidence ?? 0);
  });
});
