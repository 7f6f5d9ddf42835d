// Link classification, next-page selection, default phone region, merging and overall confidence.
import { describe, expect, it } from 'vitest';
import {
  classifyLink,
  defaultRegion,
  type Entity,
  mergeEntities,
  overallConfidence,
  type PageLink,
  pickContactPages,
  pickHubLinks,
} from '../../src/modules/extractions/parse';

const site = 'https://www.firma.de';

describe('classifyLink', () => {
  it('takes a customer-service page and a showroom for contact pages', () => {
    expect(classifyLink({ url: `${site}/service/`, text: 'Reparatur und Kundendienst' }, site)).toBe(
      'contact',
    );
    expect(classifyLink({ url: `${site}/ausstellung-lingen/`, text: 'Unsere Räume' }, site)).toBe('contact');
    expect(classifyLink({ url: `${site}/visit/`, text: 'Showroom' }, site)).toBe('contact');
  });
  it('recognises German and English link texts and paths', () => {
    expect(classifyLink({ url: `${site}/x`, text: 'Impressum' }, site)).toBe('impressum');
    expect(classifyLink({ url: `${site}/legal-notice`, text: '' }, site)).toBe('impressum');
    expect(classifyLink({ url: `${site}/kontakt/`, text: 'Schreiben Sie uns' }, site)).toBe('contact');
    expect(classifyLink({ url: `${site}/contact-us`, text: 'Get in touch' }, site)).toBe('contact');
    expect(classifyLink({ url: `${site}/%C3%BCber-uns`, text: 'Über uns' }, site)).toBe('about');
    expect(classifyLink({ url: `${site}/datenschutz`, text: 'Datenschutzerklärung' }, site)).toBe('legal');
    expect(
      classifyLink({ url: `${site}/impressum-datenschutz`, text: 'Impressum & Datenschutz' }, site),
    ).toBe('impressum');
  });

  it.each([
    [
      'de',
      'Impressum',
      '/pflichtangaben',
      'Kontakt & Anfahrt',
      '/kontakt',
      'Über uns',
      '/ueber-uns',
      'Datenschutzerklärung',
      '/datenschutz',
    ],
    [
      'en',
      'Legal notice',
      '/imprint',
      'Contact us',
      '/get-in-touch',
      'Who we are',
      '/about-us',
      'Privacy policy',
      '/privacy-policy',
    ],
    [
      'fr',
      'Mentions légales',
      '/mentions-legales',
      'Nous contacter',
      '/contactez-nous',
      'Qui sommes-nous ?',
      '/a-propos',
      'Politique de confidentialité',
      '/politique-de-confidentialite',
    ],
    [
      'nl',
      'Colofon',
      '/colofon',
      'Contacteer ons',
      '/neem-contact-op',
      'Over ons',
      '/over-ons',
      'Privacyverklaring',
      '/privacyverklaring',
    ],
    [
      'es',
      'Aviso legal',
      '/aviso-legal',
      'Contáctenos',
      '/contacto',
      'Quiénes somos',
      '/quienes-somos',
      'Política de privacidad',
      '/politica-de-privacidad',
    ],
    [
      'it',
      'Note legali',
      '/note-legali',
      'Contattaci',
      '/contatti',
      'Chi siamo',
      '/chi-siamo',
      'Informativa sulla privacy',
      '/informativa-privacy',
    ],
  ])('recognises %s link texts and paths of each kind', (_lang, ...pairs) => {
    const kinds = ['impressum', 'contact', 'about', 'legal'];
    kinds.forEach((kind, i) => {
      const [text = '', path = ''] = [pairs[2 * i], pairs[2 * i + 1]];
      expect(classifyLink({ url: `${site}/x`, text }, site), text).toBe(kind);
      expect(classifyLink({ url: `${site}${path}`, text: '' }, site), path).toBe(kind);
    });
  });

  it('ranks a legal notice above the legal words it contains, and reads paths with accents', () => {
    expect(classifyLink({ url: `${site}/x`, text: 'Aviso legal y política de privacidad' }, site)).toBe(
      'impressum',
    );
    expect(classifyLink({ url: `${site}/x`, text: 'Note legali e privacy' }, site)).toBe('impressum');
    expect(classifyLink({ url: `${site}/%C3%A0-propos`, text: '' }, site)).toBe('about');
    expect(classifyLink({ url: `${site}/fr/mentions-l%C3%A9gales/`, text: '' }, site)).toBe('impressum');
    expect(classifyLink({ url: `${site}/contactos-de-prensa`, text: 'Prensa' }, site)).toBeNull();
  });

  it('ignores other sites, files and uninteresting pages', () => {
    expect(classifyLink({ url: 'https://other.de/impressum', text: 'Impressum' }, site)).toBeNull();
    expect(classifyLink({ url: `${site}/agb.pdf`, text: 'AGB' }, site)).toBeNull();
    expect(classifyLink({ url: `${site}/produkte`, text: 'Produkte' }, site)).toBeNull();
  });
});

describe('pickContactPages', () => {
  it('keeps same-site pages (www. ignored), ranks impressum > contact > about > legal, dedupes and limits', () => {
    const links = [
      { url: 'https://firma.de/datenschutz', text: 'Datenschutz' },
      { url: `${site}/ueber-uns`, text: 'Über uns' },
      { url: `${site}/kontakt`, text: 'Kontakt' },
      { url: `${site}/kontakt/`, text: 'Kontakt' },
      { url: 'https://shop.firma.de/impressum', text: 'Impressum' },
      { url: 'https://google.com/impressum', text: 'Impressum' },
      { url: `${site}/`, text: 'Kontakt' },
    ];
    expect(pickContactPages(links, site, new Set(), 3)).toEqual([
      { url: 'https://shop.firma.de/impressum', page_type: 'impressum' },
      { url: `${site}/kontakt`, page_type: 'contact' },
      { url: `${site}/ueber-uns`, page_type: 'about' },
    ]);
  });

  it('skips pages already seen', () => {
    const links = [{ url: `${site}/impressum`, text: 'Impressum' }];
    expect(pickContactPages(links, site, new Set(['https://firma.de/impressum/']), 5)).toEqual([]);
  });
});

