// Default phone region for numbers written without a country code.
//
// Order: a country-code TLD wins (.de/.at/.ch → DE/AT/CH, .uk/.co.uk → GB, other ccTLDs map to themselves);
// then the lang attribute's region subtag (de-AT → AT, en-US → US); then its language: de → DE, en → GB (we mine
// mostly European sites; an English page on a generic TLD is more often British than American, and numbers written
// with "+" parse the same either way); fr → FR, nl → NL, it → IT, es → ES, pl → PL; fallback DE.
const TLD_REGION: Record<string, string> = { uk: 'GB' };
const LANG_REGION: Record<string, string> = {
  de: 'DE',
  en: 'GB',
  fr: 'FR',
  nl: 'NL',
  it: 'IT',
  es: 'ES',
  pl: 'PL',
  da: 'DK',
  sv: 'SE',
};
const GENERIC_TLDS = new Set([
  'com',
  'net',
  'org',
  'info',
  'biz',
  'io',
  'co',
  'app',
  'dev',
  'shop',
  'online',
  'tech',
  'me',
  'tv',
  'eu',
]);

/** Default phone region from the site's TLD and the page's lang attribute (fallback 'DE'). */
export function defaultRegion(siteUrl: string, lang: string | null): string {
  let tld = '';
  try {
    tld = new URL(siteUrl).hostname.toLowerCase().split('.').pop() ?? '';
  } catch {
    tld = '';
  }
  const mapped = TLD_REGION[tld];
  if (mapped) return mapped;
  if (/^[a-z]{2}$/.test(tld) && !GENERIC_TLDS.has(tld)) return tld.toUpperCase();
  const [language = '', subtag = ''] = (lang ?? '').toLowerCase().split(/[-_]/);
  if (/^[a-z]{2}$/.test(subtag)) return subtag === 'uk' ? 'GB' : subtag.toUpperCase();
  return LANG_REGION[language] ?? 'DE';
}
