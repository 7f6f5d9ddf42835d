// EMAIL extraction: mailto links, Cloudflare-protected addresses, plain text and common obfuscations in six languages.
import { score } from './confidence';
import { registrableDomain } from './domain';
import { contextBefore, thirdPartyBefore } from './text';
import type { Entity, PageType, ParsedPage } from './types';

const PLAIN = /(?<![\w.%+-])[a-z0-9][a-z0-9._%+-]{0,63}@(?:[a-z0-9-]{1,63}\.){1,8}[a-z]{2,24}(?![a-z0-9-])/gi;
// The words written for "@" and "." in German, English, French, Spanish, Italian and Dutch. Each "@" word pairs with
// the "." words of its language (plus "dot", which every language borrows), so prose like "at this point" never pairs.
const AT_WORDS = 'at|ät|arobase|arroba|chiocciola|apenstaartje|@';
const DOT_WORDS = 'dot|punkt|point|punto|punt';
const DOTS_FOR_AT: Record<string, Set<string>> = {
  at: new Set(['dot', 'punkt']),
  ät: new Set(['dot', 'punkt']),
  arobase: new Set(['dot', 'point']),
  arroba: new Set(['dot', 'punto']),
  chiocciola: new Set(['dot', 'punto']),
  apenstaartje: new Set(['dot', 'punt']),
};
// "name [at] firma [dot] de", "name(at)firma.de", "name {arobase} firma (point) fr", "name @ firma.de", "name@firma[dot]de".
// A literal "." counts only between two letters/digits (never ". " — the end of a sentence).
const BRACKET_DOT = `[[({<] {0,2}(?:${DOT_WORDS}|\\.) {0,2}[\\])}>]`;
const BRACKETED = new RegExp(
  `(?<![\\w.%+-])([a-z0-9][a-z0-9._%+-]{0,63})(?: ?[[({<] {0,2}(?:${AT_WORDS}) {0,2}[\\])}>] ?| @ |@)((?:[a-z0-9-]{1,63}(?: ?${BRACKET_DOT} ?|\\.)){1,4}[a-z]{2,24})(?![a-z0-9-])`,
  'gi',
);
const BRACKET_HINT = new RegExp(`[[({<] ?(?:${AT_WORDS}|${DOT_WORDS}) ?[\\])}>]| @ `, 'i');
// "name at firma dot de", "nom arobase societe point fr": only with a spelled-out "." of the same language too.
const WORDS = new RegExp(
  `(?<![\\w.%+-])([a-z0-9][a-z0-9._%+-]{1,63}) (${AT_WORDS.replace('|@', '')}) ((?:[a-z0-9-]{1,63} (?:${DOT_WORDS}) ){1,3}[a-z]{2,24})(?![\\w-])`,
  'gi',
);
const WORDS_HINT = new RegExp(` (?:${DOT_WORDS}) `, 'i');
// "name at firma.de": only for the site's own domain and after a mail label or with a mailbox-like name (else "order
// online at firma.de" would be read as online@firma.de). Found from each mention of the domain, read backwards.
const AT_BEFORE_DOMAIN =
  /(?<![\w.%+-])([a-z0-9][a-z0-9._%+-]{0,63}) (?:at|ät|arobase|arroba|chiocciola|apenstaartje) ((?:[a-z0-9-]{1,63}\.){0,3})$/i;
const MAX_DOMAIN_MENTIONS = 50;
const MAILBOX_NAMES =
  /^(?:info|kontakt|contact|office|mail|post|hello|hallo|service|team|buero|bureau|sales|vertrieb|support|anfrage|praxis|kanzlei|admin|webmaster|ciao|hola|informatie)$/;
const DOT = new RegExp(` ?(?:[[({] {0,2}(?:${DOT_WORDS}|\\.) {0,2}[\\])}]|\\.| (?:${DOT_WORDS}) ) ?`, 'gi');
const LABEL =
  /(?:e-?mail|mail|email|courriel|correo|posta|kontakt|contact|contatto|schreiben sie|write to|écrivez|écrivant|écrire|escríbanos|escribiendo|escriba|scrivici|scrivendo|scrivere|schrijf|stuur)\b[^\n]{0,12}$/i;

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
  const add = (raw: string, evidence: Parameters<typeof score>[1], index?: number) => {
    const value = normaliseEmail(raw);
    if (!isValidEmail(value)) return;
    // "Zuständige Kammer: …, info@kammer.de", "Webdesign: Agentur X, hallo@agentur.de": not the lead's.
    if (index !== undefined && thirdPartyBefore(page.text, index)) return;
    // Privacy policies cite authorities and processors; only the site's own addresses are leads there.
    if (pageType === 'legal' && registrableDomain(value.slice(value.indexOf('@') + 1)) !== pageDomain) return;
    found.push({ type: 'EMAIL', value, confidence: score(pageType, evidence), source_url: page.url });
  };

  const text = page.text;
  // A link's address that the page prints only on someone else's line ("Zuständige Kammer: …, info@kammer.de" as a
  // mailto: link) is theirs, as the printed address is.
  const printed = new Map<string, boolean>();
  for (const m of text.matchAll(PLAIN)) {
    const value = normaliseEmail(m[0]);
    const theirs = thirdPartyBefore(text, m.index);
    printed.set(value, (printed.get(value) ?? true) && theirs);
    if (!theirs) add(m[0], { label: LABEL.test(contextBefore(text, m.index)) });
  }
  for (const raw of [...page.mailtos, ...page.cfEmails]) {
    if (printed.get(normaliseEmail(raw)) !== true) add(raw, { link: true });
  }
  if (BRACKET_HINT.test(text)) {
    for (const m of text.matchAll(BRACKETED)) {
      const domain = (m[2] ?? '').replace(DOT, '.');
      add(`${m[1]}@${domain}`, { guess: true, label: LABEL.test(contextBefore(text, m.index)) }, m.index);
    }
  }
  if (WORDS_HINT.test(text)) {
    for (const m of text.matchAll(WORDS)) {
      const local = (m[1] ?? '').toLowerCase();
      const raw = m[3] ?? '';
      const dots = DOTS_FOR_AT[(m[2] ?? '').toLowerCase()];
      const used = [...raw.matchAll(new RegExp(` (${DOT_WORDS}) `, 'gi'))].map((d) =>
        (d[1] ?? '').toLowerCase(),
      );
      if (!dots || used.some((word) => !dots.has(word))) continue;
      const domain = raw.replace(DOT, '.');
      const tld = domain.slice(domain.lastIndexOf('.') + 1).toLowerCase();
      if (PROSE_WORDS.has(local) || !COMMON_TLDS.has(tld)) continue;
      add(`${local}@${domain}`, { guess: true, label: LABEL.test(contextBefore(text, m.index)) }, m.index);
    }
  }
  if (pageDomain) {
    const domainAt = new RegExp(`${pageDomain.replace(/[.-]/g, '\\$&')}(?![\\w-])`, 'gi');
    let mentions = 0;
    for (const mention of text.matchAll(domainAt)) {
      if (++mentions > MAX_DOMAIN_MENTIONS) break;
      const before = AT_BEFORE_DOMAIN.exec(text.slice(Math.max(0, mention.index - 140), mention.index));
      if (!before) continue;
      const local = (before[1] ?? '').toLowerCase();
      const start = mention.index - before[0].length;
      const label = LABEL.test(contextBefore(text, start));
      if (!label && !MAILBOX_NAMES.test(local)) continue;
      add(`${local}@${(before[2] ?? '') + mention[0]}`, { guess: true, label }, start);
    }
  }
  return found;
}