describe('pickHubLinks', () => {
  const link = (path: string, text: string, zone?: PageLink['zone']): PageLink => ({
    url: `${site}${path}`,
    text,
    ...(zone ? { zone } : {}),
  });

  it('prefers menu links by place, then a one-segment path, then a menu word; skips contact pages and posts', () => {
    const links = [
      link('/', 'Start', 'nav'),
      link('/leistungen', 'Leistungen', 'nav'),
      link('/service', 'Service', 'nav'),
      link('/kontakt', 'Kontakt', 'nav'),
      link('/blog/2024/neu', 'Neu im Blog'),
      link('/produkte/pumpe', 'Mehr', 'nav'),
      link('/ratgeber/heizung', 'Ratgeber'),
      link('/downloads', 'Downloads', 'footer'),
      link('/en/', 'English', 'nav'),
      link('/suche?q=x', 'Suche', 'nav'),
    ];
    expect(pickHubLinks(links, site, new Set(), 3).map((h) => h.url)).toEqual([
      `${site}/service`,
      `${site}/leistungen`,
      `${site}/downloads`,
    ]);
  });

  it("takes pages under a script name (Joomla's /index.php/termine) but no home alias (/index.html)", () => {
    const links = [
      link('/index.php', 'Home', 'nav'),
      link('/index.html', 'Startseite', 'nav'),
      link('/index.php/termine', 'Termine', 'nav'),
      link('/index.php/kontakt', 'Kontakt', 'nav'),
    ];
    expect(pickHubLinks(links, site, new Set(), 5).map((h) => h.url)).toEqual([`${site}/index.php/termine`]);
  });

  it('takes the first and last links of a page without navigation markup, and no long or empty labels', () => {
    const filler = Array.from({ length: 40 }, (_, i) => link(`/artikel-${i}/teil`, `Artikel ${i}`));
    const links = [
      link('/betrieb', 'Betrieb'),
      link('/bilder', ''),
      ...filler,
      link(
        '/ueber-die-firma-und-ihre-lange-geschichte',
        'Über die Firma und ihre lange Geschichte seit 1901',
      ),
      link('/info', 'Info'),
    ];
    expect(pickHubLinks(links, site, new Set([`${site}/info`]), 5).map((h) => h.url)).toEqual([
      `${site}/betrieb`,
    ]);
  });
});

describe('defaultRegion', () => {
  it('uses the country TLD first, then the lang attribute, then DE', () => {
    expect(defaultRegion('https://firma.at/', 'de')).toBe('AT');
    expect(defaultRegion('https://firma.co.uk/', null)).toBe('GB');
    expect(defaultRegion('https://firma.com/', 'en-US')).toBe('US');
    expect(defaultRegion('https://firma.com/', 'en')).toBe('GB');
    expect(defaultRegion('https://firma.com/', 'de-CH')).toBe('CH');
    expect(defaultRegion('https://firma.com/', null)).toBe('DE');
  });
});

describe('mergeEntities', () => {
  const e = (value: string, confidence: number, source_url: string, role?: string): Entity => ({
    type: 'PERSON',
    value,
    confidence,
    source_url,
    ...(role ? { role } : {}),
  });

  it('merges spellings of one value, raises confidence with agreement across pages and prefers the impressum', () => {
    const merged = mergeEntities([
      e('Max Mustermann', 70, `${site}/ueber-uns`, 'Geschäftsführer'),
      e('Dr. Max Mustermann', 70, `${site}/impressum`),
      e('Max Mustermann', 50, `${site}/impressum`),
    ]);
    expect(merged).toEqual([
      {
        type: 'PERSON',
        value: 'Dr. Max Mustermann',
        confidence: 91,
        source_url: `${site}/impressum`,
        role: 'Geschäftsführer',
      },
    ]);
  });

  it('sorts by type, then confidence, and caps at 99', () => {
    const merged = mergeEntities([
      { type: 'PHONE', value: '+49301234567', confidence: 95, source_url: 'a' },
      { type: 'PHONE', value: '+49301234567', confidence: 95, source_url: 'b' },
      { type: 'EMAIL', value: 'a@firma.de', confidence: 40, source_url: 'a' },
      { type: 'EMAIL', value: 'b@firma.de', confidence: 80, source_url: 'a' },
    ]);
    expect(merged.map((m) => [m.type, m.value, m.confidence])).toEqual([
      ['EMAIL', 'b@firma.de', 80],
      ['EMAIL', 'a@firma.de', 40],
      ['PHONE', '+49301234567', 99],
    ]);
  });
});

describe('overallConfidence', () => {
  it('is high for a full impressum and low for little or nothing', () => {
    const full: Entity[] = (
      ['COMPANY_NAME', 'ADDRESS', 'EMAIL', 'PHONE', 'REGISTER', 'VAT_ID', 'PERSON'] as const
    ).map((type) => ({
      type,
      value: type,
      confidence: 90,
      source_url: 'x',
    }));
    expect(overallConfidence(full)).toBeGreaterThanOrEqual(85);
    expect(overallConfidence([])).toBe(0);
    expect(
      overallConfidence([{ type: 'EMAIL', value: 'a@b.de', confidence: 40, source_url: 'x' }]),
    ).toBeLessThan(20);
  });
});
