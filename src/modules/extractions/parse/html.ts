// Streams a fetched page through HTMLRewriter into visible text, links, mailto/tel targets, Cloudflare-protected emails
// (and TYPO3's, Neos's, CryptX's, EMO's, Joomla's, REDAXO's and WebSite X5's script-hidden ones, and addresses in Astro
// islands' props) and JSON-LD blocks.
//
// Why most of the work is not done in HTMLRewriter handlers: every handler call crosses from lol-html into JS, and in
// workerd that costs 5–8 µs; a 1 MB page has thousands of scripts, SVGs and links (~5,000 calls, ~35 ms) and ~45k text
// chunks (~500 ms if collected by handlers). So the rewriter handles only what is rare and needs an HTML parser — lang,
// <base>, the document title, Cloudflare/TYPO3/Joomla/REDAXO/WebSite X5-protected addresses (swapped in so labels still
// sit next to them) and JSON-LD scripts — and one linear pass over the rewritten markup in plain JS (tokenize.ts) does
// the rest.
import { decodeCfEmail } from './cf-email';
import { decodeHtmlEntities } from './html-entities';
import { mailtoAddresses } from './mailto';
import {
  astroPropsAddresses,
  decodeCryptX,
  decodeJoomlaMail,
  decodeOffsetMailto,
  decodeTypo3Mailto,
  decodeUnicornHref,
  decodeX5EmailTo,
  typo3TokenFromHref,
} from './script-mail';
import { absolute, MARKER, MARKERS, normaliseSpace, tokenize } from './tokenize';
import type { PageLink, ParsedPage } from './types';

const MAX_LINK_TEXT = 200;
// JSON-LD blocks kept per page and the size of each: an organisation's block is a few kB; a larger one is a product feed.
const MAX_JSON_LD_BLOCKS = 8;
const MAX_JSON_LD_CHARS = 64 * 1024;

/** Streams the HTML through HTMLRewriter (the Workers runtime global; no DOM library). Accepts a Response or string. */
/**
 * The page through the rewriter; for pathological markup (tens of thousands of nested unclosed elements make
 * lol-html give up with "memory limit exceeded") the page as fetched, which the linear tokenizer still reads —
 * only the title, lang, <base>, Cloudflare addresses and JSON-LD the rewriter adds are missing then.
 */
async function rewrite(rewriter: HTMLRewriter, response: Response, html: string | Response): Promise<string> {
  try {
    return await rewriter.transform(response).text();
  } catch (error) {
    if (typeof html !== 'string') throw error;
    return html;
  }
}

