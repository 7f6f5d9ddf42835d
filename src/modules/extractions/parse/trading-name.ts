// COMPANY_NAME of a sole trader or practice, read from the two places such a business states its name without a legal
// form: a trading-name statement ("Muddy Paws Grooming is the trading name of Hannah Clarke", "Hannah Clarke, trading
// as Muddy Paws Grooming"), and the impressum's line right above its owner ("Physiotherapie am Aasee\nInhaberin: Lena
// Brückner"). A name with a legal form found elsewhere outranks these when entities are merged.
import { score } from './confidence';
import type { Entity, PageType, ParsedPage } from './types';

const NAME = String.raw`[\p{Lu}\d][\p{L}\d&'’.-]*(?: (?:[\p{Lu}\d][\p{L}\d&'’.-]*|&|and|of|the|am|an|im|und|von|für)){0,5}`;
const TRADING_NAME_OF = new RegExp(`(?:^|\\n|[.!] )(${NAME}) (?:is|are) (?:the|a) trading name of `, 'gu');
const TRADING_AS = new RegExp(`\\b(?:trading as|t/a) (${NAME})(?=[,.;\\n]|$)`, 'gu');
// The owner's label on an impressum: "Inhaber:", "Inhaberin", "Praxisinhaberin:", "Inh.".
const OWNER_LINE = /^(?:praxis|firmen|geschäfts|betriebs|kanzlei|salon|studio)?(?:inhaber(?:in)?|inh\.)\b/iu;
// Lines above the owner that are labels or headings, not the business's name.
const NOT_NAME =
  /(?:angaben|gemäß|impressum|imprint|anbieter|kontakt|adresse|anschrift|verantwortlich|^(?:herr|frau)\b)|[@:\d]/iu;

export function extractTradingNames(page: ParsedPage, pageType: PageType): Entity[] {
  const text = page.text;
  const found: Entity[] = [];
  const add = (name: string, label: boolean) => {
    const value = name.trim().replace(/[.,]+$/, '');
    if (value.split(' ').length > 6 || value.length < 4) return;
    found.push({ type: 'COMPANY_NAME', value, confidence: score(pageType, { label }), source_url: page.url });
  };
  for (const m of text.matchAll(TRADING_NAME_OF)) add(m[1] ?? '', true);
  for (const m of text.matchAll(TRADING_AS)) add(m[1] ?? '', true);
  if (pageType === 'impressum') {
    const lines = text.split('\n').map((line) => line.trim());
    lines.forEach((line, i) => {
      const above = lines[i - 1] ?? '';
      if (i === 0 || !OWNER_LINE.test(line)) return;
      if (above.length > 60 || !/^\p{Lu}/u.test(above) || NOT_NAME.test(above)) return;
      add(above, false);
    });
  }
  return found;
}
