// Requirements of an RFP and their level: "muss/zwingend/must/shall/doit" → must,
// "soll/wünschenswert/should/souhaitable" → should.
import type { DocLine } from '../../text';
import type { Found } from '../shared/labels';

type Level = 'must' | 'should';

const MUST =
  /(\bmuss\b|\bmüssen\b|\bzwingend|\bMindestanforderung|\bAusschlusskriteri|\bverpflichtend|\bunabdingbar|\b(ist|sind)\s+(nachzuweisen|vorzulegen|zu\s+erfüllen|erforderlich)\b|\bmust\b|\bshall\b|\bmandatory\b|\bminimum\s+requirements?\b|\b(is|are)\s+required\b|\bessential\b|\bdoit\b|\bdoivent\b|\bobligatoire|\bexigée?s?(?![a-zà-ÿ])|\bimpérativement\b)/i;
const SHOULD =
  /(\bsoll\b|\bsollen\b|\bsollte\b|\bsollten\b|\bwünschenswert|\bvon\s+Vorteil\b|\bvorteilhaft|\bSoll-|\bshould\b|\bdesirable\b|\bpreferred\b|\bpreferably\b|\bnice\s+to\s+have\b|\badvantageous\b|\boptional\b|\bsouhaitable|\bdevrait\b|\bdevraient\b|\bde\s+préférence\b|\bapprécié)/i;
const BULLET = /^\s*([-–•*▪·]|\d{1,2}[.)]|[a-z][.)])\s+/;
// A numbered section title ("2. Anforderungen") is a heading, not a list item.
const SECTION = /^\s*\d{1,2}(\.\d{1,2})*\.?\s+\p{Lu}[^.:]{0,60}$/u;

export function levelOf(text: string): Level | null {
  if (MUST.test(text)) return 'must';
  if (SHOULD.test(text)) return 'should';
  return null;
}

/**
 * Bullets take their level from their own wording, else from the heading above them ("Mindestanforderungen:",
 * "Desirable requirements"); prose sentences count only with their own keyword. Lines already read as a
 * field (the deadline sentence "Proposals must be received by …") are skipped.
 */
export function rfpRequirements(
  lines: DocLine[],
  skip: Set<number>,
): Found<{ text: string; level: Level }>[] {
  const found: Found<{ text: string; level: Level }>[] = [];
  let context: Level | null = null;
  for (const [i, line] of lines.entries()) {
    const text = line.text.replace(/\s+/g, ' ').trim();
    if (text === '' || skip.has(line.index)) continue;
    if (isHeading(text, lines[nextFilled(lines, i)]?.text ?? '')) {
      context = levelOf(text);
      continue;
    }
    const bullet = BULLET.exec(text);
    const body = bullet ? text.slice(bullet[0].length) : text;
    const previous = found.at(-1);
    // A bullet's text wrapped onto the next line continues it.
    if (
      !bullet &&
      previous &&
      previous.line.index === line.index - 1 &&
      BULLET.test(previous.line.text) &&
      !/[.!]$/.test(previous.value.text)
    ) {
      previous.value.text = `${previous.value.text} ${body}`;
      continue;
    }
    if (bullet) {
      const level = levelOf(body) ?? context;
      if (level) found.push({ value: { text: body, level }, line });
      continue;
    }
    for (const sentence of body.split(/(?<=[.!?])\s+(?=\p{Lu})/u)) {
      const level = levelOf(sentence);
      if (level) found.push({ value: { text: sentence, level }, line });
    }
  }
  return found;
}

function isHeading(text: string, next: string): boolean {
  if (BULLET.test(text) && !SECTION.test(text)) return false;
  if (SECTION.test(text) || (text.endsWith(':') && text.length <= 80)) return true;
  return text.length <= 60 && !/[.!?]$/.test(text) && BULLET.test(next);
}

function nextFilled(lines: DocLine[], i: number): number {
  let j = i + 1;
  while (j < lines.length && lines[j]?.text.trim() === '') j++;
  return j;
}
