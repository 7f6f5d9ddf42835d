// Small helpers for looking at the text around a match (labels sit on the same line or the line above).

/** The text before `index` on its line (at most `chars`); when the match opens its line, the end of the line above. */
export function contextBefore(text: string, index: number, chars = 40): string {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  const sameLine = text.slice(Math.max(lineStart, index - chars), index);
  if (sameLine.trim() || lineStart === 0) return sameLine;
  const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  return text.slice(Math.max(prevStart, lineStart - 1 - chars), lineStart - 1);
}

/** The text after `index` up to the end of its line (at most `chars`). */
export function contextAfter(text: string, index: number, chars = 40): string {
  const lineEnd = text.indexOf('\n', index);
  return text.slice(index, Math.min(lineEnd === -1 ? text.length : lineEnd, index + chars));
}

/** Start offsets of each line, for mapping a match to its line cheaply. */
export function lineAt(text: string, index: number): { start: number; end: number; line: string } {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const endIdx = text.indexOf('\n', index);
  const end = endIdx === -1 ? text.length : endIdx;
  return { start, end, line: text.slice(start, end) };
}

// Labels that introduce someone else's contact data on an impressum or a footer: a chamber (any word ending in
// "kammer": "Zuständige Kammer:", "Mitglied der Rechtsanwaltskammer Hamm"), the supervisory authority, an arbitration
// board, the liability insurer, the web agency or host. The agency and host only with a colon or "by": a web agency's
// own site says "Webdesign aus Köln".
const THIRD_PARTY_LABEL =
  /(?:kammer(?![\p{L}])|aufsichtsbehörde|schlichtungsstelle|berufshaftpflicht\p{L}*|haftpflichtversicherung|versicherer\s*:|webdesign\s*:|design(?:ed)? by|website by|site by|realisiert (?:von|durch)|umsetzung\s*:|hosting\s*:|gehostet|hosted by|supervisory authority|regulated by)/iu;

// An impressum's credits printed as a heading of their own, the web agency's or host's data on the line below:
// "Konzeption, Gestaltung und Umsetzung", "Webdesign & Hosting", "Design and development", "Gestaltung:".
const CREDIT_WORD =
  '(?:technische |grafische )?(?:konzept(?:ion)?|gestaltung|umsetzung|realisierung|programmierung|(?:web ?)?design|(?:web ?)?hosting|(?:web )?development)';
const CREDIT_HEADING = new RegExp(
  `^${CREDIT_WORD}(?:\\s*(?:,|&|\\+|/|und|and)\\s*${CREDIT_WORD})*\\s*:?$`,
  'iu',
);

/**
 * Whether the text of its line before `index` introduces a third party's contact data (see THIRD_PARTY_LABEL), or its
 * line sits right under a credits heading (CREDIT_HEADING).
 */
export function thirdPartyBefore(text: string, index: number): boolean {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  if (THIRD_PARTY_LABEL.test(text.slice(Math.max(lineStart, index - 200), index))) return true;
  if (lineStart === 0) return false;
  const above = text.slice(text.lastIndexOf('\n', lineStart - 2) + 1, lineStart - 1).trim();
  return above.length <= 60 && CREDIT_HEADING.test(above);
}
