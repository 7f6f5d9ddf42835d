// Property: extractEntities never throws on arbitrary text or HTML, and every value passes its own validator.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractEntities, parsePage } from '../../src/modules/extractions/parse';

const EMAIL =
  /^[a-z0-9](?:[a-z0-9._%+-]{0,62}[a-z0-9_%+-])?@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$/;
const E164 = /^\+[1-9]\d{6,14}$/;

// Fragments that look like contact data, so random strings exercise the extractors, not just the early exits.
const pieces = fc.constantFrom(
  'Tel.: ',
  '+49 (0)30 1234567',
  '030 / 123 45 67',
  'Fax: ',
  'E-Mail: ',
  'info@firma.de',
  ' [at] ',
  ' [dot] ',
  '(at)',
  ' at ',
  ' dot ',
  'Geschäftsführer: ',
  'Dr. Max Mustermann',
  ', ',
  ' und ',
  'Müller GmbH',
  ' & Co. KG',
  'HRB 12345 B',
  'Amtsgericht ',
  'Berlin',
  'Musterstraße 12',
  '\n',
  '10115 ',
  'USt-IdNr.: DE',
  '123456789',
  'London NW1 6XE',
  'CA 94105',
  '<br>',
  '<p>',
  '</p>',
  '<script>',
  '</script>',
  '&#64;',
  '&amp;',
  '<a href="mailto:x@y.de">',
  '</a>',
  '<span data-cfemail="zz">',
  'ä',
  '§ 5 DDG',
);
const texts = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join('')),
);

function checkValues(entities: ReturnType<typeof extractEntities>) {
  for (const entity of entities) {
    expect(Number.isInteger(entity.confidence) && entity.confidence >= 0 && entity.confidence <= 100).toBe(
      true,
    );
    expect(entity.value.trim()).toBe(entity.value);
    expect(entity.value.length).toBeGreaterThan(0);
    if (entity.type === 'EMAIL') expect(entity.value).toMatch(EMAIL);
    if (entity.type === 'PHONE') expect(entity.value).toMatch(E164);
    if (entity.type === 'VAT_ID') expect(entity.value).toMatch(/^[A-Z]{2,3}[0-9A-Z+*]+$/);
  }
}

describe('extractEntities on arbitrary input', () => {
  it('never throws on arbitrary text and only returns valid values', () => {
    fc.assert(
      fc.property(
        texts,
        fc.constantFrom('impressum', 'contact', 'legal', 'other') as fc.Arbitrary<'impressum'>,
        fc.constantFrom('DE', 'GB', 'US'),
        (text, pageType, region) => {
          const page = {
            url: 'https://firma.de/x',
            title: '',
            lang: null,
            text,
            links: [],
            mailtos: [text],
            tels: [text],
            cfEmails: [],
          };
          checkValues(extractEntities(page, pageType, region));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never throws on arbitrary HTML through parsePage', async () => {
    await fc.assert(
      fc.asyncProperty(texts, async (html) => {
        const page = await parsePage('https://firma.de/', html);
        checkValues(extractEntities(page, 'impressum', 'DE'));
      }),
      { numRuns: 150 },
    );
  });
});
