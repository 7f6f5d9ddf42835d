// Text whose inline styling changes what a reader sees, as email obfuscations use it:
// • reversed: written backwards in the markup (`ed.amrif@ofni`) and turned around for display by a bidi override —
//     <span style="unicode-bidi:bidi-override; direction:rtl">…</span>   (inline style: both declarations needed)
//     <bdo dir="rtl">…</bdo>                                              (the HTML element for exactly this)
//     <span class="rev">…</span> with `.rev { unicode-bidi: bidi-override; direction: rtl }` in a <style> block
//   (`direction: rtl` alone does not reorder Latin letters, so it is not enough);
// • hidden decoys: an inline element with `display:none` / `visibility:hidden` or the `hidden` attribute inside an
//   address (`info@<span style="display:none">null</span>firma.de`), whose text a reader never sees.
// The tokenizer asks only for tags whose raw attributes mention "rtl", "none", "hidden" or a known reversing class.

export type StyleEffect = 'reverse' | 'hide';

const OVERRIDE = /unicode-bidi\s*:\s*bidi-override/i;
const RTL = /direction\s*:\s*rtl/i;
const INVISIBLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i;
// Only phrasing elements: a hidden <ul> or <div> is a dropdown menu or a modal, whose links still matter.
const INLINE = new Set([
  'span',
  'i',
  'b',
  'em',
  'strong',
  'small',
  'font',
  'u',
  's',
  'sub',
  'sup',
  'code',
  'kbd',
]);
const MAX_SELECTOR = 300;

/** Classes a style sheet declares as reversing; only a selector's last compound counts (`.a .rev` → rev). */
export function reversingClasses(css: string, into: Set<string>): void {
  if (!css.includes('bidi-override')) return;
  for (const rule of css.split('}')) {
    const open = rule.indexOf('{');
    if (open === -1) continue;
    const body = rule.slice(open + 1);
    if (!OVERRIDE.test(body) || !RTL.test(body)) continue;
    for (const selector of rule.slice(Math.max(0, open - MAX_SELECTOR), open).split(',')) {
      const last =
        selector
          .trim()
          .split(/[\s>+~]+/)
          .pop() ?? '';
      for (const m of last.matchAll(/\.([\w-]+)/g)) if (m[1]) into.add(m[1]);
    }
  }
}

/** What an opening tag does to its text, judged from its lower-cased name and raw attributes (parsed only if needed). */
export function styleEffect(
  tag: string,
  rawAttrs: string,
  classes: ReadonlySet<string>,
  parse: (raw: string) => Map<string, string>,
): StyleEffect | null {
  const maybeReversed =
    tag === 'bdo' || rawAttrs.includes('rtl') || (classes.size > 0 && rawAttrs.includes('class'));
  const maybeHidden = INLINE.has(tag) && (rawAttrs.includes('none') || rawAttrs.includes('hidden'));
  if (!maybeReversed && !maybeHidden) return null;
  const attrs = parse(rawAttrs);
  const style = attrs.get('style') ?? '';
  if (maybeHidden && (attrs.has('hidden') || INVISIBLE.test(style))) return 'hide';
  if (tag === 'bdo') return (attrs.get('dir') ?? '').trim().toLowerCase() === 'rtl' ? 'reverse' : null;
  if (OVERRIDE.test(style) && RTL.test(style)) return 'reverse';
  if (!classes.size) return null;
  return (attrs.get('class') ?? '').split(/\s+/).some((name) => classes.has(name)) ? 'reverse' : null;
}

/** Reverses by code point, so letters outside the BMP survive. */
export function reverseText(text: string): string {
  return [...text].reverse().join('');
}
