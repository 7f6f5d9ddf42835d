// EMAIL extraction: mailto links, Cloudflare-protected addresses, plain text and common obfuscations.
import { score } from './confidence';
import { registrableDomain } from './domain';
import { contextBefore } from './text';
import type { Entity, PageType, ParsedPage } from './types';

const PLAIN = /(?<![\w.%+-])[a-z0-9][a-z0-9._%+-]{0,63}@(?:[a-z0-9-]{1,63}\.){1,8}[a-z]{2,24}(?![a-z0-9-])/gi;
// "name [at] firma [dot] de", "name(at)firma.de", "name {at} firma (punkt) de", "name @ firma.de".
const BRACKETED =
  /(?<![\w.%+-])([a-z0-9][a-z0-9._%+-]{0,63}) ?(?:[[({<] ?(?:at|ät|@) ?[\])}>]| @ ) ?((?:[a-z0-9-]{1,63} ?(?:[[({] ?(?:dot|punkt|\.) ?[\])}]|\.) ?){1,4}[a-z]{2,24})(?![a-z0-9-])/gi;
// "name at firma dot de": only with a spelled-out "dot"/"punkt" too, otherwise ordinary prose matches.
const WORDS =
  /(?<![\w.%+-])([a-z0-9][a-z0-9._%+-]{1,63}) (?:at|ät) ((?:[a-z0-9-]{1,63} (?:dot|punkt) ){1,3}[a-z]{2,24})(?![\w-])/gi;
const DOT = / ?(?:[[({] ?(?:dot|punkt|\.) ?[\])}]|\.| dot | punkt ) ?/gi;
const LABEL = /(?:e-?mail|mail|email|kontakt|contact|schreiben sie|write to)\b[^\n]{0,12}$/i;

const SYNTAX =
  /^[a-z0-9](?:[a-z0-9._%+-]{0,62}[a-z0-9_%+-])?@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$/;
// Retina image names ("logo@2x.png") and asset references look like addresses.
const FILE_TLDS = new Set([
  'png',
  'jpg',
  'jpeg',
  'gif',
  'svg',
  'webp',
  'avif',
  'ico',
  'css',
  'js',
  'json',
  'pdf',
  'mp4',
  'woff',
  'woff2',
]);
const COMMON_TLDS = new Set(
  'de at ch li lu be nl fr it es pt pl cz dk se no fi ie uk eu com net org info biz io co me tv app dev online shop gmbh berlin koeln hamburg bayern nrw us ca au'.split(
    ' ',
  ),
);
// Reserved (RFC 2606) and template placeholder domains.
const PLACEHOLDER_DOMAIN =
  /(?:^|\.)(?:example|test|invalid|localhost|domain|yourdomain|ihre-domain|ihredomain|musterdomain|email|sentry|wixpress)\.[a-z]+$/;
const PROSE_WORDS = new Set([
  'us',
  'we',
  'me',
  'you',
  'him',
  'her',
  'them',
  'it',
  'is',
  'are',
  'was',
  'be',
  'look',
  'find',
  'meet',
  'available',
]);

export function isValidEmail(email: string): boolean {
  if (email.length > 254 || !SYNTAX.test(email) || email.includes('..')) return false;
  const [local = '', domain = ''] = email.split('@');
  if (local.length > 64 || /^[0-9a-f]{24,}$/.test(local)) return false;
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  if (FILE_TLDS.has(tld) || PLACEHOLDER_DOMAIN.test(domain)) return false;
  return !domain.split('.').some((label) => label.startsWith('-') || label.endsWith('-'));
}

export function normaliseEmail(raw: string): string {
  return raw
    .trim()
    .replace(/^mailto:/i, '')
    .toLowerCase();
}

export function extractEmails(page: ParsedPage, pageType: PageType): Entity[] {
  const found: Entity[] = [];
  const pageDomain = (() => {
    try {
      return registrableDomain(new URL(page.url).hostname);
    } catch {
      return '';
    }
  })();
  const add = (raw: string, evidence: Parameters<typeof score>[1]) => {
    const value = normaliseEmail(raw);
    if (!isValidEmail(value)) return;
    // Privacy policies cite authorities and processors; only the site's own addresses are leads there.
    if (pageType === 'legal' && registrableDomain(value.slice(value.indexOf('@') + 1)) !== pageDomain) return;
    found.push({ type: 'EMAIL', value, confidence: score(pageType, evidence), source_url: page.url });
  };

  for (const raw of page.mailtos) add(raw, { link: true });
  for (const raw of page.cfEmails) add(raw, { link: true });
  const text = page.text;
  for (const m of text.matchAll(PLAIN)) {
    add(m[0], { label: LABEL.test(contextBefore(text, m.index)) });
  }
  if (/[[({<]\s?(?:at|ät|@)\s?[\])}>]| @ /i.test(text)) {
    for (const m of text.matchAll(BRACKETED)) {
      const domain = (m[2] ?? '').replace(DOT, '.');
      add(`${m[1]}@${domain}`, { guess: true, label: LABEL.test(contextBefore(text, m.index)) });
    }
  }
  if (/ (?:dot|punkt) /i.test(text)) {
    for (const m of text.matchAll(WORDS)) {
      const local = (m[1] ?? '').toLowerCase();
      const domain = (m[2] ?? '').replace(DOT, '.');
      const tld = domain.slice(domain.lastIndexOf('.') + 1).toLowerCase();
      if (PROSE_WORDS.has(local) || !COMMON_TLDS.has(tld)) continue;
      add(`${local}@${domain}`, { guess: true, label: LABEL.test(contextBefore(text, m.index)) });
    }
  }
  return found;
}