export async function parsePage(url: string, html: string | Response): Promise<ParsedPage> {
  let title = '';
  let lang: string | null = null;
  let base = url;
  const mailtos: string[] = [];
  const tels: string[] = [];
  const cfEmails: string[] = [];
  const jsonLd: string[] = [];
  let jsonLdSize = 0;

  const rewriter = new HTMLRewriter()
    .on('html', {
      element(el) {
        const value = el.getAttribute('lang') ?? el.getAttribute('xml:lang');
        if (value?.trim()) lang = value.trim().replace('_', '-');
      },
    })
    .on('base[href]', {
      element(el) {
        base = absolute(decodeHtmlEntities(el.getAttribute('href') ?? ''), url) ?? base;
      },
    })
    // Only the document's own <title>: the one inside <head> (SVG titles are removed with their SVG).
    .on('head > title', {
      text(chunk) {
        title += chunk.text;
      },
    })
    .on('[data-cfemail]', {
      element(el) {
        const email = decodeCfEmail(el.getAttribute('data-cfemail') ?? '');
        if (!email) return;
        cfEmails.push(email);
        // Replace the "[email protected]" placeholder with the address so labels ("E-Mail:") still sit next to it.
        el.setInnerContent(email);
      },
    })
    // TYPO3's spam protection: the shifted mailto: token becomes the link's href, read as any mailto: link.
    .on('a[data-mailto-token], a[href*="linkTo_UnCryptMailto"]', {
      element(el) {
        const href = decodeHtmlEntities(el.getAttribute('href') ?? '');
        const token = el.getAttribute('data-mailto-token') ?? typo3TokenFromHref(href);
        // Neos's MailObfuscator passes its per-link offset; TYPO3's is found from the "mailto:" the token starts with.
        const mailto =
          decodeOffsetMailto(href) ?? (token ? decodeTypo3Mailto(decodeHtmlEntities(token)) : null);
        if (mailto) el.setAttribute('href', mailto);
      },
    })
    // CryptX (WordPress): the DeCryptX('…') pairs become the mailto: link its script opens.
    .on('a[href*="DeCryptX"]', {
      element(el) {
        const mailto = decodeCryptX(decodeHtmlEntities(el.getAttribute('href') ?? ''));
        if (mailto) el.setAttribute('href', mailto);
      },
    })
    // Astro islands carry their component's props as JSON in the props attribute ([type, value] pairs): a string value
    // that is an address on the site's own domain (a form's recipient) is the page's, as a mailto: link would be.
    .on('astro-island[props]', {
      element(el) {
        mailtos.push(...astroPropsAddresses(decodeHtmlEntities(el.getAttribute('props') ?? ''), url));
      },
    })
    // REDAXO's emailobfuscator (rot13_unicorn): the ROT13'd javascript: target becomes the mailto: link again, and the
    // "_at_" its span stands in for becomes the "@" the add-on's script puts back, so the visible address reads whole.
    .on('a[href*="decryptUnicorn"]', {
      element(el) {
        const mailto = decodeUnicornHref(decodeHtmlEntities(el.getAttribute('href') ?? ''));
        if (mailto) el.setAttribute('href', mailto);
      },
    })
    .on('span.unicorn > span', {
      text(chunk) {
        if (chunk.text.trim() === '_at_') chunk.replace('@');
      },
    })
    // WebSite X5's emailTo(id, reversed address, …): a link becomes the mailto: link the engine would open; any other
    // element calling it on click (a template's clickable box) adds its address to the page's mailto targets.
    .on('[href*="emailTo"], [onclick*="emailTo"]', {
      element(el) {
        const mailto =
          decodeX5EmailTo(decodeHtmlEntities(el.getAttribute('href') ?? '')) ??
          decodeX5EmailTo(decodeHtmlEntities(el.getAttribute('onclick') ?? ''));
        if (!mailto) return;
        if (el.tagName === 'a') el.setAttribute('href', mailto);
        else mailtos.push(...mailtoAddresses(mailto));
      },
    })
    // Joomla's email cloaking: the address replaces the "JavaScript required" placeholder, so labels sit next to it.
    .on('joomla-hidden-mail', {
      element(el) {
        const email = decodeJoomlaMail((name) => el.getAttribute(name));
        if (email) el.setInnerContent(email);
      },
    })
    // Structured data (json-ld.ts reads it). The attribute value is matched exactly, as sites write it.
    .on('script[type="application/ld+json"]', {
      element() {
        jsonLdSize = jsonLd.length < MAX_JSON_LD_BLOCKS ? 0 : Number.POSITIVE_INFINITY;
        if (jsonLdSize === 0) jsonLd.push('');
      },
      text(chunk) {
        const last = jsonLd.length - 1;
        if (last < 0 || jsonLdSize > MAX_JSON_LD_CHARS) return;
        jsonLdSize += chunk.text.length;
        // Too long: dropped whole (a cut JSON document would not parse anyway).
        jsonLd[last] = jsonLdSize > MAX_JSON_LD_CHARS ? '' : `${jsonLd[last]}${chunk.text}`;
      },
    });

  const response =
    typeof html === 'string'
      ? new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } })
      : html;
  // The tokenizer's markers are private-use characters: any in the page itself are removed first.
  const rewritten = (await rewrite(rewriter, response, html)).replace(MARKERS, '');
  const tokens = tokenize(rewritten, () => base);
  const { marked, targets } = tokens;
  mailtos.push(...tokens.mailtos);
  tels.push(...tokens.tels);
  cfEmails.push(...tokens.cfEmails);

  // Cut the link markers out of the text, remembering where each link's text starts and ends.
  const spans: { index: number; start: number; end: number }[] = [];
  let raw = '';
  let open: { index: number; start: number } | null = null;
  let last = 0;
  for (const m of marked.matchAll(MARKER)) {
    raw += marked.slice(last, m.index);
    last = m.index + m[0].length;
    if (open) spans.push({ ...open, end: raw.length });
    open = m[1] === undefined ? null : { index: Number(m[1]), start: raw.length };
  }
  raw += marked.slice(last);
  if (open) spans.push({ ...open, end: Math.min(raw.length, open.start + MAX_LINK_TEXT) });
  // Removing markers can leave a space next to a newline or a blank line.
  const text = spans.length
    ? raw
        .replace(/ +\n|\n +/g, '\n')
        .replace(/\n{2,}/g, '\n')
        .replace(/ {2,}/g, ' ')
        .trim()
    : raw;

  const links: PageLink[] = [];
  const seenLinks = new Set<string>();
  for (const span of spans) {
    const target = targets[span.index];
    if (!target) continue;
    const inner = raw.slice(span.start, span.end);
    const value = (inner || target.label).replace(/\s+/g, ' ').trim().slice(0, MAX_LINK_TEXT);
    const key = `${target.href}\n${value}`;
    if (seenLinks.has(key)) continue;
    seenLinks.add(key);
    links.push(
      target.zone ? { url: target.href, text: value, zone: target.zone } : { url: target.href, text: value },
    );
  }
  return {
    url,
    title: normaliseSpace(title).trim(),
    lang,
    text,
    links,
    mailtos: [...new Set(mailtos.map((m) => m.trim()).filter(Boolean))],
    tels: [...new Set(tels.filter(Boolean))],
    cfEmails: [...new Set(cfEmails)],
    jsonLd: jsonLd.filter((block) => block.trim()),
  };
}
