// The linear pass of parsePage (html.ts) over the rewritten markup, in plain JS: drops invisible elements (script,
// style, svg …) whole, turns block tags into line breaks, reads each link's href while marking where its text starts and
// ends, notes whether a link sits in the page's navigation or footer, turns around text shown reversed and drops inline
// decoys shown to nobody (styled-text.ts), puts what an inline script writes of an address in its place
// (inline-script.ts), and collects mailto/tel targets and Cloudflare-protected link addresses.
import { decodeCfEmail } from './cf-email';
import { decodeHtmlEntities } from './html-entities';
import { scriptWrittenText } from './inline-script';
import { mailtoAddresses, telNumber } from './mailto';
import { decodeEmoScript } from './script-mail';
import { reverseText, reversingClasses, type StyleEffect, styleEffect } from './styled-text';
import type { LinkZone } from './types';

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
/** A link's markers in the tokenized text: opening (with the link's index) and closing. */
export const MARKER = /\uE000(\d+)\uE001|\uE002/g;
const BREAK = '\uE003';
// Around the text of a styled element (styled-text.ts); applied only when no other marker sits inside.
const EFFECT_MARKERS: Record<StyleEffect, [string, string]> = {
  reverse: ['\uE004', '\uE005'],
  hide: ['\uE006', '\uE007'],
};
const REVERSED = /\uE004([^\uE000-\uE007]*)\uE005/g;
const HIDDEN_TEXT = /\uE006[^\uE000-\uE007]*\uE007/g;
/** Every marker character the tokenizer uses (private-use code points), to be removed from a page first. */
export const MARKERS = /[\uE000-\uE007]/g;
const RTL_SCRIPT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;
const STYLED = new Set(['style', 'head']);

// Navigation and footer: the page's own <nav>, <header> and <footer>, and, on sites built before those elements, a <div>
// or <ul> whose id, class or role says nav/menu/header/footer. Only the outermost such element counts; it ends where
// its own tag closes (same-name nesting counted). Links there are the site's menu, which hub discovery prefers.
const ZONE_ELEMENTS = new Map<string, LinkZone>([
  ['nav', 'nav'],
  ['header', 'nav'],
  ['footer', 'footer'],
]);
const ZONE_CONTAINERS = new Set(['div', 'ul']);
const ZONE_HINT = /(?:^|[\s_-])(nav|navbar|navigation|menu|menubar|mainmenu|header|footer)(?:$|[\s_-])/i;

export function normaliseSpace(raw: string): string {
  return decodeHtmlEntities(raw)
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\t\n\r\f\v \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g, ' ');
}

/** Longer links are no contact pages, and would bloat rows and events. */
const MAX_URL_LENGTH = 2048;

