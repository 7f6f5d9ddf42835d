// Link classification, next-page selection, default phone region, merging and overall confidence.
import { describe, expect, it } from 'vitest';
import {
  classifyLink,
  defaultRegion,
  type Entity,
  mergeEntities,
  overallConfidence,
  pickContactPages,
} from '../../src/modules/extractions/parse';

const site = 'https://www.firma.de';

describe('classifyLink', () => {
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
