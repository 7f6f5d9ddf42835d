// Streams a fetched page through HTMLRewriter into visible text, links, mailto/tel targets and Cloudflare-protected emails.
//
// Why most of the work is not done in HTMLRewriter handlers: every handler call crosses from lol-html into JS, and in
// workerd that costs 5–8 µs; a 1 MB page has thousands of scripts, SVGs and links (~5,000 calls, ~35 ms) and ~45k text
// chunks (~500 ms if collected by handlers). So the rewriter handles only what is rare and needs an HTML parser — lang,
// <base>, the document title, and Cloudflare-protected addresses (swapped in so labels still sit next to them) — and one
// linear pass over the rewritten markup in plain JS does the rest: it drops invisible elements (script, style, svg …)
// whole, turns block tags into line breaks, and reads each link's href while marking where its text starts and ends.
import { decodeCfEmail } from './cf-email';
import { decodeHtmlEntities } from './html-entities';
import type { PageLink, ParsedPage } from './types';

// Elements whose start and end begin a new line of text. Table cells only get a space so "Telefon: | 030…" stays one line.
const BLOCKS = new Set(
  (
    'address article aside blockquote br caption dd details dialog div dl dt fieldset figcaption figure footer form h1 h2 h3 ' +
    'h4 h5 h6 header hr label legend li main nav ol p pre section summary table tr ul button body html'
  ).split(' '),
);
const CELLS = new Set(['td', 'th']);
// Never visible: dropped with their content. Script, style, textarea and title are raw text up to their end tag, exactly
// as browsers tokenise them; for the others a nested element of the same name (svg in svg) ends the drop early, which at
// worst lets a little invisible text through. A self-closing one (<svg … />, foreign content) is empty.
const HIDDEN = 'script|style|noscript|template|svg|math|iframe|object|textarea|select|head|title';
// Tokenising like a browser, in linear time: once `<` + a letter opens a tag, it runs to the next `>` outside a quoted
// value, or to the end of the input — it never fails and backtracks (a pattern that could fail would rescan the rest of
// the page from every `<`, quadratic on hostile markup). Quotes start a value only after `=`, as in HTML.
const ATTRS = `(?:[^>=]|=\\s*"[^"]*(?:"|$)|=\\s*'[^']*(?:'|$)|=)*`;
const TAG = new RegExp(
  `<(${HIDDEN})\\b${ATTRS}(?:(?<!\\/)>[\\s\\S]*?(?:<\\/\\1\\s*>|$)|>|$)|<!--[\\s\\S]*?(?:-->|$)|<[!?][^>]*(?:>|$)|<(\\/?)([a-zA-Z][^\\s/>]*)(${ATTRS})(?:>|$)`,
  'gi',
);
const ATTRIBUTES = /([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
const LINK_OPEN = '\uE000';
const LINK_MID = '\uE001';
const LINK_CLOSE = '\uE002';
const MARKER = /\uE000(\d+)\uE001|\uE002/g;
const BREAK = '\uE003';
const MAX_LINK_TEXT = 200;

function normaliseSpace(raw: string): string {
  return decodeHtmlEntities(raw)
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\t\n\r\f\v \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g, ' ');
}

/** Longer links are no contact pages, and would bloat rows and events. */
const MAX_URL_LENGTH = 2048;

function absolute(href: string, base: string): string | null {
  try {
    const url = new URL(href, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.href.length <= MAX_URL_LENGTH ? url.href : null;
  } catch {
    return null;
  }
}

function safeDecodeUri(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

interface Tokenized {
  /** Text with link markers, entities decoded, whitespace collapsed, block boundaries as single newlines. */
  marked: string;
  targets: { href: string; label: string }[];
  mailtos: string[];
  tels: string[];
  cfEmails: string[];
}

function attributes(source: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of source.matchAll(ATTRIBUTES)) {
    const name = (m[1] ?? '').toLowerCase();
    if (!found.has(name)) found.set(name, decodeHtmlEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return found;
}

/** One pass over the markup: hidden elements dropped, tags to line breaks, spaces or nothing, links read and marked. */
function tokenize(html: string, baseUrl: () => string): Tokenized {
  const result: Tokenized = { marked: '', targets: [], mailtos: [], tels: [], cfEmails: [] };
  let inLink = false;
  const stripped = html.replace(
    TAG,
    (_match, hidden?: string, closing?: string, name?: string, attrs?: string) => {
      if (hidden || !name) return '';
      const lower = name.toLowerCase();
      if (lower === 'a') {
        if (closing) {
          const close = inLink ? LINK_CLOSE : '';
          inLink = false;
          return close;
        }
        const open = link(attributes(attrs ?? ''), baseUrl(), result);
        const prefix = inLink ? LINK_CLOSE : ''; // an unclosed <a> ends where the next begins, as in browsers
        inLink = open !== '';
        return prefix + open;
      }
      if (BLOCKS.has(lower)) return BREAK;
      return CELLS.has(lower) ? ' ' : '';
    },
  );
  result.marked = normaliseSpace(stripped)
    .replace(/ *\uE003[\uE003 ]*/g, '\n')
    .trim();
  return result;
}

/** Records what an <a> points at; returns the marker opening its text, or '' for links that are not pages. */
function link(attrs: Map<string, string>, base: string, into: Tokenized): string {
  const href = (attrs.get('href') ?? '').trim();
  if (!href) return '';
  const lower = href.toLowerCase();
  if (lower.startsWith('mailto:')) {
    into.mailtos.push(...safeDecodeUri(href.slice(7).split('?')[0] ?? '').split(/[,;]/));
    return '';
  }
  if (lower.startsWith('tel:') || lower.startsWith('callto:')) {
    into.tels.push(safeDecodeUri(href.slice(href.indexOf(':') + 1)).trim());
    return '';
  }
  const cf = lower.indexOf('/cdn-cgi/l/email-protection#');
  if (cf >= 0) {
    const email = decodeCfEmail(href.slice(cf + 28));
    if (email) into.cfEmails.push(email);
    return '';
  }
  const target = absolute(href, base);
  if (!target) return '';
  into.targets.push({ href: target, label: attrs.get('aria-label') ?? attrs.get('title') ?? '' });
  return `${LINK_OPEN}${into.targets.length - 1}${LINK_MID}`;
}

/** Streams the HTML through HTMLRewriter (the Workers runtime global; no DOM library). Accepts a Response or string. */
export async function parsePage(url: string, html: string | Response): Promise<ParsedPage> {
  let title = '';
  let lang: string | null = null;
  let base = url;
  const mailtos: string[] = [];
  const tels: string[] = [];
  const cfEmails: string[] = [];

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
    });

  const response =
    typeof html === 'string'
      ? new Response(html.replace(/[\uE000-\uE003]/g, ''), {
          headers: { 'content-type': 'text/html; charset=utf-8' },
        })
      : html;
  const rewritten = await rewriter.transform(response).text();
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
    links.push({ url: target.href, text: value });
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
  };
}