export function absolute(href: string, base: string): string | null {
  try {
    const url = new URL(href, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.href.length <= MAX_URL_LENGTH ? url.href : null;
  } catch {
    return null;
  }
}

export interface Tokenized {
  /** Text with link markers, entities decoded, whitespace collapsed, block boundaries as single newlines. */
  marked: string;
  targets: { href: string; label: string; zone: LinkZone | null }[];
  mailtos: string[];
  tels: string[];
  cfEmails: string[];
}

/** An open element being tracked to its end tag: its name and how many of that name are open inside it. */
interface Open<T> {
  tag: string;
  depth: number;
  value: T;
}

/** Counts same-name nesting; true when this end tag closes the tracked element. */
function closes<T>(open: Open<T>, tag: string, closing: boolean): boolean {
  if (tag !== open.tag) return false;
  open.depth += closing ? -1 : 1;
  return open.depth === 0;
}

function zoneOf(tag: string, attrs: string): LinkZone | null {
  const element = ZONE_ELEMENTS.get(tag);
  if (element) return element;
  if (!ZONE_CONTAINERS.has(tag) || !/nav|menu|header|footer/i.test(attrs)) return null;
  const parsed = attributes(attrs);
  for (const name of ['id', 'class', 'role']) {
    const hint = ZONE_HINT.exec((parsed.get(name) ?? '').slice(0, 200))?.[1]?.toLowerCase();
    if (hint) return hint === 'footer' ? 'footer' : 'nav';
  }
  return null;
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
export function tokenize(html: string, baseUrl: () => string): Tokenized {
  const result: Tokenized = { marked: '', targets: [], mailtos: [], tels: [], cfEmails: [] };
  let inLink = false;
  let zone: Open<LinkZone> | null = null;
  let styled: Open<StyleEffect> | null = null;
  const effects = new Set<StyleEffect>();
  const reversingClassNames = new Set<string>();
  const stripped = html.replace(
    TAG,
    (match: string, hidden?: string, closing?: string, name?: string, attrs?: string) => {
      if (hidden) {
        // Style sheets (in <head>, dropped whole, or in the body) come before their use on real pages; a class declared
        // after its use is missed.
        if (STYLED.has(hidden.toLowerCase())) reversingClasses(match, reversingClassNames);
        // An address an inline script joins from parts and writes out stands where the script is, as in a browser.
        if (hidden.toLowerCase() === 'script') {
          // ProcessWire's EMO: the addresses its script decodes into the placeholders are the page's mailto targets.
          if (match.includes('emo_addr')) {
            for (const mailto of decodeEmoScript(match)) result.mailtos.push(...mailtoAddresses(mailto));
          }
          const written = scriptWrittenText(match).replace(MARKERS, '');
          return written ? ` ${written} ` : '';
        }
        return '';
      }
      if (!name) return '';
      const lower = name.toLowerCase();
      const isClosing = Boolean(closing);
      if (zone) {
        if (closes(zone, lower, isClosing)) zone = null;
      } else if (!isClosing) {
        const found = zoneOf(lower, attrs ?? '');
        if (found) zone = { tag: lower, depth: 1, value: found };
      }
      let effect = '';
      if (styled) {
        if (closes(styled, lower, isClosing)) {
          effect = EFFECT_MARKERS[styled.value][1];
          styled = null;
        }
      } else if (!isClosing && attrs) {
        const found = styleEffect(lower, attrs, reversingClassNames, attributes);
        if (found) {
          styled = { tag: lower, depth: 1, value: found };
          effects.add(found);
          effect = EFFECT_MARKERS[found][0];
        }
      }
      if (lower === 'a') {
        if (closing) {
          const close = inLink ? LINK_CLOSE : '';
          inLink = false;
          return effect + close;
        }
        const open = link(attributes(attrs ?? ''), baseUrl(), result, zone?.value ?? null);
        const prefix = inLink ? LINK_CLOSE : ''; // an unclosed <a> ends where the next begins, as in browsers
        inLink = open !== '';
        return prefix + open + effect;
      }
      // An image button (old sites' menus: <a href="…"><img alt="Kontakt"></a>) names its link by its alt text.
      if (lower === 'img' && inLink && attrs) {
        const target = result.targets[result.targets.length - 1];
        if (target && !target.label) target.label = attributes(attrs).get('alt')?.trim() ?? '';
      }
      // The effect markers sit inside a block's breaks, so they wrap just the element's own text.
      if (BLOCKS.has(lower)) return isClosing ? effect + BREAK : BREAK + effect;
      return (CELLS.has(lower) ? ' ' : '') + effect;
    },
  );
  let text = normaliseSpace(stripped);
  if (effects.has('hide')) text = text.replace(HIDDEN_TEXT, '');
  if (effects.has('reverse')) {
    text = text.replace(REVERSED, (_whole, inner: string) =>
      RTL_SCRIPT.test(inner) ? inner : reverseText(inner),
    );
  }
  result.marked = text
    .replace(/[\uE004-\uE007]/g, '')
    .replace(/ *\uE003[\uE003 ]*/g, '\n')
    .trim();
  return result;
}

const WHATSAPP =
  /^https?:\/\/(?:wa\.me\/|(?:api|web)\.whatsapp\.com\/send\/?\?(?:[^#]*&)?phone=)\+?(\d{8,15})(?!\d)/i;

/** Records what an <a> points at; returns the marker opening its text, or '' for links that are not pages. */
function link(attrs: Map<string, string>, base: string, into: Tokenized, zone: LinkZone | null): string {
  const href = (attrs.get('href') ?? '').trim();
  if (!href) return '';
  const lower = href.toLowerCase();
  if (lower.startsWith('mailto:')) {
    into.mailtos.push(...mailtoAddresses(href));
    return '';
  }
  if (lower.startsWith('tel:') || lower.startsWith('callto:')) {
    into.tels.push(telNumber(href));
    return '';
  }
  // A WhatsApp chat link names the number in international form: "https://wa.me/31623847195",
  // "https://api.whatsapp.com/send?phone=436643827159&text=…".
  const whatsapp = WHATSAPP.exec(href);
  if (whatsapp?.[1]) into.tels.push(`+${whatsapp[1]}`);
  const cf = lower.indexOf('/cdn-cgi/l/email-protection#');
  if (cf >= 0) {
    const email = decodeCfEmail(href.slice(cf + 28));
    if (email) into.cfEmails.push(email);
    return '';
  }
  const target = absolute(href, base);
  if (!target) return '';
  into.targets.push({ href: target, label: attrs.get('aria-label') ?? attrs.get('title') ?? '', zone });
  return `${LINK_OPEN}${into.targets.length - 1}${LINK_MID}`;
}
