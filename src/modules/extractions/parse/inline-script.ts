// Addresses a small inline script assembles from string literals, read without running it: the spam protection of
// themes and hand-written pages that joins the parts with "+" — `var u = "info", d = "firma" + "." + "de";
// document.write('<a href="mai' + 'lto:' + u + '&#64;' + d + '">' + u + '&#64;' + d + '</a>')` — or assigns them to a
// link's href or innerHTML. Only plain literals and variables set from them are followed (no calls, no other operators).
import { mailtoAddresses } from './mailto';

/** Larger inline scripts are application code or data, not a written-out address. */
const MAX_SCRIPT_CHARS = 8 * 1024;
// The "@" a script writes: literal, as an HTML reference or a JS or URL escape.
const AT_HINT = /@|&#0*64;|&#x0*40;|\\x40|\\u0040|%40/i;
const JS_TYPE = /^\s*(?:(?:text|application)\/(?:x-)?(?:javascript|ecmascript)|module)?\s*$/i;
const TOKEN =
  /\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|<!--[^\n]*|-->[^\n]*|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\$]|\\.|\$(?!\{))*`|[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*|\S/g;
const ADDRESS = /[a-z0-9][a-z0-9._%+-]{0,63}@(?:[a-z0-9-]{1,63}\.){1,8}[a-z]{2,24}/gi;

/** A string literal's value, and its source (escapes and all); a name or punctuation as written. */
type Token = { kind: 'string' | 'name' | 'punct'; value: string; raw: string };

function unescapeJs(body: string): string {
  return body.replace(
    /\\(?:x([0-9a-f]{2})|u\{([0-9a-f]{1,6})\}|u([0-9a-f]{4})|([\s\S]))/gi,
    (_, x, braced, u, ch) => {
      const code = x ?? braced ?? u;
      if (code) return String.fromCodePoint(Number.parseInt(code, 16));
      return ({ n: '\n', t: '\t', r: '' } as Record<string, string>)[ch] ?? ch;
    },
  );
}

function tokens(script: string): Token[] {
  const out: Token[] = [];
  for (const m of script.matchAll(TOKEN)) {
    const value = m[0];
    const first = value[0] ?? '';
    if (
      value.startsWith('//') ||
      value.startsWith('/*') ||
      value.startsWith('<!--') ||
      value.startsWith('-->')
    )
      continue;
    if (first === "'" || first === '"' || first === '`')
      out.push({ kind: 'string', value: unescapeJs(value.slice(1, -1)), raw: value.slice(1, -1) });
    else if (/[A-Za-z_$]/.test(first)) {
      const name = value.replace(/\s+/g, '');
      out.push({ kind: 'name', value: name, raw: name });
    } else out.push({ kind: 'punct', value, raw: value });
  }
  return out;
}

/** The text a browser would show for written-out HTML, with the addresses of its mailto: links it does not show. */
function visibleText(html: string): string {
  const hrefs = [...html.matchAll(/href\s*=\s*["']?\s*(mailto:[^"'\s>]+)/gi)].flatMap((m) =>
    mailtoAddresses(m[1] ?? ''),
  );
  const text = html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const hidden = hrefs.filter((address) => !text.toLowerCase().includes(address.toLowerCase()));
  return [text, ...new Set(hidden)].filter(Boolean).join(' ');
}

/**
 * What an inline `<script>` element (as matched in the markup, tags included) writes that holds an address joined
 * from parts — each joined string's visible text, one per line — or '' for any other script. A string counts only
 * when its address was made by the joining or hidden by an escape ("\x40"): a literal holding an address as written
 * is configuration (a widget's support address), not an address the page writes out.
 */
export function scriptWrittenText(element: string): string {
  if (element.length > MAX_SCRIPT_CHARS || !element.includes('+') || !AT_HINT.test(element)) return '';
  const open = /^<script\b([^>]*)>/i.exec(element);
  if (!open) return '';
  const type = /\btype\s*=\s*["']?([^"'\s>]*)/i.exec(open[1] ?? '')?.[1] ?? '';
  if (/\bsrc\s*=/i.test(open[1] ?? '') || !JS_TYPE.test(type)) return '';
  const body = element.slice(open[0].length).replace(/<\/script\s*>$/i, '');
  const list = tokens(body);
  const vars = new Map<string, string>();
  const written = new Set<string>();
  // An operand's value and its source: a variable's source is its value.
  const operand = (t: Token | undefined): [string, string] | undefined => {
    if (t?.kind === 'string') return [t.value, t.raw];
    const value = t?.kind === 'name' ? vars.get(t.value) : undefined;
    return value === undefined ? undefined : [value, value];
  };
  for (let i = 0; i < list.length; i++) {
    const first = operand(list[i]);
    if (first === undefined || list[i - 1]?.value === '+') continue;
    const parts = [first];
    let end = i + 1;
    let whole = true;
    while (list[end]?.value === '+') {
      const next = operand(list[end + 1]);
      if (next === undefined) {
        whole = false;
        break;
      }
      parts.push(next);
      end += 2;
    }
    const value = parts.map(([part]) => part).join('');
    const target = list[i - 1]?.value === '=' ? list[i - 2] : undefined;
    // `var d = "firma" + "." + "de"`, `n = 'info'`: a plain variable set from literals only.
    if (target?.kind === 'name' && !target.value.includes('.')) {
      if (whole) vars.set(target.value, value);
      else vars.delete(target.value);
    }
    i = end - 1;
    if (!whole || parts.length < 2) continue;
    const text = visibleText(value.replace(/&#0*64;|&#x0*40;/gi, '@').replace(/&#0*46;|&#x0*2e;/gi, '.'));
    const joined = [...text.matchAll(ADDRESS)].some((a) => !parts.some(([, raw]) => raw.includes(a[0])));
    if (joined) written.add(text);
  }
  return [...written].join('\n');
}
